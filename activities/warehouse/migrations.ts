import { ident, sql, sqlValue } from './sql';
import { TrinoClient } from './trino';

/**
 * Versioned, idempotent DDL. Each migration runs once per schema and is recorded in
 * `schema_migrations`; its statements are also safe to re-run (IF NOT EXISTS / OR REPLACE) so a
 * crash between a statement and the bookkeeping row only repeats harmless work.
 */
export interface Migration {
  version: number;
  name: string;
  statements: (t: TableNames) => string[];
}

export interface TableNames {
  schema: string;
  movies: string;
  ratingObservations: string;
  omdbDetails: string;
  criticPages: string;
  quarantine: string;
  ingestRuns: string;
  movieRatingsLatest: string;
  migrations: string;
}

export function tableNames(catalog: string, schema: string): TableNames {
  const q = (t: string) => `${ident(catalog)}.${ident(schema)}.${ident(t)}`;
  return {
    schema: `${ident(catalog)}.${ident(schema)}`,
    movies: q('movies'),
    ratingObservations: q('rating_observations'),
    omdbDetails: q('omdb_details'),
    criticPages: q('critic_pages'),
    quarantine: q('quarantine'),
    ingestRuns: q('ingest_runs'),
    movieRatingsLatest: q('movie_ratings_latest'),
    migrations: q('schema_migrations'),
  };
}

const TS = 'timestamp(6) with time zone';

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'silver tables',
    statements: (t) => [
      `CREATE TABLE IF NOT EXISTS ${t.movies} (
        tmdb_id bigint NOT NULL, imdb_id varchar, title varchar NOT NULL, original_title varchar,
        original_language varchar, release_date date, year integer, runtime integer, status varchar,
        overview varchar, tagline varchar, budget bigint, revenue bigint, genres array(varchar),
        production_countries array(varchar), production_companies array(varchar),
        spoken_languages array(varchar), directors array(varchar), top_cast array(varchar),
        poster_path varchar, popularity double, first_seen_at ${TS} NOT NULL, last_seen_at ${TS} NOT NULL,
        raw_object_key varchar NOT NULL, run_id varchar NOT NULL
      ) WITH (format = 'PARQUET')`,
      // via: 'direct' or 'omdb' (OMDb relays RT and Metacritic scores; they are kept apart).
      `CREATE TABLE IF NOT EXISTS ${t.ratingObservations} (
        tmdb_id bigint NOT NULL, source varchar NOT NULL, metric varchar NOT NULL, via varchar NOT NULL,
        observed_on date NOT NULL, value double, scale_max double NOT NULL, value_0_100 double,
        vote_count bigint, vote_count_text varchar, observed_at ${TS} NOT NULL, url varchar,
        raw_object_key varchar NOT NULL, run_id varchar NOT NULL
      ) WITH (format = 'PARQUET', partitioning = ARRAY['month(observed_on)'])`,
      `CREATE TABLE IF NOT EXISTS ${t.omdbDetails} (
        imdb_id varchar NOT NULL, title varchar, year integer, rated varchar, released date,
        runtime_minutes integer, genres array(varchar), director varchar, awards varchar,
        box_office bigint, metascore integer, imdb_rating double, imdb_votes bigint, plot varchar,
        type varchar, fetched_at ${TS} NOT NULL, raw_object_key varchar NOT NULL, run_id varchar NOT NULL
      ) WITH (format = 'PARQUET')`,
      `CREATE TABLE IF NOT EXISTS ${t.criticPages} (
        tmdb_id bigint NOT NULL, site varchar NOT NULL, url varchar, match_confidence double,
        status varchar NOT NULL, checked_at ${TS} NOT NULL, raw_object_key varchar, run_id varchar NOT NULL
      ) WITH (format = 'PARQUET')`,
      `CREATE TABLE IF NOT EXISTS ${t.quarantine} (
        source varchar NOT NULL, record_key varchar NOT NULL, reason varchar NOT NULL,
        raw_object_key varchar, run_id varchar NOT NULL, quarantined_at ${TS} NOT NULL
      ) WITH (format = 'PARQUET', partitioning = ARRAY['day(quarantined_at)'])`,
      `CREATE TABLE IF NOT EXISTS ${t.ingestRuns} (
        run_id varchar NOT NULL, workflow varchar NOT NULL, window_start date, window_end date,
        watermark ${TS}, started_at ${TS} NOT NULL, finished_at ${TS}, status varchar NOT NULL,
        counts varchar
      ) WITH (format = 'PARQUET')`,
    ],
  },
  {
    version: 2,
    name: 'movie_ratings_latest view',
    statements: (t) => [
      // Latest observation per (movie, source, metric); consensus = mean of the critic-side scores
      // available (TMDB and IMDb are audience votes but the only score many films have).
      `CREATE OR REPLACE VIEW ${t.movieRatingsLatest} AS
      WITH ranked AS (
        SELECT tmdb_id, source, metric, via, value_0_100, vote_count, observed_on,
               row_number() OVER (PARTITION BY tmdb_id, source, metric ORDER BY observed_on DESC,
                                  CASE via WHEN 'direct' THEN 0 ELSE 1 END) AS rn
        FROM ${t.ratingObservations}
        WHERE value_0_100 IS NOT NULL
      ), latest AS (SELECT * FROM ranked WHERE rn = 1)
      SELECT m.tmdb_id, m.imdb_id, m.title, m.year,
        max(CASE WHEN l.source = 'tmdb' THEN l.value_0_100 END) AS tmdb_score,
        max(CASE WHEN l.source = 'imdb' THEN l.value_0_100 END) AS imdb_score,
        max(CASE WHEN l.source = 'rotten_tomatoes' AND l.metric = 'critic' THEN l.value_0_100 END) AS rt_critic_score,
        max(CASE WHEN l.source = 'rotten_tomatoes' AND l.metric = 'audience' THEN l.value_0_100 END) AS rt_audience_score,
        max(CASE WHEN l.source = 'metacritic' AND l.metric = 'critic' THEN l.value_0_100 END) AS metacritic_critic_score,
        max(CASE WHEN l.source = 'metacritic' AND l.metric = 'user' THEN l.value_0_100 END) AS metacritic_user_score,
        round(avg(l.value_0_100), 2) AS consensus_score,
        count(l.value_0_100) AS scores_count,
        max(l.observed_on) AS latest_observed_on
      FROM ${t.movies} m LEFT JOIN latest l ON l.tmdb_id = m.tmdb_id
      GROUP BY m.tmdb_id, m.imdb_id, m.title, m.year`,
    ],
  },
];

