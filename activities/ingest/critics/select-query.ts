import type { CriticSite } from '../../sources/records';
import { qualified, sql, sqlString, sqlValue } from '../../warehouse/sql';
import type { CriticCandidate } from './candidate-list';

/**
 * Which movies a run checks on one critic site, as one Trino query over movies LEFT JOIN
 * critic_pages:
 * - never checked (no critic_pages row for the site);
 * - `found`: every run (the daily rating history), but not twice on the run's UTC day;
 * - `not_found` / `blocked_by_robots` / `error`: once the last check's UTC day is at least
 *   recheckAfterDays before the run's day (checked on the 1st with 30 days → due on the 31st).
 * Never-checked first, then the stalest, then by tmdb_id, so a capped run is deterministic.
 */

export interface SelectQueryInput {
  catalog: string;
  schema: string;
  site: CriticSite;
  /** The run's UTC day, YYYY-MM-DD. */
  day: string;
  recheckAfterDays: number;
  limit: number;
}

/** The latest checked-on day a not-found/blocked/error page may have to be due again. */
export function recheckCutoff(day: string, recheckAfterDays: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime())) throw new RangeError(`Invalid run day ${JSON.stringify(day)}`);
  if (!Number.isSafeInteger(recheckAfterDays) || recheckAfterDays < 0) throw new RangeError(`Invalid recheckAfterDays ${recheckAfterDays}`);
  d.setUTCDate(d.getUTCDate() - recheckAfterDays);
  return d.toISOString().slice(0, 10);
}

export function selectCandidatesSql(q: SelectQueryInput): string {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1) throw new RangeError(`Invalid candidate limit ${q.limit}`);
  const movies = qualified(q.catalog, q.schema, 'movies');
  const pages = qualified(q.catalog, q.schema, 'critic_pages');
  const day = sqlValue(sql.date(q.day));
  const cutoff = sqlValue(sql.date(recheckCutoff(q.day, q.recheckAfterDays)));
  const checkedOn = `CAST(p.checked_at AT TIME ZONE 'UTC' AS date)`;
  const retryable = ['not_found', 'blocked_by_robots', 'error'].map(sqlString).join(', ');
  return (
    `SELECT m.tmdb_id, m.title, m.original_title, coalesce(m.year, year(m.release_date)) AS year, ` +
    `CASE WHEN p.status = ${sqlString('found')} THEN p.url END AS known_url ` +
    `FROM ${movies} m LEFT JOIN ${pages} p ON p.tmdb_id = m.tmdb_id AND p.site = ${sqlString(q.site)} ` +
    `WHERE p.tmdb_id IS NULL ` +
    `OR (p.status = ${sqlString('found')} AND (p.checked_at IS NULL OR ${checkedOn} <> ${day})) ` +
    `OR (p.status IN (${retryable}) AND (p.checked_at IS NULL OR ${checkedOn} <= ${cutoff})) ` +
    // LIMIT takes only an integer literal; the value is a validated safe integer.
    `ORDER BY p.checked_at ASC NULLS FIRST, m.tmdb_id ASC LIMIT ${q.limit}`
  );
}

/** One result row → a candidate; rows Trino returns in the SELECT's column order. */
export function candidateFromRow(row: unknown[]): CriticCandidate {
  const [tmdbId, title, originalTitle, year, knownUrl] = row;
  const id = Number(tmdbId);
  if (!Number.isSafeInteger(id) || id < 1) throw new TypeError(`critic candidate row has an invalid tmdb_id ${String(tmdbId)}`);
  return {
    tmdbId: id,
    title: typeof title === 'string' ? title : '',
    originalTitle: typeof originalTitle === 'string' ? originalTitle : null,
    year: year === null || year === undefined ? null : Number(year),
    knownUrl: typeof knownUrl === 'string' && knownUrl ? knownUrl : null,
  };
}
