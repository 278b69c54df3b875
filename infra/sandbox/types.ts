/**
 * Shared types of the offline sandbox: the synthetic catalog (infra/sandbox/catalog.ts builds it
 * deterministically from a seed) and the small interface each site module implements.
 * The sandbox stands in for TMDB, OMDb, Rotten Tomatoes and Metacritic; nothing else is faked.
 */

export type RtLayout = 'scorecard-2024' | 'scoreboard-2021' | 'mop-2020';

export interface SandboxRt {
  /** Path slug under /m/, e.g. "parasite_2019". */
  slug: string;
  layout: RtLayout;
  /** Tomatometer 0..100; null = no score yet. */
  tomatometer: number | null;
  criticReviews: number | null;
  /** Popcornmeter / audience score 0..100; null = none. */
  audienceScore: number | null;
  /** Banded audience count as the site shows it, e.g. "250,000+ Ratings"; exact older counts as "User Ratings: 885,688". */
  audienceCountText: string | null;
  certifiedFresh: boolean;
  verifiedHot: boolean;
}

export interface SandboxMetacritic {
  /** Path slug under /movie/, e.g. "mortal-kombat-2021". */
  slug: string;
  metascore: number | null;
  criticReviews: number | null;
  /** 0..10 with one decimal; null = "tbd". */
  userScore: number | null;
  userRatings: number | null;
  /** Markup variant the page uses. */
  layout: 'current' | 'legacy';
  /** Whether the page also carries a JSON-LD aggregateRating. */
  jsonLd: boolean;
}

export interface SandboxOmdb {
  rated: string | null;
  awards: string | null;
  boxOffice: number | null;
  metascore: number | null;
  imdbRating: number | null;
  imdbVotes: number | null;
  plot: string | null;
  /** Which entries the `Ratings` array carries (missing sources are omitted, as on OMDb). */
  ratings: { imdb: boolean; rottenTomatoes: boolean; metacritic: boolean };
}

export interface SandboxMovie {
  tmdbId: number;
  imdbId: string | null;
  title: string;
  originalTitle: string;
  originalLanguage: string;
  /** YYYY-MM-DD */
  releaseDate: string;
  runtime: number | null;
  status: string;
  overview: string;
  tagline: string;
  budget: number;
  revenue: number;
  genres: { id: number; name: string }[];
  productionCountries: { iso_3166_1: string; name: string }[];
  productionCompanies: { id: number; name: string; origin_country: string; logo_path: string | null }[];
  spokenLanguages: { iso_639_1: string; name: string; english_name: string }[];
  directors: string[];
  cast: string[];
  posterPath: string | null;
  popularity: number;
  voteAverage: number;
  voteCount: number;
  adult: boolean;
  /** Dates (YYYY-MM-DD) on which the movie appears in /movie/changes. */
  changedOn: string[];
  omdb: SandboxOmdb | null;
  rt: SandboxRt | null;
  metacritic: SandboxMetacritic | null;
  /** Hard-case tags for tests: 'quotes', 'accents', 'emoji', 'long-text', 'remake', 'no-imdb', 'no-scores', 'tbd', ... */
  tags: string[];
}

export interface SandboxCatalog {
  movies: SandboxMovie[];
  byTmdbId: Map<number, SandboxMovie>;
  byImdbId: Map<string, SandboxMovie>;
  /** Reference "today" (YYYY-MM-DD) the catalog was built for: release dates and changes lead up to it. */
  today?: string;
  seed?: number;
  /** RT slug → movie (every movie with an `rt` page). */
  byRtSlug?: Map<string, SandboxMovie>;
  /** Metacritic slug → movie (every movie with a `metacritic` page). */
  byMetacriticSlug?: Map<string, SandboxMovie>;
}

export interface SandboxRequest {
  method: string;
  /** Path below the site's prefix, e.g. "/m/parasite_2019" for the RT site. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * What the server tells a site about the current request besides the request itself. Sites that
 * need no state or knobs (RT, Metacritic pages) can ignore it.
 */
export interface SandboxContext {
  /** The site's current fault knobs (see infra/sandbox/faults.ts). */
  faults: Readonly<FaultKnobs>;
  /** The sandbox clock (injectable in tests). */
  now: Date;
  /** The catalog's reference day, YYYY-MM-DD: "today" for default windows and now_playing. */
  today: string;
  /** Per-site mutable state (e.g. OMDb's daily counters), cleared by a reset. */
  state: Map<string, unknown>;
}

/**
 * Fault knobs of one site. Rates are fractions 0..1 applied by a deterministic counter (rate 0.25
 * fails exactly every 4th request), never by Math.random, so a test sees the same sequence each run.
 */
export interface FaultKnobs {
  /** Fraction of requests answered with `errorStatus` (a 5xx). */
  errorRate: number;
  errorStatus: number;
  /** Added before every response. */
  latencyMs: number;
  /** Fraction of responses sent with a Content-Length larger than the bytes written, then the socket destroyed. */
  truncateRate: number;
  /** Fraction of responses whose body is replaced by invalid JSON / broken HTML (status 200). */
  malformedRate: number;
  /** The next N requests get 429 with `Retry-After: retryAfterSeconds` (a "429 storm"). */
  tooManyRequests: number;
  retryAfterSeconds: number;
  /** Requests allowed per second per key (token bucket, burst = one second); null = no limit. */
  rateLimitPerSecond: number | null;
  /** Every key is rejected as invalid (TMDB 401 code 7, OMDb 401 "Invalid API key!"). */
  invalidKey: boolean;
  /** OMDb: requests per key per UTC day before 401 "Request limit reached!"; null = unlimited. */
  dailyLimit: number | null;
  /** OMDb: the daily limit is reached now, whatever the counters say. */
  quotaExhausted: boolean;
  /** Every request gets 403 (a site blocking the client, as Metacritic does to non-browser agents). */
  forbidden: boolean;
  /** TMDB: highest page a list accepts (500 on the real API); lower it to test window splitting. */
  maxPage: number;
  /** Whether faults also hit `<prefix>/robots.txt` (default false: robots stays reachable). */
  faultRobots: boolean;
}

/** A site of the sandbox (TMDB, OMDb, RT, Metacritic), mounted under its path prefix. */
export interface SandboxSite {
  /** e.g. "/tmdb/3", "/omdb", "/rt", "/metacritic" (see SANDBOX_PATHS in config/load.ts). */
  prefix: string;
  /** robots.txt served at `<prefix>/robots.txt`; undefined = 404. */
  robotsTxt?: (catalog: SandboxCatalog) => string;
  /** Undefined = 404 with the site's own not-found body. */
  handle(req: SandboxRequest, catalog: SandboxCatalog, ctx?: SandboxContext): SandboxResponse | undefined;
  /**
   * Optional: checks credentials and quotas before faults and rate limits apply (so a bad key fails
   * fast, as on the real APIs). Returns the error response, or undefined to go on.
   */
  authorize?(req: SandboxRequest, ctx: SandboxContext): SandboxResponse | undefined;
  /** Optional: whose requests share one rate-limit bucket (TMDB: the key). Default: one bucket per site. */
  rateLimitKey?(req: SandboxRequest): string;
  /**
   * Optional: the site's own body for an error the server produces (404 for unknown paths, 429, an
   * injected 5xx, 403). Default: a small HTML error page like a CDN's.
   */
  errorResponse?(status: number, detail: { retryAfterSeconds?: number; requestCount?: number; limit?: number }): SandboxResponse;
}
