import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EnrichOmdbResult } from '../../workflows/enrich-omdb';
import { maybeRecordHistory } from './test-env';
import { callsNamed, createHarness, maybeRecordRunHistory, names, runChain, startWorkflow, withWorkers, type Call, type Harness, type Impl } from './ingest-mocks';

const KEY = 'state/omdb-candidates/run.json';

/**
 * A day's budget the mocks share: `limit` requests, spent by enrichOmdbBatch; `quotaAt` makes
 * OMDb answer "Request limit reached" at that candidate (the day is then marked exhausted).
 * `resetsAt` (ms) refills it, like the next UTC midnight would.
 */
function omdbMocks(o: { total: number; batchSize: number; limit: number; onQuota: 'wait' | 'stop'; resetsAt?: number; quotaAt?: number }, overrides: Impl = {}) {
  const budget = { used: 0, exhausted: false, reset: false };
  const refill = () => {
    if (o.resetsAt !== undefined && !budget.reset && Date.now() >= o.resetsAt) Object.assign(budget, { used: 0, exhausted: false, reset: true });
  };
  const impl: Impl = {
    recordIngestRun: async () => undefined,
    selectOmdbCandidates: async () => ({ candidatesKey: KEY, total: o.total }),
    omdbBudget: async () => {
      refill();
      return {
        budgetDay: budget.reset ? '2024-05-06' : '2024-05-05',
        limit: o.limit,
        used: budget.used,
        remaining: budget.exhausted ? 0 : Math.max(0, o.limit - budget.used),
        resetsAt: new Date(o.resetsAt ?? Date.now() + 3_600_000).toISOString(),
        onQuota: o.onQuota,
        batchSize: o.batchSize,
      };
    },
    enrichOmdbBatch: async (input) => {
      refill();
      let index = input.offset;
      const end = Math.min(input.offset + input.limit, o.total);
      let stoppedBy: 'quota' | null = null;
      let requests = 0;
      while (index < end) {
        requests += 1;
        if (index === o.quotaAt && !budget.reset) {
          budget.exhausted = true;
          stoppedBy = 'quota';
          break;
        }
        index += 1;
      }
      budget.used += requests;
      const processed = index - input.offset;
      return {
        processed,
        requests,
        nextOffset: !stoppedBy && index >= o.total ? null : index,
        staged: processed ? { omdb_details: processed } : {},
        quarantined: 0,
        stoppedBy,
      };
    },
    commitIngestRun: async () => ({ merged: { omdb_details: 1 }, merges: { omdb_details: 1 }, statements: 1 }),
    ...overrides,
  };
  return { impl, budget };
}

const of = callsNamed;
/** [offset, limit] of each enrichOmdbBatch call. */
const slices = (calls: Call[]) => of(calls, 'enrichOmdbBatch').map((c) => [c.input.offset, c.input.limit]);

