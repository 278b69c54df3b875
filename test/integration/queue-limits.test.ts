import { randomUUID } from 'node:crypto';
import { loadConfig, type LoadedConfig } from '../../config';
import { buildCatalog, startSandbox, type SandboxHandle } from '../../infra/sandbox';
import type { DailyIngestResult } from '../../workflows/daily-ingest';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { dropSchema, migratedContext, testConfig } from './helpers/ingest-context';
import { startIngestHarness, type IngestHarness } from './helpers/ingest-worker';
import { sourceQueueSettings } from '../../workers/queue-limits';

/**
 * TMDB's limit holds across workers: two workers (each with its own HTTP client, as two
 * processes would have) poll the same queues while two DailyIngest runs fetch details at the
 * same time. Each worker alone would send up to 38 requests/s; together they must stay under
 * the sandbox's 40/s because the TMDB queue starts at most 38/<batch> activities per second.
 */
describe('source rate limits across workers', () => {
  const base = loadConfig();
  const today = new Date().toISOString().slice(0, 10);
  let sb: SandboxHandle;
  let cfg: LoadedConfig;
  const workers: IngestHarness[] = [];

  beforeAll(async () => {
    await ensureLakehouseSetUp(base);
    sb = await startSandbox({ port: 0, catalog: buildCatalog({ movies: 1500, seed: 9, today }) });
    const c = testConfig(base, sb);
    cfg = { ...c, pipeline: { ...c.pipeline, ingest: { ...c.pipeline.ingest, detailBatchSize: 40, initialLookbackDays: 5, listPages: 0 } } };
    await migratedContext(cfg);
  }, 300_000);

  afterAll(async () => {
    for (const w of workers) await w.close();
    await sb?.close();
    if (cfg) await dropSchema(cfg);
  }, 120_000);

  it('two workers, two concurrent runs: the aggregate detail rate stays under the limit', async () => {
    const taskQueue = `it-limits-${randomUUID().slice(0, 8)}`;
    workers.push(await startIngestHarness(cfg, { taskQueue }), await startIngestHarness(cfg, { taskQueue }));
    const none = { requests: 0, byStatus: {} as Record<string, number> };
    const before = sb.stats().sites.tmdb ?? none;
    const t0 = Date.now();
    const runs = await Promise.all([
      workers[0].execute<DailyIngestResult>('DailyIngest', [{ day: today }]),
      workers[1].execute<DailyIngestResult>('DailyIngest', [{ day: today, mode: 'backfill', from: '2018-01-01', to: '2021-12-31' }]),
    ]);
    const seconds = (Date.now() - t0) / 1000;
    const after = sb.stats().sites.tmdb ?? none;
    const requests = after.requests - before.requests;
    const tooMany = (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0);

    // Both runs had several detail batches to fetch at the same time.
    for (const r of runs) expect(r.result.movies).toBeGreaterThan(2 * 40);
    // Every TMDB activity start of both runs, in time order: the queue's cap is shared by both
    // runs and both workers, so n starts need at least (n - 1) / rate seconds (+1 of burst).
    const rate = sourceQueueSettings(cfg).tmdb.maxTaskQueueActivitiesPerSecond!;
    const starts: number[] = [];
    for (const r of runs) {
      const history = await workers[0].client.workflow.getHandle(r.workflowId).fetchHistory();
      const scheduled = new Map<string, string>();
      for (const e of history.events ?? []) {
        const a = e.activityTaskScheduledEventAttributes;
        if (a) scheduled.set(String(e.eventId), a.taskQueue?.name ?? '');
        const st = e.activityTaskStartedEventAttributes;
        if (st && scheduled.get(String(st.scheduledEventId)) === `${taskQueue}-tmdb`) {
          starts.push(Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6));
        }
      }
    }
    starts.sort((a, b) => a - b);
    expect(starts.length).toBeGreaterThan(6);
    let worst = 0;
    for (let i = 0; i < starts.length; i++) {
      for (let j = i + 1; j < starts.length; j++) {
        const allowed = ((starts[j] - starts[i]) / 1000) * rate + 2; // +1 burst, +1 for clock rounding
        worst = Math.max(worst, j - i + 1 - allowed);
      }
    }
    expect(worst).toBeLessThanOrEqual(0);
    expect(requests / seconds).toBeLessThanOrEqual(40);
    // A burst of one activity may meet the sandbox's limit; nothing is lost either way (429 is retried).
    expect(tooMany).toBeLessThanOrEqual(40);
    process.stderr.write(
      `limits: ${starts.length} TMDB activities at <= ${rate.toFixed(2)}/s; ${requests} TMDB requests in ${seconds.toFixed(1)} s = ${(requests / seconds).toFixed(1)}/s, ${tooMany} answered 429\n`,
    );
  }, 600_000);
});
