import { CancellationScope, ContinueAsNew, continueAsNew, sleep, workflowInfo } from '@temporalio/workflow';
import type { IngestRun } from '../activities/ingest/types';
import { addCounts, DEFAULT_HISTORY_LIMIT, runDay, shouldContinueAsNew, sourceActivities, warehouseActivities } from './ingest-common';
import { ProgressTracker } from './progress';

export interface EnrichOmdbInput {
  day?: string;
  historyLimit?: number;
  /** Slack added to the wait for the budget reset, so the first request lands in the new day (default 60 s). */
  resetMarginMs?: number;
  /** Carried across continue-as-new; not for callers. */
  state?: EnrichOmdbState;
}

export interface EnrichOmdbState {
  run: IngestRun;
  startedAt: string;
  candidatesKey: string;
  total: number;
  offset: number;
  counts: Record<string, number>;
  /** Times the run waited for the daily budget to reset. */
  waits: number;
  generation: number;
}

export interface EnrichOmdbResult {
  runId: string;
  day: string;
  candidates: number;
  enriched: number;
  counts: Record<string, number>;
  /** 'budget': stopped with candidates left (onQuota: stop); the next run goes on. */
  stoppedBy: 'budget' | null;
  waits: number;
  /** Runs of this workflow chained by continue-as-new (1 = none). */
  generations: number;
}

const warehouse = warehouseActivities();
const RESET_MARGIN_MS = 60_000;

/**
 * Movies with an IMDb id that OMDb has not described yet (or not for N days), within a daily
 * request budget counted across runs. When the budget or OMDb's own quota runs out, what was
 * fetched is committed, then the run either sleeps durably until the budget resets and goes on
 * (onQuota: wait) or stops and leaves the rest to the next run (onQuota: stop). A title that hit
 * the limit is never recorded as having no data.
 */
export async function EnrichOmdb(input: EnrichOmdbInput = {}): Promise<EnrichOmdbResult> {
  const omdb = sourceActivities('omdb');
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const progress = new ProgressTracker('EnrichOmdb', 3);
  let s = input.state;
  if (!s) {
    progress.step('select candidates');
    const run: IngestRun = { runId: workflowInfo().firstExecutionRunId, workflow: 'EnrichOmdb', day: input.day ?? runDay() };
    const startedAt = workflowInfo().runStartTime.toISOString();
    await warehouse.recordIngestRun({ ...run, windowStart: null, windowEnd: null, startedAt, status: 'running' });
    const c = await warehouse.selectOmdbCandidates.executeWithOptions({ summary: 'select movies to enrich' }, [run]);
    s = { run, startedAt, candidatesKey: c.candidatesKey, total: c.total, offset: 0, counts: { candidates: c.total }, waits: 0, generation: 1 };
  }
  progress.done(`${s.total} titles to enrich`);

  let stoppedBy: 'budget' | null = null;
  try {
    progress.step(`enrich ${s.offset}/${s.total}`);
    while (s.offset < s.total) {
      const budget = await warehouse.omdbBudget();
      if (budget.remaining <= 0) {
        if (budget.onQuota === 'stop') {
          stoppedBy = 'budget';
          break; // the commit below makes what was fetched visible
        }
        // Make what was fetched visible before waiting (a run may wait most of a day).
        await warehouse.commitIngestRun.executeWithOptions({ summary: 'commit before the budget wait' }, [s.run]);
        const waitMs = Math.max(0, Date.parse(budget.resetsAt) - new Date().getTime()) + (input.resetMarginMs ?? RESET_MARGIN_MS);
        progress.step(`budget used up (${budget.used}/${budget.limit}); waiting until ${budget.resetsAt}`);
        s.waits += 1;
        await sleep(waitMs);
        await maybeContinue(s, input, historyLimit, true);
        continue;
      }
      const limit = Math.min(budget.remaining, budget.batchSize, s.total - s.offset);
      const r = await omdb.enrichOmdbBatch.executeWithOptions({ summary: `OMDb ${s.offset + 1}-${s.offset + limit} of ${s.total}` }, [
        { run: s.run, candidatesKey: s.candidatesKey, offset: s.offset, limit },
      ]);
      addCounts(s.counts, { requests: r.requests, enriched: r.processed, ...r.staged });
      s.offset = r.nextOffset ?? s.offset + limit;
      progress.step(`enrich ${s.offset}/${s.total}`);
      // stoppedBy quota/budget: the next loop turn reads the budget (now 0) and waits or stops.
      if (s.offset < s.total) await maybeContinue(s, input, historyLimit, false);
    }
    progress.done(`${s.counts.enriched ?? 0} enriched, ${s.counts.requests ?? 0} requests`);

    progress.step('commit');
    await warehouse.commitIngestRun.executeWithOptions({ summary: 'merge staged rows (one MERGE per table)' }, [s.run]);
    await warehouse.recordIngestRun({
      ...s.run,
      windowStart: null,
      windowEnd: null,
      startedAt: s.startedAt,
      status: stoppedBy ? 'stopped_quota' : 'succeeded',
      finishedAt: new Date().toISOString(),
      counts: { ...s.counts, waits: s.waits, left: s.total - s.offset },
    });
    progress.done();
    progress.finish();
    return { runId: s.run.runId, day: s.run.day, candidates: s.total, enriched: s.counts.enriched ?? 0, counts: s.counts, stoppedBy, waits: s.waits, generations: s.generation };
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    const st = s;
    // What was fetched cost budget: keep it (the MERGE is idempotent), then record the failure.
    await CancellationScope.nonCancellable(async () => {
      await warehouse.commitIngestRun(st.run);
      await warehouse.recordIngestRun({ ...st.run, windowStart: null, windowEnd: null, startedAt: st.startedAt, status: 'failed', finishedAt: new Date().toISOString(), counts: st.counts });
    }).catch(() => undefined);
    throw err;
  }
}

async function maybeContinue(s: EnrichOmdbState, input: EnrichOmdbInput, limit: number, force: boolean): Promise<void> {
  // After a long wait, a fresh run keeps the history short and picks up new code.
  if (!force && !shouldContinueAsNew(limit)) return;
  await continueAsNew<typeof EnrichOmdb>({ historyLimit: input.historyLimit, resetMarginMs: input.resetMarginMs, state: { ...s, generation: s.generation + 1 } });
}
