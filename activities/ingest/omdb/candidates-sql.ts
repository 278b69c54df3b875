import { qualified, sql, sqlString, sqlValue } from '../../warehouse/sql';

/**
 * The query that picks the IMDb ids to (re)fetch from OMDb: movies with a well-formed imdb_id
 * whose omdb_details row is missing or older than the refresh cutoff, minus ids OMDb recently
 * answered "not found" for (quarantined with a `not_found:` reason), stalest first.
 */

export const NOT_FOUND_REASON = 'not_found';
export const PARSE_ERROR_REASON = 'parse_error';
export const OMDB_SOURCE = 'omdb';

/** Midnight UTC of `refreshAfterDays` days before the run's day: details fetched before it are stale. */
export function refreshCutoff(runDay: string, refreshAfterDays: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(runDay);
  const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== runDay) throw new RangeError(`Invalid run day ${JSON.stringify(runDay)}`);
  if (!Number.isInteger(refreshAfterDays) || refreshAfterDays < 0) throw new RangeError(`Invalid refreshAfterDays ${refreshAfterDays}`);
  return new Date(t - refreshAfterDays * 86_400_000).toISOString();
}

export interface CandidateQueryOptions {
  catalog: string;
  schema: string;
  runDay: string;
  refreshAfterDays: number;
}

/** Rows: imdb_id varchar, tmdb_ids array(bigint) (ascending), fetched_at (null = never fetched). */
export function candidatesSql(o: CandidateQueryOptions): string {
  const t = (name: string) => qualified(o.catalog, o.schema, name);
  const cutoff = sqlValue(sql.timestamptz(refreshCutoff(o.runDay, o.refreshAfterDays)));
  // LIKE pattern of the reason prefix: '_' is a LIKE wildcard, so it is escaped.
  const notFound = sqlString(`${NOT_FOUND_REASON.replace(/_/g, '\\_')}:%`);
  return (
    `WITH m AS (SELECT imdb_id, tmdb_id FROM ${t('movies')} ` +
    `WHERE imdb_id IS NOT NULL AND regexp_like(imdb_id, '^tt[0-9]+$')), ` +
    `q AS (SELECT DISTINCT record_key FROM ${t('quarantine')} ` +
    `WHERE source = ${sqlString(OMDB_SOURCE)} AND reason LIKE ${notFound} ESCAPE '\\' AND quarantined_at >= ${cutoff}) ` +
    `SELECT m.imdb_id, array_agg(m.tmdb_id ORDER BY m.tmdb_id) AS tmdb_ids, ` +
    `CAST(max(d.fetched_at) AS varchar) AS fetched_at ` +
    `FROM m LEFT JOIN ${t('omdb_details')} d ON d.imdb_id = m.imdb_id ` +
    `WHERE (d.fetched_at IS NULL OR d.fetched_at < ${cutoff}) ` +
    `AND NOT EXISTS (SELECT 1 FROM q WHERE q.record_key = m.imdb_id) ` +
    `GROUP BY m.imdb_id ` +
    `ORDER BY max(d.fetched_at) ASC NULLS FIRST, min(m.tmdb_id) ASC`
  );
}
