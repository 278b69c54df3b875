/**
 * TMDB v3 as the sandbox serves it under /tmdb/3: the list envelope, error bodies, status codes,
 * page cap and 14-day changes window of the real API (facts in ../shared/SOURCES.md §1).
 */
import { SANDBOX_KEYS } from '../../../config/load';
import {
  changedIdsBetween,
  discoverMovies,
  DiscoverQuery,
  nowPlayingMovies,
  nowPlayingWindow,
  parseSort,
  popularMovies,
  topRatedMovies,
} from '../catalog-queries';
import { TMDB_GENRES } from '../catalog-data';
import { addDays, daysBetween, isIsoDate } from '../dates';
import { deriveSeed } from '../prng';
import { htmlErrorPage, json, weakEtag } from '../responses';
import type { SandboxCatalog, SandboxContext, SandboxMovie, SandboxRequest, SandboxResponse, SandboxSite } from '../types';

export const TMDB_PAGE_SIZE = 20;
export const TMDB_CHANGES_PAGE_SIZE = 100;
export const TMDB_MAX_CHANGES_DAYS = 14;
export const TMDB_MAX_APPENDS = 20;

/** Status codes and messages of TMDB's error table. */
export const TMDB_ERRORS = {
  authFailed: { http: 401, code: 3, message: 'Authentication failed: You do not have permissions to access the service.' },
  invalidKey: { http: 401, code: 7, message: 'Invalid API key: You must be granted a valid key.' },
  offline: { http: 503, code: 9, message: 'Service offline: This service is temporarily offline, try again later.' },
  internal: { http: 500, code: 11, message: 'Internal error: Something went wrong, contact TMDB.' },
  dateRange: { http: 422, code: 20, message: 'Invalid date range: Should be a range no longer than 14 days.' },
  invalidPage: { http: 400, code: 22, message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.' },
  invalidDate: { http: 400, code: 23, message: 'Invalid date: Format needs to be YYYY-MM-DD.' },
  timeout: { http: 504, code: 24, message: 'Your request to the backend gateway timed out. Please try again.' },
  tooManyAppends: { http: 400, code: 27, message: 'Too many append to response objects: The maximum number of remote calls is 20.' },
  notFound: { http: 404, code: 34, message: 'The resource you requested could not be found.' },
  backendDown: { http: 502, code: 43, message: "Couldn't connect to the backend server." },
  maintenance: { http: 503, code: 46, message: 'The API is undergoing maintenance. Try again later.' },
  invalidInput: { http: 400, code: 47, message: 'The input is not valid.' },
} as const;

type TmdbError = { http: number; code: number; message: string };

/** CloudFront/openresty headers seen on real responses; no X-RateLimit-* (removed in 2019). */
function okHeaders(body: string): Record<string, string> {
  return {
    'Content-Type': 'application/json;charset=utf-8',
    ETag: weakEtag(body),
    'Cache-Control': 'public, max-age=7518',
    Server: 'openresty',
    Vary: 'Origin',
    'X-Cache': 'Hit from cloudfront',
    Via: '1.1 sandbox.cloudfront.net (CloudFront)',
  };
}

function ok(value: unknown): SandboxResponse {
  const body = JSON.stringify(value);
  return { status: 200, headers: okHeaders(body), body };
}

export function tmdbError(err: TmdbError, message: string = err.message): SandboxResponse {
  return json(
    err.http,
    { success: false, status_code: err.code, status_message: message },
    { 'Content-Type': 'application/json;charset=utf-8', 'Cache-Control': 'public, max-age=300', Server: 'openresty', 'X-Cache': 'Error from cloudfront' },
  );
}

// ---------------------------------------------------------------------------------------------
// Item shapes

/** Deterministic stand-ins for fields the catalog does not model. */
function backdropPath(m: SandboxMovie): string | null {
  if (m.tmdbId % 5 === 0) return null;
  return `/${(deriveSeed(m.tmdbId, 'backdrop') >>> 0).toString(36)}${m.tmdbId.toString(36)}Bd.jpg`;
}

function personId(name: string): number {
  return (deriveSeed(7, name) % 4_000_000) + 1;
}

export function tmdbListItem(m: SandboxMovie): Record<string, unknown> {
  return {
    adult: m.adult,
    backdrop_path: backdropPath(m),
    genre_ids: m.genres.map((g) => g.id),
    id: m.tmdbId,
    original_language: m.originalLanguage,
    original_title: m.originalTitle,
    overview: m.overview,
    popularity: m.popularity,
    poster_path: m.posterPath,
    release_date: m.releaseDate,
    // A field added without notice in 2026: parsers must ignore unknown keys.
    softcore: false,
    title: m.title,
    video: false,
    vote_average: m.voteAverage,
    vote_count: m.voteCount,
  };
}

export function tmdbDetails(m: SandboxMovie): Record<string, unknown> {
  return {
    adult: m.adult,
    backdrop_path: backdropPath(m),
    belongs_to_collection: m.tags.includes('remake') ? { id: 900_000 + (m.tmdbId % 1000), name: `${m.title} Collection`, poster_path: null, backdrop_path: null } : null,
    budget: m.budget,
    genres: m.genres,
    homepage: m.tmdbId % 3 === 0 ? `https://example.org/movies/${m.tmdbId}` : '',
    id: m.tmdbId,
    imdb_id: m.imdbId,
    origin_country: [...new Set(m.productionCountries.slice(0, 1).map((c) => c.iso_3166_1))],
    original_language: m.originalLanguage,
    original_title: m.originalTitle,
    overview: m.overview,
    popularity: m.popularity,
    poster_path: m.posterPath,
    production_companies: m.productionCompanies.map((c) => ({ id: c.id, logo_path: c.logo_path, name: c.name, origin_country: c.origin_country })),
    production_countries: m.productionCountries,
    release_date: m.releaseDate,
    revenue: m.revenue,
    runtime: m.runtime,
    spoken_languages: m.spokenLanguages.map((l) => ({ english_name: l.english_name, iso_639_1: l.iso_639_1, name: l.name })),
    status: m.status,
    tagline: m.tagline,
    title: m.title,
    video: false,
    vote_average: m.voteAverage,
    vote_count: m.voteCount,
  };
}

/** As appended to details: no `id` key (the standalone endpoint adds it). */
function externalIds(m: SandboxMovie): Record<string, unknown> {
  return {
    imdb_id: m.imdbId,
    wikidata_id: m.tmdbId % 4 === 0 ? null : `Q${100_000 + m.tmdbId}`,
    facebook_id: m.tmdbId % 2 === 0 ? null : `movie${m.tmdbId}`,
    instagram_id: null,
    twitter_id: m.tmdbId % 3 === 0 ? `film${m.tmdbId}` : null,
  };
}

/** The fields every cast and crew entry starts with, in TMDB's key order. */
function person(name: string, department: string): Record<string, unknown> {
  const id = personId(name);
  return { adult: false, gender: id % 3, id, known_for_department: department, name, original_name: name, popularity: (id % 5000) / 100 };
}

/** TMDB's credit ids: the movie, a "c" (cast) or "d" (crew) marker, and the entry's position. */
function creditId(m: SandboxMovie, kind: 'c' | 'd', k: number): string {
  return `52fe${m.tmdbId.toString(16).padStart(8, '0')}${kind}${k.toString(16).padStart(4, '0')}`;
}

function credits(m: SandboxMovie): Record<string, unknown> {
  return {
    cast: m.cast.map((name, order) => ({
      ...person(name, 'Acting'),
      profile_path: personId(name) % 4 === 0 ? null : `/p${personId(name).toString(36)}.jpg`,
      cast_id: order + 1,
      character: order === 0 ? 'Self' : `Character ${order + 1}`,
      credit_id: creditId(m, 'c', order),
      order,
    })),
    crew: m.directors.map((name, k) => ({
      ...person(name, 'Directing'),
      profile_path: null,
      credit_id: creditId(m, 'd', k),
      department: 'Directing',
      job: 'Director',
    })),
  };
}

function releaseDates(m: SandboxMovie): Record<string, unknown> {
  const origin = m.productionCountries[0]?.iso_3166_1 ?? 'US';
  const certification = m.omdb?.rated ?? '';
  const entry = (date: string, type: number, cert: string, note = '') => ({
    certification: cert,
    descriptors: [],
    iso_639_1: '',
    note,
    release_date: `${date}T00:00:00.000Z`,
    type,
  });
  const results = [{ iso_3166_1: origin, release_dates: [entry(m.releaseDate, 3, origin === 'US' ? certification : '')] }];
  if (origin !== 'US') results.push({ iso_3166_1: 'US', release_dates: [entry(addDays(m.releaseDate, 30), 3, certification)] });
  if (m.tmdbId % 2 === 0) results[0].release_dates.unshift(entry(addDays(m.releaseDate, -20), 1, '', 'Festival Premiere'));
  if (m.tmdbId % 3 !== 0) results[0].release_dates.push(entry(addDays(m.releaseDate, 90), 4, results[0].release_dates[0].certification));
  return { results };
}

const APPENDABLE: Record<string, (m: SandboxMovie) => unknown> = {
  external_ids: externalIds,
  credits,
  release_dates: releaseDates,
  keywords: () => ({ keywords: [] }),
  videos: () => ({ results: [] }),
  images: () => ({ backdrops: [], logos: [], posters: [] }),
  alternative_titles: () => ({ titles: [] }),
};

// ---------------------------------------------------------------------------------------------
// Parameters

function parsePage(req: SandboxRequest, ctx: SandboxContext | undefined): number | SandboxResponse {
  const raw = req.query.get('page');
  if (raw === null || raw === '') return 1;
  const maxPage = ctx?.faults.maxPage ?? 500;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > maxPage) return tmdbError(TMDB_ERRORS.invalidPage);
  return Number(raw);
}

