/**
 * Test harness: a hand-made sandbox catalog and an in-process `PageHttp` that answers from the
 * Rotten Tomatoes / Metacritic sandbox site modules (no server), with the HttpClient's contract:
 * statuses >= 400 throw typed errors unless listed in `passStatuses`.
 */
import { SANDBOX_PATHS } from '../../../../config/load';
import { AuthError, BadRequestError, NotFoundError, UpstreamError } from '../../../../activities/sources/errors';
import type { HttpRequest, HttpResponse } from '../../../../activities/sources/http';
import type { PageHttp } from '../../../../activities/sources/robots';
import { metacriticSite } from '../../../../infra/sandbox/sites/metacritic';
import { rottenTomatoesSite } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import type { SandboxCatalog, SandboxMetacritic, SandboxMovie, SandboxRt, SandboxSite } from '../../../../infra/sandbox/types';

export const ORIGIN = 'http://sandbox.test';
export const RT_BASE = `${ORIGIN}${SANDBOX_PATHS.rottenTomatoes}`;
export const MC_BASE = `${ORIGIN}${SANDBOX_PATHS.metacritic}`;

export function movie(p: { tmdbId: number; title: string; releaseDate: string; rt?: Partial<SandboxRt> | null; metacritic?: Partial<SandboxMetacritic> | null; originalTitle?: string }): SandboxMovie {
  return {
    tmdbId: p.tmdbId,
    imdbId: `tt${String(p.tmdbId).padStart(7, '0')}`,
    title: p.title,
    originalTitle: p.originalTitle ?? p.title,
    originalLanguage: 'en',
    releaseDate: p.releaseDate,
    runtime: 123,
    status: 'Released',
    overview: `Overview of ${p.title}.`,
    tagline: '',
    budget: 0,
    revenue: 0,
    genres: [{ id: 18, name: 'Drama' }],
    productionCountries: [],
    productionCompanies: [],
    spokenLanguages: [],
    directors: ['Some Director'],
    cast: ['Actor One', 'Actor Two'],
    posterPath: null,
    popularity: 100 - p.tmdbId,
    voteAverage: 7,
    voteCount: 100,
    adult: false,
    changedOn: [],
    omdb: null,
    rt:
      p.rt === null || p.rt === undefined
        ? null
        : {
            slug: 'x',
            layout: 'scorecard-2024',
            tomatometer: 80,
            criticReviews: 120,
            audienceScore: 85,
            audienceCountText: '2,500+ Ratings',
            certifiedFresh: true,
            verifiedHot: false,
            ...p.rt,
          },
    metacritic:
      p.metacritic === null || p.metacritic === undefined
        ? null
        : { slug: 'x', metascore: 70, criticReviews: 30, userScore: 7.5, userRatings: 200, layout: 'current', jsonLd: true, ...p.metacritic },
    tags: [],
  };
}

export function catalogOf(movies: SandboxMovie[]): SandboxCatalog {
  return {
    movies,
    byTmdbId: new Map(movies.map((m) => [m.tmdbId, m])),
    byImdbId: new Map(movies.filter((m) => m.imdbId).map((m) => [m.imdbId as string, m])),
  };
}

export interface HarnessOptions {
  /** Replace robots.txt of a site prefix with this status (and optional body). */
  robots?: Record<string, { status: number; body?: string } | Error>;
  /** Extra answers by full URL (e.g. redirects). */
  overrides?: Record<string, HttpResponse>;
}

export class SandboxHttp implements PageHttp {
  readonly calls: HttpRequest[] = [];
  constructor(
    readonly catalog: SandboxCatalog,
    readonly options: HarnessOptions = {},
  ) {}

  urls(): string[] {
    return this.calls.map((c) => c.url);
  }

  async get(req: HttpRequest): Promise<HttpResponse> {
    this.calls.push(req);
    const res = this.answer(req);
    if (res.status >= 400 && !req.passStatuses?.includes(res.status)) {
      const msg = `GET ${req.url} → HTTP ${res.status}`;
      if (res.status === 403 || res.status === 401) throw new AuthError(msg, { status: res.status, url: req.url });
      if (res.status === 404) throw new NotFoundError(msg, { status: res.status, url: req.url });
      if (res.status >= 500) throw new UpstreamError(msg, { status: res.status, url: req.url });
      throw new BadRequestError(msg, { status: res.status, url: req.url });
    }
    return res;
  }

  private answer(req: HttpRequest): HttpResponse {
    if (this.options.overrides?.[req.url]) return this.options.overrides[req.url];
    const u = new URL(req.url);
    const sites: SandboxSite[] = [rottenTomatoesSite, metacriticSite];
    const site = sites.find((s) => u.pathname === s.prefix || u.pathname.startsWith(`${s.prefix}/`));
    const notFound: HttpResponse = { status: 404, headers: {}, body: 'not found', url: req.url };
    if (!site) return notFound;
    const path = u.pathname.slice(site.prefix.length) || '/';
    if (path === '/robots.txt') {
      const o = this.options.robots?.[site.prefix];
      if (o instanceof Error) throw o;
      if (o) return { status: o.status, headers: {}, body: o.body ?? '', url: req.url };
      return site.robotsTxt ? { status: 200, headers: { 'content-type': 'text/plain' }, body: site.robotsTxt(this.catalog), url: req.url } : notFound;
    }
    const headers: Record<string, string> = { host: u.host };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const res = site.handle({ method: 'GET', path, query: u.searchParams, headers }, this.catalog);
    if (!res) return notFound;
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) lower[k.toLowerCase()] = v;
    return { status: res.status, headers: lower, body: res.body, url: req.url };
  }
}