describe('EnrichOmdb (real Temporal dev server, mocked activities)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  }, 180_000);

  afterAll(async () => {
    await h?.env.teardown();
  });

  const start = (taskQueue: string, args: unknown[]) => startWorkflow(h, 'EnrichOmdb', taskQueue, args, 'enrich-omdb');

  it('records running, selects, checks the budget before every batch, commits once, records success', async () => {
    const { impl } = omdbMocks({ total: 7, batchSize: 3, limit: 100, onQuota: 'wait' });
    await withWorkers(h, impl, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const result = (await handle.result()) as EnrichOmdbResult;
      await maybeRecordHistory(h.env, handle.workflowId, 'enrich-omdb');
      const run = { runId: handle.firstExecutionRunId, workflow: 'EnrichOmdb', day: '2024-05-05' };

      expect(names(calls)).toEqual([
        'recordIngestRun',
        'selectOmdbCandidates',
        'omdbBudget',
        'enrichOmdbBatch',
        'omdbBudget',
        'enrichOmdbBatch',
        'omdbBudget',
        'enrichOmdbBatch',
        'commitIngestRun',
        'recordIngestRun',
      ]);
      expect(calls[0].input).toEqual({ ...run, windowStart: null, windowEnd: null, startedAt: expect.any(String), status: 'running' });
      expect(calls[1].input).toEqual(run);
      expect(of(calls, 'enrichOmdbBatch').map((c) => c.input)).toEqual([
        { run, candidatesKey: KEY, offset: 0, limit: 3 },
        { run, candidatesKey: KEY, offset: 3, limit: 3 },
        { run, candidatesKey: KEY, offset: 6, limit: 1 },
      ]);
      for (const c of calls) expect([c.name, c.queue]).toEqual([c.name, c.name === 'enrichOmdbBatch' ? `${tq}-omdb` : tq]);
      expect(calls[8].input).toEqual(run);
      expect(calls[9].input).toEqual({
        ...run,
        windowStart: null,
        windowEnd: null,
        startedAt: calls[0].input.startedAt,
        status: 'succeeded',
        finishedAt: expect.any(String),
        counts: { candidates: 7, requests: 7, enriched: 7, omdb_details: 7, waits: 0, left: 0 },
      });
      expect(result).toEqual({ runId: run.runId, day: '2024-05-05', candidates: 7, enriched: 7, counts: { candidates: 7, requests: 7, enriched: 7, omdb_details: 7 }, stoppedBy: null, waits: 0, generations: 1 });
    });
  });

  it('batches never exceed what is left of the budget', async () => {
    const { impl } = omdbMocks({ total: 10, batchSize: 4, limit: 6, onQuota: 'stop' });
    await withWorkers(h, impl, async (tq, calls) => {
      const result = (await (await start(tq, [{ day: '2024-05-05' }])).result()) as EnrichOmdbResult;
      expect(slices(calls)).toEqual([
        [0, 4],
        [4, 2],
      ]);
      expect(result.enriched).toBe(6);
    });
  });

  it('continues as new at the history limit with the first run id and contiguous offsets', async () => {
    const { impl } = omdbMocks({ total: 30, batchSize: 2, limit: 1000, onQuota: 'wait' });
    await withWorkers(h, impl, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05', historyLimit: 20 }]);
      const result = (await handle.result()) as EnrichOmdbResult;
      const chain = await runChain(h.env, handle.workflowId, handle.firstExecutionRunId);
      expect(chain.length).toBeGreaterThan(2);
      expect((await handle.describe()).runId).toBe(chain[chain.length - 1]);
      expect(slices(calls)).toEqual(Array.from({ length: 15 }, (_, i) => [2 * i, 2]));
      for (const c of of(calls, 'enrichOmdbBatch')) expect(c.input.run.runId).toBe(handle.firstExecutionRunId);
      expect(of(calls, 'selectOmdbCandidates')).toHaveLength(1);
      expect(of(calls, 'commitIngestRun').map((c) => c.input.runId)).toEqual([handle.firstExecutionRunId]);
      expect(of(calls, 'recordIngestRun').map((c) => c.input.status)).toEqual(['running', 'succeeded']);
      expect(result).toMatchObject({ candidates: 30, enriched: 30, waits: 0, stoppedBy: null });
    });
  });

  it('onQuota stop: commits and finishes as stopped_quota with the rest left for the next run', async () => {
    const { impl } = omdbMocks({ total: 10, batchSize: 3, limit: 4, onQuota: 'stop' });
    await withWorkers(h, impl, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const result = (await handle.result()) as EnrichOmdbResult;
      expect(slices(calls)).toEqual([
        [0, 3],
        [3, 1],
      ]);
      // The budget check that finds 0 left comes before the commit; nothing is fetched after it.
      expect(names(calls).slice(6)).toEqual(['omdbBudget', 'commitIngestRun', 'recordIngestRun']);
      expect(calls[calls.length - 1].input).toMatchObject({ status: 'stopped_quota', counts: { enriched: 4, left: 6, waits: 0 } });
      expect(result).toMatchObject({ stoppedBy: 'budget', enriched: 4, candidates: 10, waits: 0 });
    });
  });

  it("OMDb's own quota mid-batch: the next turn checks the budget, and the unprocessed candidate is left, not skipped", async () => {
    const { impl } = omdbMocks({ total: 10, batchSize: 3, limit: 100, onQuota: 'stop', quotaAt: 4 });
    await withWorkers(h, impl, async (tq, calls) => {
      const result = (await (await start(tq, [{ day: '2024-05-05' }])).result()) as EnrichOmdbResult;
      expect(slices(calls)).toEqual([
        [0, 3],
        [3, 3],
      ]);
      expect(names(calls).slice(2, 7)).toEqual(['omdbBudget', 'enrichOmdbBatch', 'omdbBudget', 'enrichOmdbBatch', 'omdbBudget']);
      // Candidate 4 hit the quota: 4 done, 6 left (4 included).
      expect(calls[calls.length - 1].input).toMatchObject({ status: 'stopped_quota', counts: { enriched: 4, requests: 5, left: 6 } });
      expect(result).toMatchObject({ stoppedBy: 'budget', enriched: 4 });
    });
  });

  it('onQuota wait: commits, sleeps durably until the reset (+ margin), continues as new and finishes the rest', async () => {
    // A 1 s margin instead of the default 60 s keeps the real wait short.
    const resetsAt = Date.now() + 2_000;
    const { impl } = omdbMocks({ total: 8, batchSize: 3, limit: 100, onQuota: 'wait', quotaAt: 4, resetsAt });
    await withWorkers(h, impl, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05', resetMarginMs: 1_000 }]);
      const result = (await handle.result()) as EnrichOmdbResult;
      const chain = await runChain(h.env, handle.workflowId, handle.firstExecutionRunId);
      await maybeRecordRunHistory(h.env, handle.workflowId, chain[0], 'enrich-omdb-wait-first');
      expect(chain).toHaveLength(2);

      // First run: the commit completes before the timer starts, and the timer covers the reset + margin.
      const events = (await h.env.client.workflow.getHandle(handle.workflowId, chain[0]).fetchHistory()).events ?? [];
      const commitAt = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'commitIngestRun');
      const commitDone = events.findIndex((e, i) => i > commitAt && e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() === events[commitAt].eventId?.toString());
      const timerAt = events.findIndex((e) => e.timerStartedEventAttributes);
      expect(commitAt).toBeGreaterThan(0);
      expect(commitDone).toBeGreaterThan(commitAt);
      expect(timerAt).toBeGreaterThan(commitDone);
      const timeout = events[timerAt].timerStartedEventAttributes?.startToFireTimeout;
      const timerMs = Number(timeout?.seconds ?? 0) * 1000 + Math.round((timeout?.nanos ?? 0) / 1e6);
      expect(timerMs).toBeGreaterThanOrEqual(1_000);
      expect(timerMs).toBeLessThanOrEqual(4_000);
      expect(events[events.length - 1].workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();

      // Candidate 4 (quota) is fetched again after the reset; nothing is skipped or repeated.
      expect(slices(calls)).toEqual([
        [0, 3],
        [3, 3],
        [4, 3],
        [7, 1],
      ]);
      expect(names(calls).slice(6, 10)).toEqual(['omdbBudget', 'commitIngestRun', 'omdbBudget', 'enrichOmdbBatch']);
      expect(of(calls, 'commitIngestRun')).toHaveLength(2);
      for (const c of of(calls, 'enrichOmdbBatch')) expect(c.input.run.runId).toBe(handle.firstExecutionRunId);
      expect(calls[calls.length - 1].input).toMatchObject({ status: 'succeeded', counts: { enriched: 8, waits: 1, left: 0 } });
      expect(result).toMatchObject({ stoppedBy: null, enriched: 8, waits: 1 });
    });
  }, 120_000);

  it('fails at once on a non-retryable OMDb failure, after committing and recording the failure', async () => {
    let attempts = 0;
    const { impl } = omdbMocks(
      { total: 10, batchSize: 3, limit: 100, onQuota: 'stop' },
      {
        enrichOmdbBatch: async () => {
          attempts += 1;
          throw ApplicationFailure.create({ type: 'AuthError', message: 'Invalid API key!', nonRetryable: true });
        },
      },
    );
    await withWorkers(h, impl, async (tq, calls) => {
      const err = await (await start(tq, [{ day: '2024-05-05' }])).result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect(((err as WorkflowFailedError).cause as { cause?: { type?: string } }).cause?.type).toBe('AuthError');
      expect(attempts).toBe(1);
      expect(names(calls).slice(-3)).toEqual(['enrichOmdbBatch', 'commitIngestRun', 'recordIngestRun']);
      expect(calls[calls.length - 1].input).toMatchObject({ status: 'failed', counts: { candidates: 10 } });
    });
  });
});
