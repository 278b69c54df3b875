import { ApplicationFailure } from '@temporalio/common';
import { isTransientTrino, toFailure, withFailureMapping } from '../../../activities/failures';
import { TrinoQueryError } from '../../../activities/warehouse/trino';

const trinoError = (name: string) => new TrinoQueryError(`Query failed: ${name} happened`, name, 'INTERNAL_ERROR', '20240310_000000_00001_abcde');

function asFailure(err: unknown): ApplicationFailure {
  const f = toFailure(err);
  expect(f).toBeInstanceOf(ApplicationFailure);
  return f as ApplicationFailure;
}

describe('isTransientTrino', () => {
  it.each(['GENERIC_INTERNAL_ERROR', 'ICEBERG_COMMIT_ERROR', 'GENERIC_INSUFFICIENT_RESOURCES', 'SERVER_STARTING_UP', 'REMOTE_TASK_ERROR'])(
    '%s is transient',
    (name) => expect(isTransientTrino(name)).toBe(true),
  );

  it.each(['SYNTAX_ERROR', 'TABLE_NOT_FOUND', 'COLUMN_NOT_FOUND', 'TYPE_MISMATCH', 'NOT_SUPPORTED', 'PERMISSION_DENIED', '', 'generic_internal_error'])(
    '%j is not transient',
    (name) => expect(isTransientTrino(name)).toBe(false),
  );
});

describe('toFailure for Trino query errors', () => {
  it.each(['GENERIC_INTERNAL_ERROR', 'ICEBERG_COMMIT_ERROR'])('%s → retryable ApplicationFailure typed Trino.<name>', (name) => {
    const f = asFailure(trinoError(name));
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe(`Trino.${name}`);
    expect(f.message).toBe(`Query failed: ${name} happened`);
  });

  it.each(['SYNTAX_ERROR', 'TABLE_NOT_FOUND', 'COLUMN_NOT_FOUND'])('%s → non-retryable ApplicationFailure', (name) => {
    const f = asFailure(trinoError(name));
    expect(f.nonRetryable).toBe(true);
    expect(f.type).toBe(`Trino.${name}`);
  });

  it('an ApplicationFailure passes through unchanged; unknown errors are left alone', () => {
    const af = ApplicationFailure.create({ type: 'X', message: 'm', nonRetryable: true });
    expect(toFailure(af)).toBe(af);
    const plain = new Error('boom');
    expect(toFailure(plain)).toBe(plain);
  });

  it('withFailureMapping maps what a wrapped activity throws', async () => {
    const acts = withFailureMapping({
      commit: async () => {
        throw trinoError('ICEBERG_COMMIT_ERROR');
      },
      parse: async () => {
        throw trinoError('SYNTAX_ERROR');
      },
      ok: async (n: number) => n + 1,
    });
    await expect(acts.ok(1)).resolves.toBe(2);
    await expect(acts.commit()).rejects.toMatchObject({ type: 'Trino.ICEBERG_COMMIT_ERROR', nonRetryable: false });
    await expect(acts.parse()).rejects.toMatchObject({ type: 'Trino.SYNTAX_ERROR', nonRetryable: true });
    await expect(acts.parse()).rejects.toBeInstanceOf(ApplicationFailure);
  });
});
