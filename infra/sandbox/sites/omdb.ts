/**
 * OMDb as the sandbox serves it under /omdb/: every scalar a string, "N/A" for missing values,
 * missing sources omitted from Ratings, and the real error bodies and statuses — 401 for a bad or
 * missing key and for the daily limit, 200 for not found (../shared/SOURCES.md §2).
 */
import { SANDBOX_KEYS } from '../../../config/load';
import { OMDB_COUNTRY_NAMES } from '../catalog-data';
import { omdbDate, utcDate } from '../dates';
import { formatThousands } from '../numbers';
import { escapeHtml, htmlErrorPage, json } from '../responses';
import type { SandboxCatalog, SandboxContext, SandboxMovie, SandboxRequest, SandboxResponse, SandboxSite } from '../types';

export const OMDB_ERRORS = {
  noKey: 'No API key provided.',
  invalidKey: 'Invalid API key!',
  limit: 'Request limit reached!',
  notFound: 'Movie not found!',
  incorrectId: 'Incorrect IMDb ID.',
  missingParams: 'Something went wrong.',
} as const;

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'public, max-age=86400',
  'Access-Control-Allow-Origin': '*',
  Server: 'cloudflare',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': 'ASP.NET',
};

function ok(value: unknown): SandboxResponse {
  return json(200, value, HEADERS);
}

export function omdbError(status: number, message: string): SandboxResponse {
  return json(status, { Response: 'False', Error: message }, HEADERS);
}

const na = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? 'N/A' : String(v));

/** The title record exactly as OMDb shapes it (key order included). */
export function omdbRecord(m: SandboxMovie, plot: 'short' | 'full' = 'short'): Record<string, unknown> {
  const o = m.omdb;
  if (!o) throw new Error(`movie ${m.tmdbId} has no OMDb record`);
  const ratings: { Source: string; Value: string }[] = [];
  if (o.ratings.imdb && o.imdbRating !== null) ratings.push({ Source: 'Internet Movie Database', Value: `${o.imdbRating.toFixed(1)}/10` });
  if (o.ratings.rottenTomatoes && m.rt?.tomatometer != null) ratings.push({ Source: 'Rotten Tomatoes', Value: `${m.rt.tomatometer}%` });
  if (o.ratings.metacritic && o.metascore !== null) ratings.push({ Source: 'Metacritic', Value: `${o.metascore}/100` });
  return {
    Title: m.title,
    Year: m.releaseDate.slice(0, 4),
    Rated: na(o.rated),
    Released: omdbDate(m.releaseDate),
    Runtime: m.runtime === null ? 'N/A' : `${m.runtime} min`,
    Genre: na(m.genres.map((g) => g.name).join(', ')),
    Director: na(m.directors.join(', ')),
    Writer: na(m.directors.slice(0, 1).concat(m.cast.slice(-1)).join(', ')),
    Actors: na(m.cast.slice(0, 3).join(', ')),
    Plot: plot === 'full' ? na(m.overview) : na(o.plot),
    Language: na(m.spokenLanguages.map((l) => l.english_name).join(', ')),
    Country: na(m.productionCountries.map((c) => OMDB_COUNTRY_NAMES[c.iso_3166_1] ?? c.name).join(', ')),
    Awards: na(o.awards),
    Poster: m.posterPath ? `https://m.media-amazon.com/images/M/${m.posterPath.slice(1, 20)}@._V1_SX300.jpg` : 'N/A',
    Ratings: ratings,
    Metascore: na(o.metascore),
    imdbRating: o.imdbRating === null ? 'N/A' : o.imdbRating.toFixed(1),
    imdbVotes: o.imdbVotes === null ? 'N/A' : formatThousands(o.imdbVotes),
    imdbID: m.imdbId,
    Type: 'movie',
    DVD: 'N/A',
    BoxOffice: o.boxOffice === null ? 'N/A' : `$${formatThousands(o.boxOffice)}`,
    Production: 'N/A',
    Website: 'N/A',
    Response: 'True',
  };
}

/** OMDb's XML form (r=xml): one <movie> element whose attributes are the scalar fields. */
function toXml(record: Record<string, unknown>): SandboxResponse {
  const attrs = Object.entries(record)
    .filter(([k, v]) => typeof v === 'string' && k !== 'Response')
    .map(([k, v]) => `${k.charAt(0).toLowerCase()}${k.slice(1)}="${escapeHtml(v as string)}"`)
    .join(' ');
  const body = `<?xml version="1.0" encoding="UTF-8"?><root response="True"><movie ${attrs}/></root>`;
  return { status: 200, headers: { ...HEADERS, 'Content-Type': 'text/xml; charset=utf-8' }, body };
}

