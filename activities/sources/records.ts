import { z } from 'zod';

/**
 * Normalized records: what every source client/parser produces, whatever the source's own shape.
 * They match the silver tables of DESIGN.md (rating_observations, movies, omdb_details, critic_pages).
 */

export const ratingSourceSchema = z.enum(['tmdb', 'imdb', 'metacritic', 'rotten_tomatoes']);
export type RatingSource = z.infer<typeof ratingSourceSchema>;

export const ratingMetricSchema = z.enum(['vote_average', 'rating', 'critic', 'user', 'audience']);
export type RatingMetric = z.infer<typeof ratingMetricSchema>;

/** Where the observation came from: the site itself, or relayed by OMDb. */
export const observedViaSchema = z.enum(['direct', 'omdb']);

export const ratingObservationSchema = z.object({
  source: ratingSourceSchema,
  metric: ratingMetricSchema,
  via: observedViaSchema.default('direct'),
  /** Value on the source's native scale (e.g. 7.6 of 10, 82 of 100). Null when the site shows none (e.g. "tbd"). */
  value: z.number().nullable(),
  scaleMax: z.number().positive(),
  /** value / scaleMax * 100, rounded to 2 decimals; null when value is null. */
  value0to100: z.number().min(0).max(100).nullable(),
  /** Exact count of votes/reviews when the site gives one, else the lower bound of a band. */
  voteCount: z.number().int().nonnegative().nullable(),
  /** The site's own text when it only gives a band, e.g. "250,000+ Ratings". */
  voteCountText: z.string().nullable().default(null),
  observedAt: z.iso.datetime({ offset: true }),
  url: z.string().nullable(),
});
export type RatingObservation = z.infer<typeof ratingObservationSchema>;

export function to0to100(value: number | null, scaleMax: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.round((value / scaleMax) * 100 * 100) / 100;
}

export const movieRecordSchema = z.object({
  tmdbId: z.number().int().positive(),
  imdbId: z.string().nullable(),
  title: z.string(),
  originalTitle: z.string().nullable(),
  originalLanguage: z.string().nullable(),
  releaseDate: z.iso.date().nullable(),
  year: z.number().int().nullable(),
  runtime: z.number().int().nullable(),
  status: z.string().nullable(),
  overview: z.string().nullable(),
  tagline: z.string().nullable(),
  budget: z.number().int().nullable(),
  revenue: z.number().int().nullable(),
  genres: z.array(z.string()),
  productionCountries: z.array(z.string()),
  productionCompanies: z.array(z.string()),
  spokenLanguages: z.array(z.string()),
  directors: z.array(z.string()),
  topCast: z.array(z.string()),
  posterPath: z.string().nullable(),
  popularity: z.number().nullable(),
});
export type MovieRecord = z.infer<typeof movieRecordSchema>;

export const omdbDetailsRecordSchema = z.object({
  imdbId: z.string(),
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  rated: z.string().nullable(),
  released: z.iso.date().nullable(),
  runtimeMinutes: z.number().int().nullable(),
  genres: z.array(z.string()),
  director: z.string().nullable(),
  awards: z.string().nullable(),
  boxOffice: z.number().int().nullable(),
  metascore: z.number().int().nullable(),
  imdbRating: z.number().nullable(),
  imdbVotes: z.number().int().nullable(),
  plot: z.string().nullable(),
  type: z.string().nullable(),
});
export type OmdbDetailsRecord = z.infer<typeof omdbDetailsRecordSchema>;

export const criticSiteSchema = z.enum(['rotten_tomatoes', 'metacritic']);
export type CriticSite = z.infer<typeof criticSiteSchema>;

export const criticPageStatusSchema = z.enum(['found', 'not_found', 'blocked_by_robots', 'error']);
export type CriticPageStatus = z.infer<typeof criticPageStatusSchema>;

export const criticPageRecordSchema = z.object({
  tmdbId: z.number().int().positive(),
  site: criticSiteSchema,
  url: z.string().nullable(),
  /** 0..1: how sure the resolver is that the page is this movie (title + year match). */
  matchConfidence: z.number().min(0).max(1).nullable(),
  status: criticPageStatusSchema,
  checkedAt: z.iso.datetime({ offset: true }),
});
export type CriticPageRecord = z.infer<typeof criticPageRecordSchema>;