function listPage(items: SandboxMovie[], page: number, extra: Record<string, unknown> = {}): SandboxResponse {
  const results = items.slice((page - 1) * TMDB_PAGE_SIZE, page * TMDB_PAGE_SIZE).map(tmdbListItem);
  // total_pages is NOT capped at the 500-page limit, as on the real API.
  return ok({ ...extra, page, results, total_pages: Math.max(1, Math.ceil(items.length / TMDB_PAGE_SIZE)), total_results: items.length });
}

function dateParam(req: SandboxRequest, name: string): string | undefined | SandboxResponse {
  const v = req.query.get(name);
  if (v === null || v === '') return undefined;
  return isIsoDate(v) ? v : tmdbError(TMDB_ERRORS.invalidDate);
}

function numberParam(req: SandboxRequest, name: string): number | undefined {
  const v = req.query.get(name);
  if (v === null || v === '' || !Number.isFinite(Number(v))) return undefined;
  return Number(v);
}

/**
 * Lists are pure functions of the (immutable) catalog and the query, so they are computed once:
 * paging through a window then costs a slice, which keeps the sandbox far above 40 req/s.
 */
const listCache = new WeakMap<SandboxCatalog, Map<string, unknown>>();
const LIST_CACHE_ENTRIES = 500;

function memo<T>(catalog: SandboxCatalog, key: string, compute: () => T): T {
  let cache = listCache.get(catalog);
  if (!cache) {
    cache = new Map();
    listCache.set(catalog, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size >= LIST_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

const isResponse = (v: unknown): v is SandboxResponse => typeof v === 'object' && v !== null && 'status' in v && 'body' in v;

// ---------------------------------------------------------------------------------------------
// Endpoints

function discover(req: SandboxRequest, catalog: SandboxCatalog, ctx?: SandboxContext): SandboxResponse {
  const page = parsePage(req, ctx);
  if (isResponse(page)) return page;
  const dates: Record<string, string | undefined> = {};
  for (const name of ['primary_release_date.gte', 'primary_release_date.lte', 'release_date.gte', 'release_date.lte']) {
    const v = dateParam(req, name);
    if (isResponse(v)) return v;
    dates[name] = v;
  }
  // The catalog has one release date per movie: primary and any-region filters narrow the same field.
  const gte = [dates['primary_release_date.gte'], dates['release_date.gte']].filter(Boolean).sort().pop();
  const lte = [dates['primary_release_date.lte'], dates['release_date.lte']].filter(Boolean).sort()[0];
  const sort = parseSort(req.query.get('sort_by'));
  if (!sort) return tmdbError(TMDB_ERRORS.invalidInput);
  const query: DiscoverQuery = {
    releaseDateGte: gte,
    releaseDateLte: lte,
    year: numberParam(req, 'primary_release_year') ?? numberParam(req, 'year'),
    includeAdult: req.query.get('include_adult') === 'true',
    withGenres: req.query.get('with_genres') ?? undefined,
    withOriginalLanguage: req.query.get('with_original_language') || undefined,
    voteCountGte: numberParam(req, 'vote_count.gte'),
    voteCountLte: numberParam(req, 'vote_count.lte'),
    voteAverageGte: numberParam(req, 'vote_average.gte'),
    voteAverageLte: numberParam(req, 'vote_average.lte'),
    sort,
  };
  return listPage(
    memo(catalog, `discover:${JSON.stringify(query)}`, () => discoverMovies(catalog, query)),
    page,
  );
}

function changes(req: SandboxRequest, catalog: SandboxCatalog, ctx?: SandboxContext): SandboxResponse {
  const page = parsePage(req, ctx);
  if (isResponse(page)) return page;
  const start = dateParam(req, 'start_date');
  if (isResponse(start)) return start;
  const end = dateParam(req, 'end_date');
  if (isResponse(end)) return end;
  const today = ctx?.today ?? catalog.today ?? end ?? start ?? '1970-01-01';
  // Default window: the last 24 hours.
  const to = end ?? today;
  const from = start ?? addDays(to, -1);
  const span = daysBetween(from, to);
  if (span > TMDB_MAX_CHANGES_DAYS || span < 0) return tmdbError(TMDB_ERRORS.dateRange);
  const items = memo(catalog, `changes:${from}:${to}`, () => changedIdsBetween(catalog, from, to));
  return ok({
    results: items.slice((page - 1) * TMDB_CHANGES_PAGE_SIZE, page * TMDB_CHANGES_PAGE_SIZE),
    page,
    total_pages: Math.max(1, Math.ceil(items.length / TMDB_CHANGES_PAGE_SIZE)),
    total_results: items.length,
  });
}

function movieDetails(id: number, req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse {
  const m = catalog.byTmdbId.get(id);
  if (!m) return tmdbError(TMDB_ERRORS.notFound);
  const appends = (req.query.get('append_to_response') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (appends.length > TMDB_MAX_APPENDS) return tmdbError(TMDB_ERRORS.tooManyAppends);
  const body = tmdbDetails(m);
  // Unknown append names are ignored, as on the real API.
  for (const name of appends) if (APPENDABLE[name]) body[name] = APPENDABLE[name](m);
  return ok(body);
}

function movieSub(id: number, sub: string, catalog: SandboxCatalog): SandboxResponse | undefined {
  const m = catalog.byTmdbId.get(id);
  if (!APPENDABLE[sub]) return undefined;
  if (!m) return tmdbError(TMDB_ERRORS.notFound);
  return ok({ id: m.tmdbId, ...(APPENDABLE[sub](m) as object) });
}

function find(externalId: string, req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse {
  const source = req.query.get('external_source');
  const known = ['imdb_id', 'facebook_id', 'instagram_id', 'tvdb_id', 'tiktok_id', 'twitter_id', 'wikidata_id', 'youtube_id'];
  if (!source || !known.includes(source)) return tmdbError(TMDB_ERRORS.invalidInput);
  const m = source === 'imdb_id' ? catalog.byImdbId.get(externalId) : undefined;
  return ok({
    movie_results: m ? [{ ...tmdbListItem(m), media_type: 'movie' }] : [],
    person_results: [],
    tv_results: [],
    tv_episode_results: [],
    tv_season_results: [],
  });
}

// ---------------------------------------------------------------------------------------------

function credential(req: SandboxRequest): { kind: 'api_key' | 'bearer' | 'none'; value: string } {
  const apiKey = req.query.get('api_key');
  if (apiKey !== null) return { kind: 'api_key', value: apiKey };
  const auth = req.headers.authorization;
  const header = Array.isArray(auth) ? auth[0] : auth;
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return m ? { kind: 'bearer', value: m[1].trim() } : { kind: 'none', value: '' };
}

export interface TmdbSiteOptions {
  apiKey?: string;
  readAccessToken?: string;
}

export function createTmdbSite(options: TmdbSiteOptions = {}): SandboxSite {
  const apiKey = options.apiKey ?? SANDBOX_KEYS.tmdbApiKey;
  const token = options.readAccessToken ?? SANDBOX_KEYS.tmdbReadAccessToken;
  return {
    prefix: '/tmdb/3',
    robotsTxt: () => 'User-agent: *\nDisallow:\n',
    authorize(req, ctx) {
      const cred = credential(req);
      const valid = (cred.kind === 'api_key' && cred.value === apiKey) || (cred.kind === 'bearer' && cred.value === token);
      if (!valid || ctx.faults.invalidKey) return tmdbError(TMDB_ERRORS.invalidKey);
      return undefined;
    },
    rateLimitKey: (req) => credential(req).value,
    errorResponse(status, detail) {
      if (status === 429) {
        const limit = detail.limit ?? 40;
        return tmdbError({ http: 429, code: 25, message: '' }, `Your request count (${detail.requestCount ?? limit + 1}) is over the allowed limit of ${limit}.`);
      }
      if (status === 404) return tmdbError(TMDB_ERRORS.notFound);
      if (status === 403) return htmlErrorPage(403, { Server: 'CloudFront', 'X-Cache': 'Error from cloudfront' });
      const byStatus: Record<number, TmdbError> = {
        500: TMDB_ERRORS.internal,
        502: TMDB_ERRORS.backendDown,
        503: TMDB_ERRORS.offline,
        504: TMDB_ERRORS.timeout,
      };
      return tmdbError(byStatus[status] ?? { ...TMDB_ERRORS.internal, http: status });
    },
    handle(req, catalog, ctx) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return tmdbError(TMDB_ERRORS.notFound);
      const path = req.path.replace(/\/+$/, '');
      const today = ctx?.today ?? catalog.today ?? '1970-01-01';
      switch (path) {
        case '/discover/movie':
          return discover(req, catalog, ctx);
        case '/movie/changes':
          return changes(req, catalog, ctx);
        case '/movie/popular':
        case '/movie/top_rated':
        case '/movie/now_playing': {
          const page = parsePage(req, ctx);
          if (isResponse(page)) return page;
          if (path === '/movie/popular') return listPage(memo(catalog, `popular:${today}`, () => popularMovies(catalog, today)), page);
          if (path === '/movie/top_rated') return listPage(memo(catalog, 'top_rated', () => topRatedMovies(catalog)), page);
          const nowPlaying = memo(catalog, `now_playing:${today}`, () => nowPlayingMovies(catalog, today));
          return listPage(nowPlaying, page, { dates: nowPlayingWindow(today) });
        }
        case '/genre/movie/list':
          return ok({ genres: TMDB_GENRES });
      }
      let m = /^\/movie\/([^/]+)$/.exec(path);
      if (m) return /^\d+$/.test(m[1]) ? movieDetails(Number(m[1]), req, catalog) : tmdbError(TMDB_ERRORS.notFound);
      m = /^\/movie\/(\d+)\/([a-z_]+)$/.exec(path);
      if (m) return movieSub(Number(m[1]), m[2], catalog);
      m = /^\/find\/([^/]+)$/.exec(path);
      if (m) return find(decodeURIComponent(m[1]), req, catalog);
      return undefined;
    },
  };
}

export const tmdbSite: SandboxSite = createTmdbSite();
