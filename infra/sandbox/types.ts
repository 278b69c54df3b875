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

/** A site of the sandbox (TMDB, OMDb, RT, Metacritic), mounted under its path prefix. */
export interface SandboxSite {
  /** e.g. "/tmdb/3", "/omdb", "/rt", "/metacritic" (see SANDBOX_PATHS in config/load.ts). */
  prefix: string;
  /** robots.txt served at `<prefix>/robots.txt`; undefined = 404. */
  robotsTxt?: (catalog: SandboxCatalog) => string;
  /** Undefined = 404 with the site's own not-found body. */
  handle(req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse | undefined;
}
