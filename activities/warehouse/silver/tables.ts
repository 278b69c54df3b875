import type { SqlValue } from '../sql';

/**
 * What the writer needs to know about each silver table: its columns (in table order, with the
 * encoder type of each), its natural key, which columns an update must leave alone, and how
 * rows of one run are ordered when several share a key ("latest wins").
 */

export type ColumnType = SqlValue['type'];

export interface SilverTableSpec {
  name: SilverTableName;
  columns: readonly (readonly [string, ColumnType])[];
  key: readonly string[];
  /** Kept from the existing row on update (e.g. movies.first_seen_at). */
  keepOnUpdate: readonly string[];
}

export type SilverTableName = 'movies' | 'rating_observations' | 'omdb_details' | 'critic_pages' | 'quarantine' | 'ingest_runs';

const LINEAGE = [
  ['raw_object_key', 'varchar'],
  ['run_id', 'varchar'],
] as const;

export const SILVER_TABLES: Record<SilverTableName, SilverTableSpec> = {
  movies: {
    name: 'movies',
    columns: [
      ['tmdb_id', 'bigint'],
      ['imdb_id', 'varchar'],
      ['title', 'varchar'],
      ['original_title', 'varchar'],
      ['original_language', 'varchar'],
      ['release_date', 'date'],
      ['year', 'integer'],
      ['runtime', 'integer'],
      ['status', 'varchar'],
      ['overview', 'varchar'],
      ['tagline', 'varchar'],
      ['budget', 'bigint'],
      ['revenue', 'bigint'],
      ['genres', 'array_varchar'],
      ['production_countries', 'array_varchar'],
      ['production_companies', 'array_varchar'],
      ['spoken_languages', 'array_varchar'],
      ['directors', 'array_varchar'],
      ['top_cast', 'array_varchar'],
      ['poster_path', 'varchar'],
      ['popularity', 'double'],
      ['first_seen_at', 'timestamptz'],
      ['last_seen_at', 'timestamptz'],
      ...LINEAGE,
    ],
    key: ['tmdb_id'],
    keepOnUpdate: ['first_seen_at'],
  },
  rating_observations: {
    name: 'rating_observations',
    columns: [
      ['tmdb_id', 'bigint'],
      ['source', 'varchar'],
      ['metric', 'varchar'],
      ['via', 'varchar'],
      ['observed_on', 'date'],
      ['value', 'double'],
      ['scale_max', 'double'],
      ['value_0_100', 'double'],
      ['vote_count', 'bigint'],
      ['vote_count_text', 'varchar'],
      ['observed_at', 'timestamptz'],
      ['url', 'varchar'],
      ...LINEAGE,
    ],
    // observed_on in the key: a rerun the same day replaces, the next day adds a history row.
    key: ['tmdb_id', 'source', 'metric', 'via', 'observed_on'],
    keepOnUpdate: [],
  },
  omdb_details: {
    name: 'omdb_details',
    columns: [
      ['imdb_id', 'varchar'],
      ['title', 'varchar'],
      ['year', 'integer'],
      ['rated', 'varchar'],
      ['released', 'date'],
      ['runtime_minutes', 'integer'],
      ['genres', 'array_varchar'],
      ['director', 'varchar'],
      ['awards', 'varchar'],
      ['box_office', 'bigint'],
      ['metascore', 'integer'],
      ['imdb_rating', 'double'],
      ['imdb_votes', 'bigint'],
      ['plot', 'varchar'],
      ['type', 'varchar'],
      ['fetched_at', 'timestamptz'],
      ...LINEAGE,
    ],
    key: ['imdb_id'],
    keepOnUpdate: [],
  },
  critic_pages: {
    name: 'critic_pages',
    columns: [
      ['tmdb_id', 'bigint'],
      ['site', 'varchar'],
      ['url', 'varchar'],
      ['match_confidence', 'double'],
      ['status', 'varchar'],
      ['checked_at', 'timestamptz'],
      ...LINEAGE,
    ],
    key: ['tmdb_id', 'site'],
    keepOnUpdate: [],
  },
  quarantine: {
    name: 'quarantine',
    columns: [
      ['source', 'varchar'],
      ['record_key', 'varchar'],
      ['reason', 'varchar'],
      ['raw_object_key', 'varchar'],
      ['run_id', 'varchar'],
      ['quarantined_at', 'timestamptz'],
    ],
    // One row per bad record per run: a retried run replaces its own rows, other runs add theirs.
    key: ['source', 'record_key', 'run_id'],
    keepOnUpdate: [],
  },
  ingest_runs: {
    name: 'ingest_runs',
    columns: [
      ['run_id', 'varchar'],
      ['workflow', 'varchar'],
      ['window_start', 'date'],
      ['window_end', 'date'],
      ['watermark', 'timestamptz'],
      ['started_at', 'timestamptz'],
      ['finished_at', 'timestamptz'],
      ['status', 'varchar'],
      ['counts', 'varchar'],
    ],
    key: ['run_id'],
    keepOnUpdate: ['started_at'],
  },
};

export function columnNames(spec: SilverTableSpec): string[] {
  return spec.columns.map(([c]) => c);
}
