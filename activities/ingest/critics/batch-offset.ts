import { ApplicationFailure } from '@temporalio/common';

/** The heartbeat of a batch: every candidate before `offset` has its rows staged. */
export interface BatchCheckpoint {
  offset: number;
}

/**
 * Where a batch starts: the workflow's offset, or further on when an earlier attempt of this
 * activity heartbeated a checkpoint past it (a retry does not check those movies again).
 */
export function startOffset(requested: number, resumed: unknown, total: number): number {
  if (!Number.isSafeInteger(requested) || requested < 0) {
    throw ApplicationFailure.create({ type: 'InvalidBatchOffset', message: `Invalid candidate offset ${String(requested)}`, nonRetryable: true });
  }
  const r = (resumed as Partial<BatchCheckpoint> | undefined)?.offset;
  const from = typeof r === 'number' && Number.isSafeInteger(r) && r > requested ? r : requested;
  return Math.min(from, total);
}
