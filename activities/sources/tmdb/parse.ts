import { ParseError } from '../errors';
import {
  MovieRecord,
  movieRecordSchema,
  RatingObservation,
  ratingObservationSchema,
  to0to100,
} from '../records';
import { isIsoDate } from './date-windows';
import { detectTmdbError } from './errors';
import { describeIssues, readTmdbJson } from './json-body';
import {
  tmdbChangeItemSchema,
  tmdbFindSchema,
  tmdbGenreListSchema,
  tmdbGenreSchema,
  tmdbListEnvelopeSchema,
  tmdbListItemSchema,
  TmdbListItemRaw,
  tmdbMovieDetailsSchema,
  TmdbMovieDetailsRaw,
} from './schemas';

/**
 * Pure parsers of TMDB v3 bodies into the normalized records. Each throws the typed error for a
 * TMDB error envelope (AuthError, NotFoundError...) and ParseError for anything unparseable.
 */

export { detectTmdbError };

/** How many cast members `topCast` keeps (in billing order). */
export const TOP_CAST = 10;

export interface ParseContext {
  /** ISO-8601 timestamp with offset; when the response was fetched. */
  observedAt: string;
  /** Public page of the record; defaults to https://www.themoviedb.org/movie/<id>. */
  url?: string;
}

export interface TmdbListItem {
  tmdbId: number;
  title: string;
  originalTitle: string | null;
  originalLanguage: string | null;
  releaseDate: string | null;
  adult: boolean | null;
  video: boolean | null;
  /** Appeared on discover items in 2026; null when absent. */
  softcore: boolean | null;
  genreIds: number[];
  popularity: number | null;
  voteAverage: number | null;
  voteCount: number | null;
  posterPath: string | null;
  mediaType: string | null;
}

export interface Rejected {
  index: number;
  reason: string;
}

export interface TmdbListPage {
  page: number;
  /** As reported: NOT capped at 500 (see maxFetchablePage). */
  totalPages: number;
  totalResults: number | null;
  /** now_playing's release window. */
  dates: { minimum: string | null; maximum: string | null } | null;
  items: TmdbListItem[];
  /** Items without a usable id/title: kept out of `items`, reported rather than dropped silently. */
  rejected: Rejected[];
}

export interface TmdbChangeItem {
  tmdbId: number;
  /** TMDB sends true, false or null. */
  adult: boolean | null;
}

export interface TmdbChangesPage {
  page: number;
  totalPages: number;
  /** Untrustworthy (a real page of ~1,800 ids said 1): informational only. */
  totalResults: number | null;
  items: TmdbChangeItem[];
  rejected: Rejected[];
}

export interface TmdbGenre {
  id: number;
  name: string;
}

export interface TmdbMovieParsed {
  movie: MovieRecord;
  observations: RatingObservation[];
}

const str = (s: string | null | undefined): string | null => (typeof s === 'string' && s.trim() !== '' ? s : null);
const date = (s: string | null | undefined): string | null => (s && isIsoDate(s) ? s : null);
/** TMDB uses 0 for "unknown" runtime, budget and revenue. */
const positiveInt = (n: number | null | undefined): number | null =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : null;
const finite = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

function listItem(raw: TmdbListItemRaw): TmdbListItem | string {
  const title = str(raw.title) ?? str(raw.original_title);
  if (!title) return 'no title';
  return {
    tmdbId: raw.id,
    title,
    originalTitle: str(raw.original_title),
    originalLanguage: str(raw.original_language),
    releaseDate: date(raw.release_date),
    adult: raw.adult ?? null,
    video: raw.video ?? null,
    softcore: raw.softcore ?? null,
    genreIds: raw.genre_ids,
    popularity: finite(raw.popularity),
    voteAverage: finite(raw.vote_average),
    voteCount: positiveIntOrZero(raw.vote_count),
    posterPath: str(raw.poster_path),
    mediaType: str(raw.media_type),
  };
}

