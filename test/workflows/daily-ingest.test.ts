import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DailyIngestPlan } from '../../activities/ingest/tmdb';
import type { DailyIngestResult } from '../../workflows/daily-ingest';
import type { Progress } from '../../workflows/progress';
import { maybeRecordHistory } from './test-env';
import { callsNamed, createHarness, eventually, gate, maybeRecordRunHistory, names, runChain, startWorkflow, withWorkers, type Harness, type Impl } from './ingest-mocks';

const PLAN: DailyIngestPlan = {
  mode: 'incremental',
  day: '2024-05-05',
  window: { from: '2024-05-01', to: '2024-05-04' },
  changes: true,
  releases: true,
  lists: ['popular'],
  listPages: 2,
  watermark: '2024-05-05',
  batchSize: 4,
};

/** TMDB mocks: `pages` collect calls (cursor segment i → next segment i+1), `total` ids, details staged 1:1. */
function dailyMocks(o: { pages: number; total: number; plan?: DailyIngestPlan }, overrides: Impl = {}): Impl {
  const plan = o.plan ?? PLAN;
  return {
    planDailyIngest: async (input) => ({ ...plan, day: input.day }),
    recordIngestRun: async () => undefined,
    collectTmdbIds: async (input) => {
      // Keyed by the cursor, not a counter: a retried or repeated call returns the same answer.
      const i = input.cursor?.segment ?? 0;
      return { idsKey: `state/ids/chunk-${i}.json`, ids: 10, pages: 2, quarantined: i === 1 ? 1 : 0, next: i + 1 < o.pages ? { segment: i + 1, chunk: i + 1 } : null };
    },
    consolidateTmdbIds: async () => ({ idsKey: 'state/ids/all.json', total: o.total }),
    fetchTmdbDetails: async (input) => {
      const n = Math.min(input.limit, o.total - input.offset);
      return { movies: n, requests: n, staged: { movies: n, rating_observations: n }, quarantined: 0, resumedFrom: 0 };
    },
    commitIngestRun: async () => ({ merged: { movies: o.total, rating_observations: o.total }, merges: { movies: 1, rating_observations: 1 }, statements: 2 }),
    ...overrides,
  };
}

const of = callsNamed;