export interface MigrationResult {
  applied: { version: number; name: string }[];
  alreadyApplied: number;
}

export async function runMigrations(
  trino: TrinoClient,
  catalog: string,
  schema: string,
  onProgress: (msg: string) => void = () => undefined,
  migrations: Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const t = tableNames(catalog, schema);
  await trino.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
  await trino.query(
    `CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer NOT NULL, name varchar NOT NULL, applied_at ${TS} NOT NULL) WITH (format = 'PARQUET')`,
  );
  const done = new Set(
    (await trino.query(`SELECT version FROM ${t.migrations}`)).rows.map((r) => Number(r[0])),
  );
  const result: MigrationResult = { applied: [], alreadyApplied: 0 };
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) {
      result.alreadyApplied += 1;
      continue;
    }
    onProgress(`migration ${m.version}: ${m.name}`);
    for (const statement of m.statements(t)) await trino.query(statement);
    await trino.query(
      `INSERT INTO ${t.migrations} VALUES (${sqlValue(sql.integer(m.version))}, ${sqlValue(sql.varchar(m.name))}, current_timestamp(6))`,
    );
    result.applied.push({ version: m.version, name: m.name });
  }
  return result;
}

/** The tables (and view) the migrations create, for status checks. */
export const EXPECTED_RELATIONS = [
  'movies',
  'rating_observations',
  'omdb_details',
  'critic_pages',
  'quarantine',
  'ingest_runs',
  'movie_ratings_latest',
  'schema_migrations',
];
