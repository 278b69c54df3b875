/**
 * `npm run bench -- [--movies N] [--naive-sample N] [--keep] [--json]`: a benchmark (not a test)
 * of DailyIngest on the real stack. A sandbox of N movies runs in a child process; this process
 * runs the worker (so its memory is the worker's), backfills the whole catalog into a private
 * Trino schema, then measures throughput, Trino statements, snapshots, history size, peak RSS,
 * the detail phase's request rate, and batched vs one-row-per-INSERT writes. Progress on stderr,
 * the table (or JSON) on stdout. Exit 0 when it ran (targets or not), 1 on failure, 2 on bad flags.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig, type LoadedConfig } from '../config';
import { ConfigError } from '../config/errors';
import { checkAll, healthTargets } from '../activities/infra/health';
import { createIngestContext } from '../activities/ingest/context';
import { addDays } from '../activities/sources/tmdb/date-windows';
import { join } from 'node:path';
import { createWorker, type CreatedWorker } from '../workers/create-worker';
import { ensureWorkflowBundle } from '../workers/workflow-bundle';
import { sourceQueueSettings } from '../workers/queue-limits';
import type { DailyIngestInput, DailyIngestResult } from '../workflows/daily-ingest';
import { parseArgs, USAGE, type BenchArgs } from './bench/args';
import { readHistories } from './bench/history';
import { mb, renderText, type BenchResult, type TargetCheck } from './bench/report';
import { RssSampler, vmHwmBytes } from './bench/memory';
import { startSandboxProcess, tmdbStats, type SandboxProcess } from './bench/sandbox-process';
import { benchConfig, dropSchema, migrate, SILVER_TABLE_NAMES, snapshotCounts, withSchema } from './bench/schema';
import { StatementCounter } from './bench/statements';
import { compareWrites, readMovieRows } from './bench/writes';
import { EXIT } from './exit-codes';
import { connectClient } from './temporal-client';

const progress = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

class StackDown extends Error {}

/** Cleanup steps, run once in reverse order: on success, on failure, and on Ctrl-C. */
class Cleanup {
  private steps: { name: string; fn: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;
  add(name: string, fn: () => Promise<void>): void {
    this.steps.push({ name, fn });
  }
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const s of this.steps.reverse()) {
        try {
          await s.fn();
        } catch (err) {
          progress(`cleanup ${s.name} failed: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return EXIT.OK;
  }

  let base: LoadedConfig;
  try {
    base = loadConfig();
  } catch (err) {
    // A configuration error is a usage error everywhere in the project (exit 2).
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.USAGE;
    }
    throw err;
  }
  const cleanup = new Cleanup();
  const onSignal = (sig: NodeJS.Signals) => {
    progress(`${sig}: cleaning up (workflow, worker, schemas, sandbox)`);
    void cleanup.run().finally(() => process.exit(EXIT.FAILURE));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const result = await bench(base, args, cleanup);
    process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderText(result)}\n`);
    return EXIT.OK;
  } catch (err) {
    if (err instanceof StackDown) process.stderr.write(`bench: ${err.message}\n`);
    else process.stderr.write(`bench: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.FAILURE;
  } finally {
    await cleanup.run();
  }
}

async function bench(base: LoadedConfig, args: BenchArgs, cleanup: Cleanup): Promise<BenchResult> {
  const t0 = performance.now();
  const phasesMs: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    progress(`${name}…`);
    try {
      return await fn();
    } finally {
      phasesMs[name] = performance.now() - s;
    }
  };
  const footnotes: string[] = [];

  // 0. The real stack must be up; this bench never starts it.
  const health = await checkAll({ ...healthTargets(base.pipeline), timeoutMs: 5000 });
  const down = health.filter((h) => !h.healthy);
  if (down.length) throw new StackDown(`the stack is not up (${down.map((h) => `${h.name}: ${h.detail ?? 'down'}`).join('; ')}): run \`npm run stack -- up\``);
  const catalogServer = health.find((h) => h.name === 'catalog')?.server ?? 'unknown';

  // 1. Sandbox in a child process, private schema, in-process worker counting statements.
  const sandbox: SandboxProcess = await phase('sandbox start', () => startSandboxProcess(args.movies, base.pipeline.sources.sandbox.seed));
  cleanup.add('sandbox', () => sandbox.stop());
  progress(`sandbox pid ${sandbox.pid} at ${sandbox.info.url}: ${sandbox.info.movies} movies, releases ${sandbox.info.minRelease}..${sandbox.info.maxRelease}`);

  const cfg = benchConfig(base, sandbox.info);
  const { catalog, schema } = cfg.pipeline.trino;
  const scratch = withSchema(cfg, `${schema}_w`);
  if (!args.keep) {
    cleanup.add('schemas', async () => {
      progress(`dropping schemas ${schema}, ${scratch.pipeline.trino.schema} (and their _staging)`);
      await dropSchema(cfg);
      await dropSchema(scratch);
    });
  } else footnotes.push(`--keep: schemas ${catalog}.${schema} and ${catalog}.${scratch.pipeline.trino.schema} were kept`);
  await phase('migrate schema', () => migrate(cfg)).catch((err: Error) => {
    throw new Error(`migrations into ${catalog}.${schema} failed (has FullSetup run? \`npm start\`): ${err.message}`);
  });

  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // a runtime is already installed
  }
  const log = {
    info: () => undefined,
    warn: (m: string) => progress(`worker warn: ${m}`),
    error: (m: string) => progress(`worker error: ${m}`),
  };
  // The workflows are bundled in a child process, as `npm run worker` does, so the bundler's
  // memory is not counted as the worker's.
  progress('bundling the workflows (child process)');
  const workflowBundlePath = await ensureWorkflowBundle(cfg.paths.root, join(cfg.paths.stateDir, 'worker'));
  const rssAll = new RssSampler();
  rssAll.start();
  const rssBeforeWorker = rssAll.sample();
  const counter = new StatementCounter(catalog, schema);
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
  const worker: CreatedWorker = await createWorker(cfg, log, {
    taskQueue,
    workflowBundlePath,
    ingest: createIngestContext(cfg, log, { onStatement: counter.record }),
  });
  const running = worker.run();
  const rssAfterWorker = rssAll.sample();
  cleanup.add('worker', async () => {
    for (const w of worker.workers) if (w.getState() === 'RUNNING') w.shutdown();
    await running.catch(() => undefined);
    await worker.connection.close();
  });
  const { client, connection } = await connectClient(cfg);
  cleanup.add('client', () => connection.close());

  // 2. DailyIngest: a backfill over every release date of the catalog.
  const today = sandbox.info.today;
  const input: DailyIngestInput = { mode: 'backfill', day: today, from: '1900-01-01', to: addDays(today, 730) };
  if (sandbox.info.minRelease < input.from! || sandbox.info.maxRelease > input.to!) {
    footnotes.push(`the catalog's releases ${sandbox.info.minRelease}..${sandbox.info.maxRelease} exceed the backfill window`);
  }
  const snapshotsBefore = await snapshotCounts(cfg);
  const before = await tmdbStats(sandbox.info.url);
  const rss = new RssSampler();
  rss.start();
  const workflowId = `bench-daily-ingest-${taskQueue.slice(6)}`;
  let done = false;
  const ingest = await phase('DailyIngest', async () => {
    const s = performance.now();
    const handle = await client.workflow.start('DailyIngest', { taskQueue, workflowId, args: [input] });
    cleanup.add('workflow', async () => {
      if (!done) await handle.terminate('bench stopped').catch(() => undefined);
    });
    const ticker = watch(handle, sandbox.info.url, counter, rss);
    try {
      const r = (await handle.result()) as DailyIngestResult;
      done = true;
      return { result: r, ms: performance.now() - s, firstRunId: handle.firstExecutionRunId };
    } finally {
      clearInterval(ticker);
    }
  });
  rss.stop();
  rssAll.stop();
  // The worker's peak: read now, before the write comparison allocates anything of its own.
  const hwm = vmHwmBytes();
  const after = await tmdbStats(sandbox.info.url);
  const snapshotsAfter = await phase('snapshots', () => snapshotCounts(cfg));
  const hist = await phase('histories', () => readHistories(client as Client, workflowId, ingest.firstRunId));

  // 3. Batched vs naive writes on the rows the ingest wrote.
  const writeRows = Math.min(args.movies, 5000);
  const rows = await phase('read rows', () => readMovieRows(cfg, writeRows));
  const writes = await phase('writes', () => compareWrites(cfg, scratch, rows, args.naiveSample, progress));

  // 4. Results and targets.
  const r = ingest.result;
  const snapshots = Object.fromEntries(
    SILVER_TABLE_NAMES.map((t) => {
      const b = snapshotsBefore[t];
      const a = snapshotsAfter[t];
      return [t, { merges: counter.merges[t] ?? 0, before: b, after: a, added: a === null || b === null ? null : a - b }];
    }),
  ) as BenchResult['snapshots'];
  const snapshotsReadable = SILVER_TABLE_NAMES.some((t) => snapshots[t].after !== null);
  const snapshotsUnderCount = SILVER_TABLE_NAMES.some((t) => (snapshots[t].added ?? 0) < snapshots[t].merges);
  if (!snapshotsReadable) footnotes.push(`Trino could not read "<table>$snapshots" on this catalog (${catalogServer}): snapshots are counted as MERGE statements only`);
  else if (snapshotsUnderCount)
    footnotes.push(`the catalog (${catalogServer}) keeps fewer snapshots than MERGEs committed (e.g. Nessie keeps only the current one): the MERGE count is the measure`);

  const tmdbQueue = sourceQueueSettings(cfg).tmdb;
  const dp = hist.details;
  const sandboxTmdb = after.requests - before.requests;
  const pages = r.counts.pages ?? 0;
  const details: BenchResult['details'] = dp
    ? {
        batches: dp.batches,
        requests: dp.requests,
        phaseMs: dp.phaseMs,
        requestsPerSecond: dp.requests / (dp.phaseMs / 1000),
        sustainedMs: dp.sustainedMs,
        sustainedRequestsPerSecond: dp.requests / (dp.sustainedMs / 1000),
        activeMs: dp.activeMs,
        activeRequestsPerSecond: dp.requests / (dp.activeMs / 1000),
        queuedMs: dp.queuedMs,
        sandboxTmdbRequests: sandboxTmdb,
        collectPages: pages,
        sandboxDetailRequests: sandboxTmdb - pages,
        sandbox429: after.tooMany - before.tooMany,
        perBatch: dp.perBatch,
      }
    : null;

  const movies = r.movies || 1;
  const perMovie = hist.events / movies;
  const worstMerges = Math.max(0, ...SILVER_TABLE_NAMES.map((t) => Math.max(snapshots[t].merges, snapshots[t].added ?? 0)));
  const worstTable = SILVER_TABLE_NAMES.find((t) => Math.max(snapshots[t].merges, snapshots[t].added ?? 0) === worstMerges);
  const peakMB = mb(hwm ?? rss.peak);
  const targets: TargetCheck[] = [
    {
      name: 'batched vs per-row writes',
      measured: `${writes.ratio.toFixed(1)}× on ${writes.rows} rows`,
      target: '≥ 50× on 5,000 rows',
      pass: writes.ratio >= 50,
      ...(writes.rows < 5000 ? { note: `only ${writes.rows} rows at N=${args.movies}` } : {}),
    },
    { name: 'snapshots per silver table per run', measured: `${worstMerges} (${worstTable ?? '-'})`, target: '≤ 2', pass: worstMerges <= 2 },
    { name: 'history events per movie', measured: perMovie.toFixed(4), target: '≤ 0.05', pass: perMovie <= 0.05 },
    {
      name: 'worker peak RSS',
      measured: `${peakMB} MB`,
      target: '≤ 400 MB at 10,000 movies',
      pass: peakMB <= 400,
      ...(args.movies !== 10_000 ? { note: `measured at N=${args.movies}` } : {}),
    },
    // Sustained: from the first details request to the last batch's end. The wait before the first
    // batch (the TMDB queue's rate cap, spent by the page collection) is reported beside it.
    {
      name: 'detail phase requests/s (sustained)',
      measured: details ? details.sustainedRequestsPerSecond.toFixed(2) : 'n/a',
      target: '≥ 36',
      pass: !!details && details.sustainedRequestsPerSecond >= 36,
    },
  ];

  return {
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '?', totalMemoryMB: Math.round(totalmem() / 1024 / 1024), node: process.version, platform: `${process.platform}-${process.arch}` },
    n: args.movies,
    catalog: { ...sandbox.info, server: catalogServer },
    run: {
      workflowId,
      taskQueue,
      schema: `${catalog}.${schema}`,
      input: { ...input },
      detailBatchSize: cfg.pipeline.ingest.detailBatchSize,
      tmdbRequestsPerSecond: cfg.pipeline.sources.tmdb.requestsPerSecond,
      queueActivitiesPerSecond: tmdbQueue.maxTaskQueueActivitiesPerSecond ?? null,
    },
    ingest: { movies: r.movies, ms: ingest.ms, moviesPerSecond: r.movies / (ingest.ms / 1000), generations: r.generations, counts: r.counts },
    statements: { total: counter.total, stagingInserts: counter.stagingInserts, merges: counter.merges, mergeTotal: counter.mergeTotal, other: counter.otherTotal, otherByKind: counter.other },
    snapshots,
    history: { runs: hist.runs, events: hist.events, eventsPerRun: hist.eventsPerRun, perMovie, activities: hist.activities },
    memory: {
      vmHwmMB: hwm === null ? null : mb(hwm),
      sampledPeakMB: mb(rssAll.peak),
      runPeakMB: mb(rss.peak),
      beforeWorkerMB: mb(rssBeforeWorker),
      afterWorkerCreateMB: mb(rssAfterWorker),
      samples: rssAll.samples,
    },
    details,
    writes,
    phasesMs,
    wallMs: performance.now() - t0,
    targets,
    footnotes,
  };
}

/** A progress line every 15 s while the workflow runs: its step, statements, RSS, sandbox requests. */
function watch(handle: WorkflowHandle, sandboxUrl: string, counter: StatementCounter, rss: RssSampler): NodeJS.Timeout {
  const started = performance.now();
  const t = setInterval(() => {
    void (async () => {
      const step = await handle
        .query<{ step: string }>('progress')
        .then((p) => p.step)
        .catch(() => '?');
      const tmdb = await tmdbStats(sandboxUrl).catch(() => null);
      progress(
        `${Math.round((performance.now() - started) / 1000)} s: ${step} | statements ${counter.total} | rss ${mb(rss.sample())} MB | sandbox TMDB ${tmdb?.requests ?? '?'} req, 429 ${tmdb?.tooMany ?? '?'}`,
      );
    })();
  }, 15_000);
  t.unref();
  return t;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(EXIT.FAILURE);
    },
  );
}
