import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { loadConfig, type LoadedConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { qualified } from '../../activities/warehouse/sql';
import { buildCatalog, startSandbox, type SandboxHandle } from '../../infra/sandbox';
import type { DailyIngestResult } from '../../workflows/daily-ingest';
import { dropSchema, migratedContext, testConfig } from './helpers/ingest-context';
import { startIngestHarness } from './helpers/ingest-worker';
import { WORKER_NODE_ARGS } from '../../workers/background-worker';
import { ensureLakehouseSetUp } from './helpers/full-setup';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';

/**
 * A worker process killed with SIGKILL in the middle of DailyIngest's detail batches, then a new
 * one started: the run must end with exactly the rows of an undisturbed run of the same day
 * (the activity resumes from its last heartbeat; rows staged twice are merged once).
 */
describe('DailyIngest survives a killed worker', () => {
  const base = loadConfig();
  const today = new Date().toISOString().slice(0, 10);
  const catalog = buildCatalog({ movies: 1500, seed: 5, today });
  const ingest = { detailBatchSize: 60, initialLookbackDays: 7, listPages: 2 };
  const trino = trinoClient(base);
  let sb: SandboxHandle;
  let killedCfg: LoadedConfig;
  let calmCfg: LoadedConfig;
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kill-test-'));

  const withIngest = (c: LoadedConfig): LoadedConfig => ({ ...c, pipeline: { ...c.pipeline, ingest: { ...c.pipeline.ingest, ...ingest } } });

  /** The worker as a user runs it (`npm run worker`), configured through a YAML file and env. */
  const spawnWorker = (cfg: LoadedConfig, taskQueue: string, n: number): ChildProcess => {
    const yamlFile = join(dir, 'pipeline.yaml');
    const doc = YAML.parse(readFileSync(join(base.paths.root, 'config', 'pipeline.yaml'), 'utf8'));
    doc.ingest = { ...doc.ingest, ...ingest };
    writeFileSync(yamlFile, YAML.stringify(doc));
    const log = openSync(join(dir, `worker-${n}.log`), 'a');
    const child = spawn(process.execPath, [...WORKER_NODE_ARGS, join(base.paths.root, 'workers', 'main.ts')], {
      cwd: base.paths.root,
      env: {
        ...process.env,
        LAKEHOUSE_CONFIG: yamlFile,
        LAKEHOUSE_TASK_QUEUE: taskQueue,
        TRINO_SCHEMA: cfg.pipeline.trino.schema,
        SANDBOX_PORT: String(sb.port),
      },
      stdio: ['ignore', log, log],
    });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    await ensureLakehouseSetUp(base);
    sb = await startSandbox({ port: 0, catalog, faults: { tmdb: { latencyMs: 15 } } });
    killedCfg = withIngest(testConfig(base, sb));
    calmCfg = withIngest(testConfig(base, sb));
    await migratedContext(killedCfg);
    await migratedContext(calmCfg);
  }, 300_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await sb?.close();
    if (killedCfg) await dropSchema(killedCfg);
    if (calmCfg) await dropSchema(calmCfg);
  }, 120_000);

  const snapshot = async (cfg: LoadedConfig) => {
    const t = (name: string) => qualified(cfg.pipeline.trino.catalog, cfg.pipeline.trino.schema, name);
    const movies = (await trino.query(`SELECT tmdb_id, imdb_id, title, release_date, runtime, genres, top_cast, raw_object_key FROM ${t('movies')} ORDER BY tmdb_id`)).rows;
    const ratings = (
      await trino.query(`SELECT tmdb_id, source, metric, via, observed_on, value, vote_count, raw_object_key FROM ${t('rating_observations')} ORDER BY tmdb_id, source, metric, via`)
    ).rows;
    const quarantine = (await trino.query(`SELECT source, record_key, reason FROM ${t('quarantine')} ORDER BY record_key`)).rows;
    return { movies, ratings, quarantine };
  };

  it('ends with exactly the rows of an undisturbed run', async () => {
    // The undisturbed run, in a schema of its own.
    const calm = await startIngestHarness(calmCfg);
    const calmResult = (await calm.execute<DailyIngestResult>('DailyIngest', [{ day: today }])).result;
    await calm.close();
    expect(calmResult.movies).toBeGreaterThan(3 * ingest.detailBatchSize); // the kill lands with batches left

    // The disturbed run: a worker process, killed once two detail batches are done.
    const taskQueue = `it-kill-${randomUUID().slice(0, 8)}`;
    const first = spawnWorker(killedCfg, taskQueue, 1);
    const connection = await Connection.connect({ address: base.pipeline.temporal.address });
    const client = new Client({ connection, namespace: base.pipeline.temporal.namespace });
    const handle = await client.workflow.start('DailyIngest', { taskQueue, workflowId: `it-kill-${randomUUID().slice(0, 8)}`, args: [{ day: today }] });
    const deadline = Date.now() + 240_000;
    let done = 0;
    while (Date.now() < deadline && done < 2 * ingest.detailBatchSize) {
      // The worker may still be starting: the query fails until a worker polls the queue.
      const step = await handle.query<{ step: string }>('progress').then((p) => p.step, () => '');
      done = Number(/^details (\d+)\//.exec(step)?.[1] ?? 0);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(done).toBeGreaterThanOrEqual(2 * ingest.detailBatchSize);
    // Kill while a details batch is running (between batches the queue's rate cap may hold the next one back).
    let running = false;
    while (Date.now() < deadline && !running) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      running = pending.some((a) => a.activityType?.name === 'fetchTmdbDetails' && Number(a.state) === 2 /* STARTED */);
      if (!running) await new Promise((r) => setTimeout(r, 50));
    }
    expect(running).toBe(true);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const progressAtKill = (await handle.describe()).status.name;
    expect(progressAtKill).toBe('RUNNING');

    spawnWorker(killedCfg, taskQueue, 2);
    const result = (await handle.result()) as DailyIngestResult;
    // The kill really interrupted an activity: it was attempted again on the new worker.
    const history = await handle.fetchHistory();
    const retried = (history.events ?? []).filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
    expect(retried.length).toBeGreaterThan(0);
    await connection.close();
    expect(result.movies).toBeGreaterThanOrEqual(calmResult.movies);

    const [a, b] = [await snapshot(calmCfg), await snapshot(killedCfg)];
    expect(b.movies.length).toBe(calmResult.movies);
    expect(b.movies).toEqual(a.movies);
    expect(b.ratings).toEqual(a.ratings);
    expect(b.quarantine).toEqual(a.quarantine);
  }, 600_000);
});
