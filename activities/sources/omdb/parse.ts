import { z } from 'zod';
import { ParseError } from '../errors';
import { redact } from '../http/redact';
import { unwrapSavedResponse } from '../http/saved-response';
import {
  OmdbDetailsRecord,
  omdbDetailsRecordSchema,
  RatingObservation,
  ratingObservationSchema,
  RatingSource,
  to0to100,
} from '../records';
import { detectOmdbError } from './errors';
import { dateFrom, decimalFrom, integerFrom, listFrom, minutesFrom, na, scoreFrom, yearsFrom } from './values';

export { detectOmdbError };

export interface OmdbParseContext {
  /** ISO-8601 timestamp with offset; when the response was fetched. */
  observedAt: string;
  /** The (redacted) OMDb request URL, used as the url of the relayed RT/Metacritic observations. */
  url?: string;
}

/** Fields OMDb gives that the omdb_details row does not keep (yet). */
export interface OmdbExtras {
  /** Last year of a series ("1992–1995" → 1995); null for films and running series ("2005–"). */
  yearEnd: number | null;
  writers: string[];
  actors: string[];
  languages: string[];
  countries: string[];
  poster: string | null;
  dvd: string | null;
  production: string | null;
  website: string | null;
  totalSeasons: number | null;
}

export interface OmdbTitleParsed {
  details: OmdbDetailsRecord;
  observations: RatingObservation[];
  extras: OmdbExtras;
}

const titleSchema = z.looseObject({
  imdbID: z.string().regex(/^tt\d+$/, 'not an IMDb id'),
  Response: z.string().optional(),
  Ratings: z.unknown().optional(),
});

const ratingEntrySchema = z.looseObject({ Source: z.string(), Value: z.string() });

/** OMDb's names in `Ratings` → our sources. */
const RATING_SOURCES: Record<string, Exclude<RatingSource, 'tmdb'>> = {
  'internet movie database': 'imdb',
  'rotten tomatoes': 'rotten_tomatoes',
  metacritic: 'metacritic',
};

function ratingsBySource(raw: unknown): Map<string, { value: number; scaleMax: number }> {
  const out = new Map<string, { value: number; scaleMax: number }>();
  if (!Array.isArray(raw)) return out;
  for (const entry of raw) {
    const r = ratingEntrySchema.safeParse(entry);
    if (!r.success) continue;
    const source = RATING_SOURCES[r.data.Source.trim().toLowerCase()];
    const score = scoreFrom(r.data.Value);
    if (source && score && !out.has(source)) out.set(source, score);
  }
  return out;
}

function snippet(body: string): string {
  const s = redact(String(body).replace(/\s+/g, ' ').trim());
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/**
 * An OMDb title (`?i=tt...`): the omdb_details row, and observations relayed by OMDb (via 'omdb'):
 * imdb/rating (0–10, with votes; value null when "N/A"), and rotten_tomatoes/critic (0–100) and
 * metacritic/critic (0–100) only when OMDb lists them (missing sources are omitted, not "N/A").
 * Throws the typed error for OMDb error bodies, ParseError for anything else unreadable.
 */
export function parseOmdbTitle(text: string, ctx: OmdbParseContext): OmdbTitleParsed {
  if (typeof text !== 'string') throw new ParseError('OMDb: body is not text', { url: ctx.url });
  const { body, status } = unwrapSavedResponse(text);
  const known = detectOmdbError(body, status, { url: ctx.url });
  if (known) throw known;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new ParseError(`OMDb: not valid JSON (${(err as Error).message}): ${snippet(body)}`, { url: ctx.url });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ParseError(`OMDb: expected a JSON object: ${snippet(body)}`, { url: ctx.url });
  }
  const r = titleSchema.safeParse(json);
  if (!r.success) throw new ParseError(`OMDb: not a title (${r.error.issues[0]?.message ?? 'bad shape'}): ${snippet(body)}`, { url: ctx.url });
  if (r.data.Response !== undefined && r.data.Response !== 'True') {
    throw new ParseError(`OMDb: Response "${r.data.Response}" without an Error`, { url: ctx.url });
  }
  const t = json as Record<string, unknown>;
  const imdbId = r.data.imdbID;
  const years = yearsFrom(t.Year);
  const ratings = ratingsBySource(r.data.Ratings);

  // Top-level fields first; the Ratings array is the fallback (same numbers, other format).
  const imdbFromRatings = ratings.get('imdb');
  const imdbRating = decimalFrom(t.imdbRating) ?? (imdbFromRatings && imdbFromRatings.scaleMax === 10 ? imdbFromRatings.value : null);
  const metascore = integerFrom(t.Metascore);

  const details = omdbDetailsRecordSchema.safeParse({
    imdbId,
    title: na(t.Title),
    year: years?.start ?? null,
    rated: na(t.Rated),
    released: dateFrom(t.Released),
    runtimeMinutes: minutesFrom(t.Runtime),
    genres: listFrom(t.Genre),
    director: na(t.Director),
    awards: na(t.Awards),
    boxOffice: integerFrom(t.BoxOffice),
    metascore: metascore !== null && metascore <= 100 ? metascore : null,
    imdbRating: imdbRating !== null && imdbRating <= 10 ? imdbRating : null,
    imdbVotes: integerFrom(t.imdbVotes),
    plot: na(t.Plot),
    type: na(t.Type),
  });
  if (!details.success) throw new ParseError(`OMDb ${imdbId}: ${details.error.issues[0]?.message}`, { url: ctx.url });
  const d = details.data;

  const observations: RatingObservation[] = [];
  const push = (source: RatingSource, metric: 'rating' | 'critic', value: number | null, scaleMax: number, voteCount: number | null, url: string | null) => {
    const o = ratingObservationSchema.safeParse({
      source,
      metric,
      via: 'omdb',
      value,
      scaleMax,
      value0to100: to0to100(value, scaleMax),
      voteCount,
      voteCountText: null,
      observedAt: ctx.observedAt,
      url,
    });
    if (!o.success) throw new ParseError(`OMDb ${imdbId}: bad ${source} observation (${o.error.issues[0]?.message})`, { url: ctx.url });
    observations.push(o.data);
  };
  push('imdb', 'rating', d.imdbRating, 10, d.imdbVotes, `https://www.imdb.com/title/${imdbId}/`);
  const rt = ratings.get('rotten_tomatoes');
  if (rt) push('rotten_tomatoes', 'critic', rt.value, rt.scaleMax, null, ctx.url ?? null);
  const mc = ratings.get('metacritic') ?? (d.metascore !== null ? { value: d.metascore, scaleMax: 100 } : undefined);
  if (mc) push('metacritic', 'critic', mc.value, mc.scaleMax, null, ctx.url ?? null);

  const extras: OmdbExtras = {
    yearEnd: years?.end ?? null,
    writers: listFrom(t.Writer),
    actors: listFrom(t.Actors),
    languages: listFrom(t.Language),
    countries: listFrom(t.Country),
    poster: na(t.Poster),
    dvd: dateFrom(t.DVD),
    production: na(t.Production),
    website: na(t.Website),
    totalSeasons: integerFrom(t.totalSeasons),
  };
  return { details: d, observations, extras };
}
