import type { RetryPolicy } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { sourceTaskQueue, type SourceQueue } from './task-queues';

/** Shared by the ingestion workflows: activity proxies per task queue, days, history limits. */

export const ingestRetry: RetryPolicy = { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '2m', maximumAttempts: 8 };

/** Warehouse and bookkeeping activities (Trino, S3): the workflow's own queue. */
export function warehouseActivities() {
  return proxyActivities<Activities>({ startToCloseTimeout: '15m', heartbeatTimeout: '2m', retry: ingestRetry });
}

/**
 * A source's activities run on that source's queue. They heartbeat after every item, so a
 * worker that dies is noticed within the heartbeat timeout and the retry resumes from there.
 */
export function sourceActivities(source: SourceQueue) {
  return proxyActivities<Activities>({
    taskQueue: sourceTaskQueue(workflowInfo().taskQueue, source),
    startToCloseTimeout: '30m',
    heartbeatTimeout: '30s',
    retry: ingestRetry,
  });
}

/** The UTC day (YYYY-MM-DD) of the run's first start: raw objects and observations are filed under it. */
export function runDay(): string {
  return workflowInfo().runStartTime.toISOString().slice(0, 10);
}

/** Default history size at which a run continues as new (Temporal suggests it too, near 50k events). */
export const DEFAULT_HISTORY_LIMIT = 10_000;

export function shouldContinueAsNew(limit: number): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= limit;
}

export function addCounts(into: Record<string, number>, more: Record<string, number | undefined | null>): void {
  for (const [k, v] of Object.entries(more)) if (typeof v === 'number' && v) into[k] = (into[k] ?? 0) + v;
}
