/**
 * Queries over the catalog. The TMDB site answers with exactly these functions, so tests of the
 * ingestion can compute the rows they expect from the same code (e.g. moviesChangedBetween).
 */
import { NOW_PLAYING_DAYS_AHEAD, NOW_PLAYING_DAYS_BACK } from './catalog-constants';
import { addDays } from './dates';
import type { SandboxCatalog, SandboxMovie } from './types';

const byId = (a: SandboxMovie, b: SandboxMovie) => a.tmdbId - b.tmdbId;

/** Movies released in [from, to] (inclusive, YYYY-MM-DD), by TMDB id. Adult titles only if asked, as on discover. */
export function moviesReleasedBetween(
  catalog: SandboxCatalog,
  from: string,
  to: string,
  options: { includeAdult?: boolean } = {},
): SandboxMovie[] {
  return catalog.movies
    .filter((m) => m.releaseDate >= from && m.releaseDate <= to && (options.includeAdult || !m.adult))
    .sort(byId);
}

/** Movies with at least one change in [from, to] (inclusive), by TMDB id: what /movie/changes lists. */
export function moviesChangedBetween(catalog: SandboxCatalog, from: string, to: string): SandboxMovie[] {
  return catalog.movies.filter((m) => m.changedOn.some((d) => d >= from && d <= to)).sort(byId);
}

/** `adult` as /movie/changes reports it: real responses carry some nulls. */
export function changesAdultFlag(m: SandboxMovie): boolean | null {
  if (m.adult) return true;
  return m.tmdbId % 9 === 0 ? null : false;
}

/** The items of /movie/changes for a window, in the order the site pages them. */
export function changedIdsBetween(catalog: SandboxCatalog, from: string, to: string): { id: number; adult: boolean | null }[] {
  return moviesChangedBetween(catalog, from, to).map((m) => ({ id: m.tmdbId, adult: changesAdultFlag(m) }));
}

export function moviesWithTag(catalog: SandboxCatalog, tag: string): SandboxMovie[] {
  return catalog.movies.filter((m) => m.tags.includes(tag));
}

