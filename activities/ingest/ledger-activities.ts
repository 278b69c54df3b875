import type { IngestContext } from './context';
import { commitRun, recordRun, type CommitSummary, type RunRecord } from './run-ledger';
import type { IngestRun } from './types';

/** The run bookkeeping every ingestion workflow shares (main task queue: Trino only). */
export function createLedgerActivities(ctx: IngestContext) {
  return {
    /** ingest_runs row: status running at the start, the outcome and counts at the end. */
    recordIngestRun: (r: RunRecord): Promise<void> => recordRun(ctx, r),
    /** Makes the run's staged rows visible: one MERGE per silver table. */
    commitIngestRun: (run: IngestRun): Promise<CommitSummary> => commitRun(ctx, run),
  };
}
