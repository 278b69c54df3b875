import { z } from 'zod';

/**
 * Zod schemas of TMDB v3 responses (see shared SOURCES.md §1). TMDB adds fields without notice
 * (`softcore`, `origin_country`, `english_name`...) and sends nulls and empty strings freely, so:
 * unknown keys are accepted, and every field that is not needed to identify the record is
 * optional, nullable and falls back to null when it has an unexpected type.
 */

/** Optional, nullable, and null instead of a failure when the type is unexpected. */
const soft = <T extends z.ZodTypeAny>(schema: T) => schema.nullish().catch(null);
/** Arrays whose broken entries are dropped instead of failing the whole record. */
const softArray = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(z.unknown())
    .nullish()
    .catch(null)
    .transform((xs) =>
      (xs ?? []).flatMap((x) => {
        const r = item.safeParse(x);
        return r.success ? [r.data as z.infer<T>] : [];
      }),
    );

const tmdbId = z.number().int().positive();

export const tmdbListItemSchema = z.looseObject({
  id: tmdbId,
  title: soft(z.string()),
  original_title: soft(z.string()),
  original_language: soft(z.string()),
  overview: soft(z.string()),
  release_date: soft(z.string()),
  adult: soft(z.boolean()),
  video: soft(z.boolean()),
  softcore: soft(z.boolean()),
  genre_ids: softArray(z.number().int()),
  popularity: soft(z.number()),
  vote_average: soft(z.number()),
  vote_count: soft(z.number()),
  poster_path: soft(z.string()),
  backdrop_path: soft(z.string()),
  media_type: soft(z.string()),
});
export type TmdbListItemRaw = z.infer<typeof tmdbListItemSchema>;

/** The list envelope; items are validated one by one so one bad item does not lose the page. */
export const tmdbListEnvelopeSchema = z.looseObject({
  page: z.number().int().nonnegative(),
  results: z.array(z.unknown()),
  total_pages: soft(z.number().int().nonnegative()),
  total_results: soft(z.number().int().nonnegative()),
  dates: soft(z.looseObject({ minimum: soft(z.string()), maximum: soft(z.string()) })),
});

export const tmdbChangeItemSchema = z.looseObject({
  id: tmdbId,
  adult: soft(z.boolean()),
});

const named = z.looseObject({ name: z.string() });

export const tmdbMovieDetailsSchema = z.looseObject({
  id: tmdbId,
  imdb_id: soft(z.string()),
  title: soft(z.string()),
  original_title: soft(z.string()),
  original_language: soft(z.string()),
  origin_country: softArray(z.string()),
  release_date: soft(z.string()),
  runtime: soft(z.number()),
  status: soft(z.string()),
  overview: soft(z.string()),
  tagline: soft(z.string()),
  budget: soft(z.number()),
  revenue: soft(z.number()),
  adult: soft(z.boolean()),
  genres: softArray(z.looseObject({ id: z.number().int(), name: z.string() })),
  production_countries: softArray(z.looseObject({ iso_3166_1: z.string(), name: soft(z.string()) })),
  production_companies: softArray(named),
  spoken_languages: softArray(z.looseObject({ iso_639_1: z.string(), name: soft(z.string()), english_name: soft(z.string()) })),
  poster_path: soft(z.string()),
  popularity: soft(z.number()),
  vote_average: soft(z.number()),
  vote_count: soft(z.number()),
  external_ids: soft(z.looseObject({ imdb_id: soft(z.string()), wikidata_id: soft(z.string()) })),
  credits: soft(
    z.looseObject({
      cast: softArray(z.looseObject({ name: z.string(), order: soft(z.number()) })),
      crew: softArray(z.looseObject({ name: z.string(), job: soft(z.string()), department: soft(z.string()) })),
    }),
  ),
  release_dates: soft(
    z.looseObject({
      results: softArray(
        z.looseObject({
          iso_3166_1: z.string(),
          release_dates: softArray(
            z.looseObject({
              certification: soft(z.string()),
              release_date: soft(z.string()),
              type: soft(z.number()),
              note: soft(z.string()),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type TmdbMovieDetailsRaw = z.infer<typeof tmdbMovieDetailsSchema>;

export const tmdbGenreListSchema = z.looseObject({
  genres: z.array(z.unknown()),
});
export const tmdbGenreSchema = z.looseObject({ id: z.number().int(), name: z.string() });

export const tmdbFindSchema = z.looseObject({
  movie_results: z.array(z.unknown()),
});

/** `{success?: false, status_code, status_message}`; the 2019 404 body had no `success`. */
export const tmdbErrorEnvelopeSchema = z.looseObject({
  success: z.boolean().optional(),
  status_code: z.number().int(),
  status_message: z.string().optional(),
});
