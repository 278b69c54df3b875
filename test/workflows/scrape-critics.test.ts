import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CriticSite } from '../../activities/sources/records';
import type { ScrapeCriticsResult } from '../../workflows/scrape-critics';
import { maybeRecordHistory } from './test-env';
import { callsNamed, createHarness, eventually, gate, maybeRecordRunHistory, names, runChain, startWorkflow, withWorkers, type Call, type Harness, type Impl } from './ingest-mocks';

/** Candidates per site; each batch handles up to `batch` movies and points at the next offset. */
function criticMocks(totals: Record<CriticSite, number>, batch: number, overrides: Impl = {}): Impl {
  return {
    recordIngestRun: async () => undefined,
    selectCriticCandidates: async ({ site }) => ({ candidatesKey: `state/critics/${site}.json`, total: totals[site] }),
    scrapeCriticsBatch: async ({ site, offset }) => {
      const n = Math.min(batch, totals[site] - offset);
      const found = n > 1 ? n - 1 : n;
      return {
        processed: n,
        requests: n + 1,
        nextOffset: offset + n >= totals[site] ? null : offset + n,
        staged: { critic_pages: n, rating_observations: found },
        quarantined: 0,
        found,
        notFound: n - found,
        blocked: 0,
        skipped: 0,
      };
    },
    commitIngestRun: async () => ({ merged: { critic_pages: 3 }, merges: { critic_pages: 1 }, statements: 1 }),
    ...overrides,
  };
}

const of = callsNamed;
const batchesOf = (calls: Call[], site: CriticSite) => of(calls, 'scrapeCriticsBatch').filter((c) => c.input.site === site);

