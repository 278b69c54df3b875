import { NotFoundError, ParseError, QuotaExhaustedError } from '../../sources/errors';
import { NOT_FOUND_REASON, PARSE_ERROR_REASON } from './candidates-sql';

/**
 * What one failed OMDb lookup means for the batch: a bad record is quarantined and the batch
 * goes on; the daily limit stops the batch (the title is NOT recorded: "limit reached" is never
 * "no data"); everything else is thrown (bad key, config: non-retryable; 5xx/timeouts: Temporal
 * retries the activity).
 */
export type LookupFailure = { kind: 'quarantine'; reason: string } | { kind: 'quota' } | { kind: 'throw' };

const MAX_REASON = 500;

export function classifyLookupError(err: unknown): LookupFailure {
  if (err instanceof QuotaExhaustedError) return { kind: 'quota' };
  if (err instanceof NotFoundError) return { kind: 'quarantine', reason: reason(NOT_FOUND_REASON, err.message) };
  if (err instanceof ParseError) return { kind: 'quarantine', reason: reason(PARSE_ERROR_REASON, err.message) };
  return { kind: 'throw' };
}

function reason(prefix: string, message: string): string {
  const text = `${prefix}: ${message.replace(/\s+/g, ' ').trim()}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