/** How many movies carry each tag (sorted by tag), plus the total. */
export function catalogSummary(catalog: SandboxCatalog): { movies: number; tags: Record<string, number> } {
  const tags: Record<string, number> = {};
  for (const m of catalog.movies) for (const t of m.tags) tags[t] = (tags[t] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { movies: catalog.movies.length, tags: sorted };
}

// ---------------------------------------------------------------------------------------------
// TMDB list semantics

export const SORT_FIELDS = ['popularity', 'revenue', 'primary_release_date', 'release_date', 'title', 'original_title', 'vote_average', 'vote_count'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface SortSpec {
  field: SortField;
  direction: 'asc' | 'desc';
}
export const DEFAULT_SORT: SortSpec = { field: 'popularity', direction: 'desc' };

/** Parses "vote_average.desc"; unknown values fall back to popularity.desc (undefined = invalid). */
export function parseSort(value: string | null): SortSpec | undefined {
  if (value === null || value === '') return DEFAULT_SORT;
  const m = /^([a-z_]+)\.(asc|desc)$/.exec(value);
  if (!m || !(SORT_FIELDS as readonly string[]).includes(m[1])) return undefined;
  return { field: m[1] as SortField, direction: m[2] as 'asc' | 'desc' };
}

function sortKey(m: SandboxMovie, field: SortField): number | string {
  switch (field) {
    case 'popularity':
      return m.popularity;
    case 'revenue':
      return m.revenue;
    case 'primary_release_date':
    case 'release_date':
      return m.releaseDate;
    case 'title':
      return m.title;
    case 'original_title':
      return m.originalTitle;
    case 'vote_average':
      return m.voteAverage;
    case 'vote_count':
      return m.voteCount;
  }
}

/** Stable order: the sort key, then TMDB id ascending, so pages never overlap or skip. */
export function sortMovies(movies: SandboxMovie[], sort: SortSpec): SandboxMovie[] {
  const dir = sort.direction === 'asc' ? 1 : -1;
  return movies.slice().sort((a, b) => {
    const ka = sortKey(a, sort.field);
    const kb = sortKey(b, sort.field);
    if (ka !== kb) return (ka < kb ? -1 : 1) * dir;
    return a.tmdbId - b.tmdbId;
  });
}

export interface DiscoverQuery {
  releaseDateGte?: string;
  releaseDateLte?: string;
  /** primary_release_year / year */
  year?: number;
  includeAdult?: boolean;
  /** with_genres: "28,12" = all of them, "28|12" = any of them. */
  withGenres?: string;
  withOriginalLanguage?: string;
  voteCountGte?: number;
  voteCountLte?: number;
  voteAverageGte?: number;
  voteAverageLte?: number;
  sort?: SortSpec;
}

/** Every movie /discover/movie would list for a query, in page order. */
export function discoverMovies(catalog: SandboxCatalog, q: DiscoverQuery): SandboxMovie[] {
  const genreTest = genreFilter(q.withGenres);
  const list = catalog.movies.filter(
    (m) =>
      (q.includeAdult || !m.adult) &&
      (q.releaseDateGte === undefined || m.releaseDate >= q.releaseDateGte) &&
      (q.releaseDateLte === undefined || m.releaseDate <= q.releaseDateLte) &&
      (q.year === undefined || m.releaseDate.startsWith(`${q.year}-`)) &&
      (q.withOriginalLanguage === undefined || m.originalLanguage === q.withOriginalLanguage) &&
      (q.voteCountGte === undefined || m.voteCount >= q.voteCountGte) &&
      (q.voteCountLte === undefined || m.voteCount <= q.voteCountLte) &&
      (q.voteAverageGte === undefined || m.voteAverage >= q.voteAverageGte) &&
      (q.voteAverageLte === undefined || m.voteAverage <= q.voteAverageLte) &&
      genreTest(m),
  );
  return sortMovies(list, q.sort ?? DEFAULT_SORT);
}

function genreFilter(spec: string | undefined): (m: SandboxMovie) => boolean {
  if (!spec) return () => true;
  const any = spec.includes('|');
  const ids = spec.split(/[|,]/).map(Number).filter(Number.isFinite);
  return (m) => {
    const has = (id: number) => m.genres.some((g) => g.id === id);
    return any ? ids.some(has) : ids.every(has);
  };
}

/** /movie/popular: released, non-adult, most popular first. */
export function popularMovies(catalog: SandboxCatalog, today: string): SandboxMovie[] {
  return sortMovies(
    catalog.movies.filter((m) => !m.adult && m.releaseDate <= today),
    DEFAULT_SORT,
  );
}

/** Vote count a movie needs to enter /movie/top_rated (TMDB hides films with a handful of votes). */
export const TOP_RATED_MIN_VOTES = 300;

/** /movie/top_rated: best vote average among films with enough votes. */
export function topRatedMovies(catalog: SandboxCatalog): SandboxMovie[] {
  return catalog.movies
    .filter((m) => !m.adult && m.voteCount >= TOP_RATED_MIN_VOTES)
    .sort((a, b) => b.voteAverage - a.voteAverage || b.voteCount - a.voteCount || a.tmdbId - b.tmdbId);
}

export function nowPlayingWindow(today: string): { minimum: string; maximum: string } {
  return { minimum: addDays(today, -NOW_PLAYING_DAYS_BACK), maximum: addDays(today, NOW_PLAYING_DAYS_AHEAD) };
}

/** /movie/now_playing: released inside the `dates` window, most popular first. */
export function nowPlayingMovies(catalog: SandboxCatalog, today: string): SandboxMovie[] {
  const { minimum, maximum } = nowPlayingWindow(today);
  return sortMovies(
    catalog.movies.filter((m) => !m.adult && m.releaseDate >= minimum && m.releaseDate <= maximum),
    DEFAULT_SORT,
  );
}
