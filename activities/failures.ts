import { ApplicationFailure } from '@temporalio/common';
import { ConfigError } from '../config/errors';
import { PolarisError } from './catalog/polaris-client';
import { SourceError } from './sources/errors';
import { TrinoQueryError } from './warehouse/trino';
import { SqlEncodingError } from './warehouse/sql';

/** Trino errors worth another attempt (the cluster, not the statement, had a problem). */
const TRANSIENT_TRINO = new Set(['ICEBERG_COMMIT_ERROR', 'GENERIC_INSUFFICIENT_RESOURCES', 'SERVER_STARTING_UP', 'REMOTE_TASK_ERROR']);

/**
 * Two writers committing to one Iceberg table at once (two runs' MERGEs, two ledger rows): the
 * loser's commit is refused or trips over the other's snapshot, reported as a generic internal
 * error. Mistakes in a statement have their own error names; an internal error is the server's,
 * and our writes are idempotent, so another attempt (with backoff) is the right answer.
 */
export function isTransientTrino(errorName: string): boolean {
  return TRANSIENT_TRINO.has(errorName) || errorName === 'GENERIC_INTERNAL_ERROR';
}

export function toFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ConfigError) {
    return ApplicationFailure.create({ type: 'ConfigError', message: err.message, nonRetryable: true });
  }
  if (err instanceof SourceError) {
    return ApplicationFailure.create({
      type: err.type,
      message: err.message,
      nonRetryable: !err.retryable,
      nextRetryDelay: err.details.retryAfterMs,
    });
  }
  if (err instanceof PolarisError) {
    return ApplicationFailure.create({ type: 'PolarisError', message: err.message, nonRetryable: !err.retryable });
  }
  if (err instanceof TrinoQueryError) {
    return ApplicationFailure.create({
      type: `Trino.${err.errorName}`,
      message: err.message,
      nonRetryable: !isTransientTrino(err.errorName),
    });
  }
  if (err instanceof SqlEncodingError) {
    return ApplicationFailure.create({ type: 'SqlEncodingError', message: err.message, nonRetryable: true });
  }
  return err;
}

/** Wraps every function of an activities object so thrown errors are mapped by toFailure. */
export function withFailureMapping<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) {
    out[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw toFailure(err);
      }
    };
  }
  return out as T;
}