describe('DailyIngest (real Temporal dev server, mocked activities)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  }, 180_000);

  afterAll(async () => {
    await h?.env.teardown();
  });

  const start = (taskQueue: string, args: unknown[], prefix = 'daily-ingest') => startWorkflow(h, 'DailyIngest', taskQueue, args, prefix);

  it('plans, records running, collects page by page, consolidates, fetches in batches, commits, records success', async () => {
    await withWorkers(h, dailyMocks({ pages: 3, total: 10 }), async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const result = (await handle.result()) as DailyIngestResult;
      await maybeRecordHistory(h.env, handle.workflowId, 'daily-ingest');
      const runId = handle.firstExecutionRunId;
      const run = { runId, workflow: 'DailyIngest', day: '2024-05-05' };

      expect(names(calls)).toEqual([
        'planDailyIngest',
        'recordIngestRun',
        'collectTmdbIds',
        'collectTmdbIds',
        'collectTmdbIds',
        'consolidateTmdbIds',
        'fetchTmdbDetails',
        'fetchTmdbDetails',
        'fetchTmdbDetails',
        'commitIngestRun',
        'recordIngestRun',
      ]);
      expect(calls[0].input).toEqual({ mode: 'incremental', day: '2024-05-05' });
      expect(calls[1].input).toEqual({ ...run, windowStart: '2024-05-01', windowEnd: '2024-05-04', startedAt: expect.any(String), status: 'running' });
      // Each collect call goes on from the previous call's cursor.
      expect(of(calls, 'collectTmdbIds').map((c) => c.input.cursor)).toEqual([undefined, { segment: 1, chunk: 1 }, { segment: 2, chunk: 2 }]);
      expect(of(calls, 'collectTmdbIds').every((c) => c.input.run.runId === runId && c.input.plan.batchSize === 4)).toBe(true);
      expect(of(calls, 'consolidateTmdbIds')[0].input).toEqual({ run, keys: ['state/ids/chunk-0.json', 'state/ids/chunk-1.json', 'state/ids/chunk-2.json'] });
      // 10 ids in batches of 4: the last batch asks for 4 from offset 8 and gets the 2 left.
      expect(of(calls, 'fetchTmdbDetails').map((c) => c.input)).toEqual([
        { run, idsKey: 'state/ids/all.json', offset: 0, limit: 4 },
        { run, idsKey: 'state/ids/all.json', offset: 4, limit: 4 },
        { run, idsKey: 'state/ids/all.json', offset: 8, limit: 4 },
      ]);
      expect(calls[9].input).toEqual(run);
      const counts = { pages: 6, quarantine: 1, requests: 10, movies: 10, rating_observations: 10 };
      expect(calls[10].input).toEqual({
        ...run,
        windowStart: '2024-05-01',
        windowEnd: '2024-05-04',
        startedAt: calls[1].input.startedAt,
        status: 'succeeded',
        watermark: '2024-05-05T00:00:00Z',
        finishedAt: expect.any(String),
        counts,
      });

      // Source activities ran on their own queue, bookkeeping on the workflow's.
      for (const c of calls) expect([c.name, c.queue]).toEqual([c.name, ['collectTmdbIds', 'fetchTmdbDetails'].includes(c.name) ? `${tq}-tmdb` : tq]);
      expect(result).toEqual({
        runId,
        day: '2024-05-05',
        mode: 'incremental',
        window: PLAN.window,
        movies: 10,
        counts,
        merged: { movies: 10, rating_observations: 10 },
        generations: 1,
      });
    });
  });

  it('backfill: no watermark is recorded', async () => {
    const plan: DailyIngestPlan = { ...PLAN, mode: 'backfill', lists: [], watermark: null };
    await withWorkers(h, dailyMocks({ pages: 1, total: 3, plan }), async (tq, calls) => {
      const handle = await start(tq, [{ mode: 'backfill', day: '2024-05-05', from: '2024-01-01', to: '2024-01-31' }]);
      await handle.result();
      expect(calls[0].input).toEqual({ mode: 'backfill', day: '2024-05-05', from: '2024-01-01', to: '2024-01-31' });
      expect(of(calls, 'recordIngestRun')[1].input).toMatchObject({ status: 'succeeded', watermark: null });
    });
  });

  it('continues as new at the history limit, keeping the first run id and never repeating or skipping an offset', async () => {
    const total = 41; // batches of 4: 11 batches, the last one of 1
    await withWorkers(h, dailyMocks({ pages: 4, total }), async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05', historyLimit: 20 }]);
      const result = (await handle.result()) as DailyIngestResult;
      const chain = await runChain(h.env, handle.workflowId, handle.firstExecutionRunId);
      await maybeRecordRunHistory(h.env, handle.workflowId, chain[0], 'daily-ingest-continued-first');
      await maybeRecordHistory(h.env, handle.workflowId, 'daily-ingest-continued-last');

      expect(result.generations).toBeGreaterThan(2);
      expect(chain).toHaveLength(result.generations);
      expect((await handle.describe()).runId).toBe(chain[chain.length - 1]);
      // Every activity of every generation stages and commits under the first run's id.
      for (const c of calls) {
        const runId = c.name === 'planDailyIngest' ? undefined : c.name === 'commitIngestRun' ? c.input.runId : c.input.run?.runId ?? c.input.runId;
        if (runId !== undefined) expect(runId).toBe(handle.firstExecutionRunId);
      }
      expect(of(calls, 'planDailyIngest')).toHaveLength(1);
      expect(of(calls, 'collectTmdbIds').map((c) => c.input.cursor?.segment ?? 0)).toEqual([0, 1, 2, 3]);
      expect(of(calls, 'consolidateTmdbIds')[0].input.keys).toHaveLength(4);
      expect(of(calls, 'fetchTmdbDetails').map((c) => c.input.offset)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40]);
      expect(of(calls, 'commitIngestRun')).toHaveLength(1);
      const done = of(calls, 'recordIngestRun').map((c) => c.input.status);
      expect(done).toEqual(['running', 'succeeded']);
      // Counts survive the hand-over between runs.
      expect(result.counts).toEqual({ pages: 8, quarantine: 1, requests: total, movies: total, rating_observations: total });
      expect(of(calls, 'recordIngestRun')[1].input.startedAt).toBe(of(calls, 'recordIngestRun')[0].input.startedAt);
    });
  });

  it('answers the progress query with the current step while a details batch runs', async () => {
    const g = gate();
    const base = dailyMocks({ pages: 1, total: 10 });
    const mocks = dailyMocks(
      { pages: 1, total: 10 },
      {
        fetchTmdbDetails: async (input) => {
          if (input.offset === 4) await g.wait;
          return base.fetchTmdbDetails!(input);
        },
      },
    );
    await withWorkers(h, mocks, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      await eventually(() => of(calls, 'fetchTmdbDetails').length, (n) => n === 2);
      const p = await eventually(() => handle.query<Progress>('progress'), (v) => v.step.startsWith('details'));
      expect(p).toMatchObject({ workflow: 'DailyIngest', step: 'details 4/10', stepsDone: 2, stepsTotal: 4 });
      g.release();
      await handle.result();
      expect(await handle.query<Progress>('progress')).toMatchObject({ step: 'finished', stepsDone: 4 });
    });
  });

  it('fails at once on a non-retryable source failure, after committing what was staged and recording the failure', async () => {
    let attempts = 0;
    const mocks = dailyMocks(
      { pages: 1, total: 10 },
      {
        fetchTmdbDetails: async (input) => {
          if (input.offset < 4) return { movies: 4, requests: 4, staged: { movies: 4 }, quarantined: 0, resumedFrom: 0 };
          attempts += 1;
          throw ApplicationFailure.create({ type: 'AuthError', message: 'TMDB rejected the token', nonRetryable: true });
        },
      },
    );
    await withWorkers(h, mocks, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const err = await handle.result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const cause = (err as WorkflowFailedError).cause as { cause?: { type?: string } };
      expect(cause.cause?.type).toBe('AuthError');
      expect(attempts).toBe(1);
      expect(names(calls).slice(-3)).toEqual(['fetchTmdbDetails', 'commitIngestRun', 'recordIngestRun']);
      expect(calls[calls.length - 1].input).toMatchObject({
        runId: handle.firstExecutionRunId,
        status: 'failed',
        counts: { pages: 2, requests: 4, movies: 4, failed: 1 },
      });
      // A failed run does not move the watermark.
      expect(calls[calls.length - 1].input.watermark).toBeUndefined();
    });
  });

  it('retries a plain (retryable) error and succeeds', async () => {
    const base = dailyMocks({ pages: 2, total: 3 });
    const mocks = dailyMocks(
      { pages: 2, total: 3 },
      {
        collectTmdbIds: async (input) => {
          // The second page fails once, as a dropped connection would.
          if (input.cursor && Context.current().info.attempt === 1) throw new Error('ECONNRESET');
          return base.collectTmdbIds!(input);
        },
      },
    );
    await withWorkers(h, mocks, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const result = (await handle.result()) as DailyIngestResult;
      expect(of(calls, 'collectTmdbIds').map((c) => [c.input.cursor?.segment ?? 0, c.attempt])).toEqual([
        [0, 1],
        [1, 1],
        [1, 2],
      ]);
      expect(result.movies).toBe(3);
      expect(of(calls, 'recordIngestRun').map((c) => c.input.status)).toEqual(['running', 'succeeded']);
    });
  }, 60_000);

  it('fails without retries on BadInput from the plan, before anything is recorded', async () => {
    let attempts = 0;
    const mocks = dailyMocks(
      { pages: 1, total: 1 },
      {
        planDailyIngest: async () => {
          attempts += 1;
          throw ApplicationFailure.create({ type: 'BadInput', message: 'from after to', nonRetryable: true });
        },
      },
    );
    await withWorkers(h, mocks, async (tq, calls) => {
      const handle = await start(tq, [{ mode: 'backfill', from: '2024-02-01', to: '2024-01-01' }]);
      const err = await handle.result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect(((err as WorkflowFailedError).cause as { cause?: { type?: string } }).cause?.type).toBe('BadInput');
      expect(attempts).toBe(1);
      expect(names(calls)).toEqual(['planDailyIngest']);
    });
  });
});