function positiveIntOrZero(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

function parseItems(results: unknown[]): { items: TmdbListItem[]; rejected: Rejected[] } {
  const items: TmdbListItem[] = [];
  const rejected: Rejected[] = [];
  results.forEach((x, index) => {
    const r = tmdbListItemSchema.safeParse(x);
    if (!r.success) return rejected.push({ index, reason: describeIssues(r.error.issues) });
    const item = listItem(r.data);
    if (typeof item === 'string') rejected.push({ index, reason: item });
    else items.push(item);
  });
  return { items, rejected };
}

/** A list page: /discover/movie, /movie/popular, /movie/top_rated, /movie/now_playing (and /search). */
export function parseTmdbList(body: string): TmdbListPage {
  const json = readTmdbJson(body, 'TMDB list');
  const env = tmdbListEnvelopeSchema.safeParse(json);
  if (!env.success) throw new ParseError(`TMDB list: not a list page (${describeIssues(env.error.issues)})`);
  const { items, rejected } = parseItems(env.data.results);
  const d = env.data.dates;
  return {
    page: env.data.page,
    totalPages: env.data.total_pages ?? env.data.page,
    totalResults: env.data.total_results ?? null,
    dates: d ? { minimum: date(d.minimum), maximum: date(d.maximum) } : null,
    items,
    rejected,
  };
}

/** A /movie/changes page: ids (and adult flags, possibly null) of movies changed in the window. */
export function parseTmdbChanges(body: string): TmdbChangesPage {
  const json = readTmdbJson(body, 'TMDB changes');
  const env = tmdbListEnvelopeSchema.safeParse(json);
  if (!env.success) throw new ParseError(`TMDB changes: not a changes page (${describeIssues(env.error.issues)})`);
  const items: TmdbChangeItem[] = [];
  const rejected: Rejected[] = [];
  const seen = new Set<number>();
  env.data.results.forEach((x, index) => {
    const r = tmdbChangeItemSchema.safeParse(x);
    if (!r.success) return rejected.push({ index, reason: describeIssues(r.error.issues) });
    if (seen.has(r.data.id)) return; // the same id can be listed twice; one fetch is enough
    seen.add(r.data.id);
    items.push({ tmdbId: r.data.id, adult: r.data.adult ?? null });
  });
  return {
    page: env.data.page,
    totalPages: env.data.total_pages ?? env.data.page,
    totalResults: env.data.total_results ?? null,
    items,
    rejected,
  };
}

/** /genre/movie/list */
export function parseTmdbGenres(body: string): TmdbGenre[] {
  const json = readTmdbJson(body, 'TMDB genres');
  const env = tmdbGenreListSchema.safeParse(json);
  if (!env.success) throw new ParseError(`TMDB genres: no genres array (${describeIssues(env.error.issues)})`);
  return env.data.genres.flatMap((g) => {
    const r = tmdbGenreSchema.safeParse(g);
    return r.success ? [{ id: r.data.id, name: r.data.name }] : [];
  });
}

/** /find/{imdb_id}?external_source=imdb_id: the movie matches (usually 0 or 1). */
export function parseTmdbFind(body: string): { items: TmdbListItem[]; rejected: Rejected[] } {
  const json = readTmdbJson(body, 'TMDB find');
  const env = tmdbFindSchema.safeParse(json);
  if (!env.success) throw new ParseError(`TMDB find: no movie_results (${describeIssues(env.error.issues)})`);
  return parseItems(env.data.movie_results);
}

function directors(d: TmdbMovieDetailsRaw): string[] {
  const names = (d.credits?.crew ?? []).filter((c) => c.job === 'Director').map((c) => c.name.trim());
  return [...new Set(names.filter(Boolean))];
}

function topCast(d: TmdbMovieDetailsRaw): string[] {
  const cast = (d.credits?.cast ?? []).map((c, i) => ({ name: c.name.trim(), order: c.order ?? Number.MAX_SAFE_INTEGER, i }));
  cast.sort((a, b) => a.order - b.order || a.i - b.i);
  return [...new Set(cast.map((c) => c.name).filter(Boolean))].slice(0, TOP_CAST);
}

function imdbId(d: TmdbMovieDetailsRaw): string | null {
  const id = str(d.imdb_id) ?? str(d.external_ids?.imdb_id);
  return id ? id.trim() : null;
}

/**
 * /movie/{id} (optionally with append_to_response=external_ids,credits,release_dates):
 * the movies row and the tmdb/vote_average observation (0–10; no value when nobody voted).
 */
export function parseTmdbMovieDetails(body: string, ctx: ParseContext): TmdbMovieParsed {
  const json = readTmdbJson(body, 'TMDB movie', ctx.url);
  const r = tmdbMovieDetailsSchema.safeParse(json);
  if (!r.success) throw new ParseError(`TMDB movie: not a movie (${describeIssues(r.error.issues)})`, { url: ctx.url });
  const d = r.data;
  const title = str(d.title) ?? str(d.original_title);
  if (!title) throw new ParseError(`TMDB movie ${d.id}: no title`, { url: ctx.url });
  const releaseDate = date(d.release_date);

  const movie = movieRecordSchema.safeParse({
    tmdbId: d.id,
    imdbId: imdbId(d),
    title,
    originalTitle: str(d.original_title),
    originalLanguage: str(d.original_language),
    releaseDate,
    year: releaseDate ? Number(releaseDate.slice(0, 4)) : null,
    runtime: positiveInt(d.runtime),
    status: str(d.status),
    overview: str(d.overview),
    tagline: str(d.tagline),
    budget: positiveInt(d.budget),
    revenue: positiveInt(d.revenue),
    genres: d.genres.map((g) => g.name),
    productionCountries: d.production_countries.map((c) => c.iso_3166_1),
    productionCompanies: d.production_companies.map((c) => c.name),
    spokenLanguages: d.spoken_languages.map((l) => l.iso_639_1),
    directors: directors(d),
    topCast: topCast(d),
    posterPath: str(d.poster_path),
    popularity: finite(d.popularity),
  });
  if (!movie.success) throw new ParseError(`TMDB movie ${d.id}: ${describeIssues(movie.error.issues)}`, { url: ctx.url });

  const votes = positiveIntOrZero(d.vote_count);
  const avg = finite(d.vote_average);
  // vote_average 0 with 0 votes means "not rated", not a score of zero.
  const value = avg === null || avg < 0 || avg > 10 || votes === 0 ? null : avg;
  const obs = ratingObservationSchema.safeParse({
    source: 'tmdb',
    metric: 'vote_average',
    via: 'direct',
    value,
    scaleMax: 10,
    value0to100: to0to100(value, 10),
    voteCount: votes,
    voteCountText: null,
    observedAt: ctx.observedAt,
    url: ctx.url ?? `https://www.themoviedb.org/movie/${d.id}`,
  });
  if (!obs.success) throw new ParseError(`TMDB movie ${d.id}: bad observation (${describeIssues(obs.error.issues)})`, { url: ctx.url });
  return { movie: movie.data, observations: [obs.data] };
}
