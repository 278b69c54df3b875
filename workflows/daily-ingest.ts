import { CancellationScope, ContinueAsNew, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { IngestRun } from '../activities/ingest/types';
import type { CollectCursor, DailyIngestPlan } from '../activities/ingest/tmdb';
import { addCounts, DEFAULT_HISTORY_LIMIT, runDay, shouldContinueAsNew, sourceActivities, warehouseActivities } from './ingest-common';
import { ProgressTracker } from './progress';

export interface DailyIngestInput {
  /** incremental (default): from the last watermark to yesterday, plus the lists. backfill: releases in [from, to]. */
  mode?: 'incremental' | 'backfill';
  /** The run's day (YYYY-MM-DD); default the UTC day the run started. */
  day?: string;
  from?: string;
  to?: string;
  /** Continue as new once the history has this many events (default 10,000). */
  historyLimit?: number;
  /** Carried across continue-as-new; not for callers. */
  state?: DailyIngestState;
}

export interface DailyIngestState {
  run: IngestRun;
  plan: DailyIngestPlan;
  startedAt: string;
  cursor: CollectCursor | null;
  chunkKeys: string[];
  idsKey: string | null;
  total: number;
  offset: number;
  counts: Record<string, number>;
  generation: number;
}

export interface DailyIngestResult {
  runId: string;
  day: string;
  mode: string;
  window: { from: string; to: string } | null;
  movies: number;
  counts: Record<string, number>;
  merged: Record<string, number>;
  /** Runs of this workflow chained by continue-as-new (1 = none). */
  generations: number;
}

const warehouse = warehouseActivities();

/**
 * Every day: plan the window from the watermark, collect TMDB ids (changes, new releases, lists),
 * fetch their details in batches, then make the run's rows visible at once (one MERGE per table)
 * and record the run. OMDb and the critic sites follow on their own schedules (README).
 */
export async function DailyIngest(input: DailyIngestInput = {}): Promise<DailyIngestResult> {
  const tmdb = sourceActivities('tmdb');
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const progress = new ProgressTracker('DailyIngest', 4);
  let s = input.state;

  if (!s) {
    progress.step('plan');
    const run: IngestRun = { runId: workflowInfo().firstExecutionRunId, workflow: 'DailyIngest', day: input.day ?? runDay() };
    const plan = await warehouse.planDailyIngest.executeWithOptions({ summary: 'plan the window' }, [
      { mode: input.mode ?? 'incremental', day: run.day, from: input.from, to: input.to },
    ]);
    const startedAt = workflowInfo().runStartTime.toISOString();
    await warehouse.recordIngestRun({ ...run, ...windowOf(plan), startedAt, status: 'running' });
    s = { run, plan, startedAt, cursor: null, chunkKeys: [], idsKey: null, total: 0, offset: 0, counts: {}, generation: 1 };
    progress.done(plan.window ? `window ${plan.window.from}..${plan.window.to}` : 'no complete day since the last run; lists only');
  } else {
    progress.done(`continued (generation ${s.generation})`);
  }

  try {
    // 1. Collect ids, a bounded number of pages per activity.
    if (!s.idsKey) {
      progress.step('collect TMDB ids');
      for (;;) {
        const r = await tmdb.collectTmdbIds.executeWithOptions({ summary: `collect ids (pages from segment ${s.cursor?.segment ?? 0})` }, [
          { run: s.run, plan: s.plan, cursor: s.cursor ?? undefined },
        ]);
        s.chunkKeys.push(r.idsKey);
        addCounts(s.counts, { pages: r.pages, quarantine: r.quarantined });
        if (!r.next) break;
        s.cursor = r.next;
        await maybeContinue(s, input, historyLimit);
      }
      const ids = await warehouse.consolidateTmdbIds({ run: s.run, keys: s.chunkKeys });
      s.idsKey = ids.idsKey;
      s.total = ids.total;
    }
    progress.done(`${s.total} movies to fetch`);

    // 2. Details in batches; each activity stages its rows.
    progress.step(`details ${s.offset}/${s.total}`);
    while (s.offset < s.total) {
      const limit = s.plan.batchSize;
      const r = await tmdb.fetchTmdbDetails.executeWithOptions({ summary: `details ${s.offset + 1}-${Math.min(s.offset + limit, s.total)} of ${s.total}` }, [
        { run: s.run, idsKey: s.idsKey, offset: s.offset, limit },
      ]);
      s.offset = Math.min(s.offset + limit, s.total);
      addCounts(s.counts, { requests: r.requests, ...r.staged });
      progress.step(`details ${s.offset}/${s.total}`);
      if (s.offset < s.total) await maybeContinue(s, input, historyLimit);
    }
    progress.done(`${s.counts.movies ?? 0} movies staged`);

    // 3. One commit for the whole run, then the ledger (which moves the watermark).
    progress.step('commit');
    const commit = await warehouse.commitIngestRun.executeWithOptions({ summary: 'merge staged rows (one MERGE per table)' }, [s.run]);
    await warehouse.recordIngestRun({
      ...s.run,
      ...windowOf(s.plan),
      startedAt: s.startedAt,
      status: 'succeeded',
      watermark: s.plan.watermark ? `${s.plan.watermark}T00:00:00Z` : null,
      finishedAt: new Date().toISOString(),
      counts: s.counts,
    });
    progress.done(`merged ${Object.entries(commit.merged).map(([t, n]) => `${t} ${n}`).join(', ') || 'nothing'}`);
    progress.finish();
    return {
      runId: s.run.runId,
      day: s.run.day,
      mode: s.plan.mode,
      window: s.plan.window,
      movies: s.counts.movies ?? 0,
      counts: s.counts,
      merged: commit.merged as Record<string, number>,
      generations: s.generation,
    };
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    await recordFailure(s);
    throw err;
  }
}

function windowOf(plan: DailyIngestPlan): { windowStart: string | null; windowEnd: string | null } {
  return { windowStart: plan.window?.from ?? null, windowEnd: plan.window?.to ?? null };
}

async function maybeContinue(s: DailyIngestState, input: DailyIngestInput, historyLimit: number): Promise<void> {
  if (!shouldContinueAsNew(historyLimit)) return;
  await continueAsNew<typeof DailyIngest>({ historyLimit: input.historyLimit, state: { ...s, generation: s.generation + 1 } });
}

/**
 * The ledger says the run failed: its watermark does not move, so the next run reads the window
 * again. What was fetched is still committed (an idempotent MERGE): nothing fetched is lost.
 */
async function recordFailure(s: DailyIngestState): Promise<void> {
  await CancellationScope.nonCancellable(async () => {
    await warehouse.commitIngestRun(s.run);
    await warehouse.recordIngestRun({
      ...s.run,
      ...windowOf(s.plan),
      startedAt: s.startedAt,
      status: 'failed',
      finishedAt: new Date().toISOString(),
      counts: { ...s.counts, failed: 1 },
    });
  }).catch(() => undefined); // the original failure is what the caller must see
}