function byTitle(catalog: SandboxCatalog, title: string, year: string | null): SandboxMovie | undefined {
  const wanted = title.trim().toLowerCase();
  const hits = catalog.movies.filter(
    (m) => m.omdb && m.title.trim().toLowerCase() === wanted && (!year || m.releaseDate.startsWith(`${year}-`)),
  );
  // OMDb answers a title query with one film: the best-known one.
  return hits.sort((a, b) => (b.omdb?.imdbVotes ?? 0) - (a.omdb?.imdbVotes ?? 0) || a.tmdbId - b.tmdbId)[0];
}

function search(catalog: SandboxCatalog, req: SandboxRequest): SandboxResponse {
  const q = (req.query.get('s') ?? '').trim().toLowerCase();
  const year = req.query.get('y');
  const page = Number(req.query.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > 100) return omdbError(200, 'The page number must be an integer between 1 and 100.');
  const hits = catalog.movies
    .filter((m) => m.omdb && m.imdbId && m.title.toLowerCase().includes(q) && (!year || m.releaseDate.startsWith(`${year}-`)))
    .sort((a, b) => (b.omdb?.imdbVotes ?? 0) - (a.omdb?.imdbVotes ?? 0) || a.tmdbId - b.tmdbId);
  if (!q || hits.length === 0) return omdbError(200, OMDB_ERRORS.notFound);
  return ok({
    Search: hits.slice((page - 1) * 10, page * 10).map((m) => ({
      Title: m.title,
      Year: m.releaseDate.slice(0, 4),
      imdbID: m.imdbId,
      Type: 'movie',
      Poster: omdbRecord(m).Poster,
    })),
    totalResults: String(hits.length),
    Response: 'True',
  });
}

function usageKey(key: string, now: Date): string {
  return `usage:${key}:${utcDate(now)}`;
}

/** Requests a key has made today (UTC) — how the daily quota is counted. */
export function omdbUsage(ctx: Pick<SandboxContext, 'state' | 'now'>, key: string): number {
  return (ctx.state.get(usageKey(key, ctx.now)) as number | undefined) ?? 0;
}

export interface OmdbSiteOptions {
  apiKey?: string;
}

export function createOmdbSite(options: OmdbSiteOptions = {}): SandboxSite {
  const apiKey = options.apiKey ?? SANDBOX_KEYS.omdbApiKey;
  return {
    prefix: '/omdb',
    robotsTxt: () => 'User-agent: *\nDisallow:\n',
    authorize(req, ctx) {
      const key = req.query.get('apikey');
      if (!key) return omdbError(401, OMDB_ERRORS.noKey);
      if (key !== apiKey || ctx.faults.invalidKey) return omdbError(401, OMDB_ERRORS.invalidKey);
      const used = omdbUsage(ctx, key);
      const limit = ctx.faults.dailyLimit;
      if (ctx.faults.quotaExhausted || (limit !== null && used >= limit)) return omdbError(401, OMDB_ERRORS.limit);
      ctx.state.set(usageKey(key, ctx.now), used + 1);
      return undefined;
    },
    rateLimitKey: (req) => req.query.get('apikey') ?? '',
    // OMDb's own failures come from IIS/Cloudflare as HTML, not JSON.
    errorResponse: (status) => htmlErrorPage(status, { Server: 'cloudflare' }),
    handle(req, catalog) {
      if (req.path !== '/' && req.path !== '') return undefined;
      const i = req.query.get('i');
      const t = req.query.get('t');
      const type = req.query.get('type');
      const plot = req.query.get('plot') === 'full' ? 'full' : 'short';
      const asXml = req.query.get('r') === 'xml';
      if (req.query.get('s') !== null) return search(catalog, req);
      let m: SandboxMovie | undefined;
      if (i) {
        if (!/^tt\d{7,9}$/.test(i.trim())) return omdbError(200, OMDB_ERRORS.incorrectId);
        m = catalog.byImdbId.get(i.trim());
        if (!m || !m.omdb) return omdbError(200, OMDB_ERRORS.incorrectId);
      } else if (t) {
        m = byTitle(catalog, t, req.query.get('y'));
        if (!m) return omdbError(200, OMDB_ERRORS.notFound);
      } else {
        return omdbError(200, OMDB_ERRORS.missingParams);
      }
      // The catalog has movies only: asking for a series or episode finds nothing.
      if (type && type !== 'movie') return omdbError(200, OMDB_ERRORS.notFound);
      const record = omdbRecord(m, plot);
      return asXml ? toXml(record) : ok(record);
    },
  };
}

export const omdbSite: SandboxSite = createOmdbSite();