describe('ScrapeCritics (real Temporal dev server, mocked activities)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  }, 180_000);

  afterAll(async () => {
    await h?.env.teardown();
  });

  const start = (taskQueue: string, args: unknown[]) => startWorkflow(h, 'ScrapeCritics', taskQueue, args, 'scrape-critics');

  it('selects per site, scrapes both sites on their own queues, commits once, records success', async () => {
    await withWorkers(h, criticMocks({ rotten_tomatoes: 5, metacritic: 3 }, 2), async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      const result = (await handle.result()) as ScrapeCriticsResult;
      await maybeRecordHistory(h.env, handle.workflowId, 'scrape-critics');
      const run = { runId: handle.firstExecutionRunId, workflow: 'ScrapeCritics', day: '2024-05-05' };

      expect(names(calls).slice(0, 3)).toEqual(['recordIngestRun', 'selectCriticCandidates', 'selectCriticCandidates']);
      expect(calls[0].input).toEqual({ ...run, windowStart: null, windowEnd: null, startedAt: expect.any(String), status: 'running' });
      expect(calls.slice(1, 3).map((c) => c.input)).toEqual([
        { run, site: 'rotten_tomatoes' },
        { run, site: 'metacritic' },
      ]);
      // The sites interleave, but each one's batches are in order and on its own queue.
      expect(batchesOf(calls, 'rotten_tomatoes').map((c) => [c.input.offset, c.queue])).toEqual([
        [0, `${tq}-rotten-tomatoes`],
        [2, `${tq}-rotten-tomatoes`],
        [4, `${tq}-rotten-tomatoes`],
      ]);
      expect(batchesOf(calls, 'metacritic').map((c) => [c.input.offset, c.queue])).toEqual([
        [0, `${tq}-metacritic`],
        [2, `${tq}-metacritic`],
      ]);
      expect(batchesOf(calls, 'metacritic')[0].input).toEqual({ run, site: 'metacritic', candidatesKey: 'state/critics/metacritic.json', offset: 0 });
      expect(names(calls).slice(-2)).toEqual(['commitIngestRun', 'recordIngestRun']);
      for (const c of calls) if (c.name !== 'scrapeCriticsBatch') expect([c.name, c.queue]).toEqual([c.name, tq]);
      const counts = {
        rotten_tomatoes_requests: 8,
        rotten_tomatoes_found: 3,
        rotten_tomatoes_not_found: 2,
        metacritic_requests: 5,
        metacritic_found: 2,
        metacritic_not_found: 1,
        critic_pages: 8,
        rating_observations: 5,
      };
      expect(calls[calls.length - 1].input).toEqual({
        ...run,
        windowStart: null,
        windowEnd: null,
        startedAt: calls[0].input.startedAt,
        status: 'succeeded',
        finishedAt: expect.any(String),
        counts,
      });
      expect(result).toEqual({ runId: run.runId, day: '2024-05-05', counts, merged: { critic_pages: 3 }, generations: 1 });
    });
  });

  it('runs only the sites asked for, and skips a site with no candidates', async () => {
    await withWorkers(h, criticMocks({ rotten_tomatoes: 0, metacritic: 1 }, 2), async (tq, calls) => {
      await (await start(tq, [{ day: '2024-05-05', sites: ['metacritic'] }])).result();
      expect(of(calls, 'selectCriticCandidates').map((c) => c.input.site)).toEqual(['metacritic']);
      expect(batchesOf(calls, 'metacritic').map((c) => c.input.offset)).toEqual([0]);
    });
    await withWorkers(h, criticMocks({ rotten_tomatoes: 0, metacritic: 1 }, 2), async (tq, calls) => {
      await (await start(tq, [{ day: '2024-05-05' }])).result();
      expect(batchesOf(calls, 'rotten_tomatoes')).toHaveLength(0);
      expect(batchesOf(calls, 'metacritic')).toHaveLength(1);
    });
  });

  it('continues as new at the history limit: both sites pause at a batch boundary and go on where they were', async () => {
    const totals = { rotten_tomatoes: 12, metacritic: 7 };
    await withWorkers(h, criticMocks(totals, 1), async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05', historyLimit: 20 }]);
      await handle.result();
      const chain = await runChain(h.env, handle.workflowId, handle.firstExecutionRunId);
      await maybeRecordRunHistory(h.env, handle.workflowId, chain[0], 'scrape-critics-continued-first');
      expect(chain.length).toBeGreaterThan(2);
      expect((await handle.describe()).runId).toBe(chain[chain.length - 1]);
      for (const site of ['rotten_tomatoes', 'metacritic'] as const) {
        // Every offset exactly once, in order, across all the runs.
        expect(batchesOf(calls, site).map((c) => c.input.offset)).toEqual(Array.from({ length: totals[site] }, (_, i) => i));
      }
      for (const c of of(calls, 'scrapeCriticsBatch')) expect(c.input.run.runId).toBe(handle.firstExecutionRunId);
      expect(of(calls, 'selectCriticCandidates')).toHaveLength(2);
      expect(of(calls, 'commitIngestRun')).toHaveLength(1);
      expect(of(calls, 'recordIngestRun').map((c) => c.input.status)).toEqual(['running', 'succeeded']);
      expect(of(calls, 'recordIngestRun')[1].input.counts).toMatchObject({ critic_pages: 19, rotten_tomatoes_found: 12, metacritic_found: 7 });
    });
  });

  it('fails at once on a non-retryable site failure, after committing and recording the failure', async () => {
    let attempts = 0;
    const base = criticMocks({ rotten_tomatoes: 4, metacritic: 0 }, 2);
    const mocks = criticMocks(
      { rotten_tomatoes: 4, metacritic: 0 },
      2,
      {
        scrapeCriticsBatch: async (input) => {
          if (input.offset === 0) return base.scrapeCriticsBatch!(input);
          attempts += 1;
          throw ApplicationFailure.create({ type: 'Blocked', message: 'HTTP 403 from the site', nonRetryable: true });
        },
      },
    );
    await withWorkers(h, mocks, async (tq, calls) => {
      const err = await (await start(tq, [{ day: '2024-05-05' }])).result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect(((err as WorkflowFailedError).cause as { cause?: { type?: string } }).cause?.type).toBe('Blocked');
      expect(attempts).toBe(1);
      expect(names(calls).slice(-3)).toEqual(['scrapeCriticsBatch', 'commitIngestRun', 'recordIngestRun']);
      expect(calls[calls.length - 1].input).toMatchObject({ status: 'failed', counts: { critic_pages: 2 } });
    });
  });

  it('shows per-site progress while a batch runs', async () => {
    const g = gate();
    const base = criticMocks({ rotten_tomatoes: 4, metacritic: 2 }, 2);
    const mocks = criticMocks({ rotten_tomatoes: 4, metacritic: 2 }, 2, {
      scrapeCriticsBatch: async (input) => {
        if (input.site === 'rotten_tomatoes' && input.offset === 2) await g.wait;
        return base.scrapeCriticsBatch!(input);
      },
    });
    await withWorkers(h, mocks, async (tq, calls) => {
      const handle = await start(tq, [{ day: '2024-05-05' }]);
      await eventually(() => batchesOf(calls, 'rotten_tomatoes').length, (n) => n === 2);
      const p = await eventually(
        () => handle.query<{ step: string }>('progress'),
        (v) => v.step.includes('metacritic 2/2'),
      );
      expect(p.step).toBe('scrape rotten_tomatoes 2/4, metacritic 2/2');
      g.release();
      await handle.result();
    });
  });
});
