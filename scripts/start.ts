/**
 * `npm start [-- --setup-only]`: the main job, end to end, idempotent.
 *   1. bring the services up (provider from config; installs on first run),
 *   2. start a background worker (or reuse the running one when its code is current),
 *   3. FullSetup (catalog, tables, schedules),
 *   4. DailyIngest → EnrichOmdb → ScrapeCritics — against the offline sandbox when no API keys
 *      are set, the real APIs when they are,
 *   5. the report (rows per table, top 10 movies by source) and the status.
 * Exit codes: 0 all good, 1 something failed (with what to do), 2 bad arguments or configuration.
 */
import { loadConfig } from '../config';
import { runMain } from './run-main';
import { createProvider } from '../activities/infra/provider';
import { trinoClient } from '../activities/clients';
import { buildReport, formatReport } from '../activities/warehouse/report';
import { startBackgroundWorker } from '../workers/background-worker';
import { connectClient, workflowUiUrl } from './temporal-client';
import { run as status } from './commands/status';
import { followWorkflow } from './follow-workflow';
import { EXIT } from './exit-codes';

const USAGE = `usage: npm start [-- --setup-only]

  --setup-only   stop after FullSetup (no ingestion run)
`;

function say(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((a) => a !== '--setup-only' && a !== '--help' && a !== '-h');
  if (unknown.length || argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(unknown.length ? `unknown argument "${unknown[0]}"\n${USAGE}` : USAGE);
    return unknown.length ? EXIT.USAGE : EXIT.OK;
  }
  const setupOnly = argv.includes('--setup-only');
  const total = setupOnly ? 4 : 7;
  let config = loadConfig();
  const started = Date.now();

  say(`[1/${total}] services (provider: ${config.pipeline.infrastructure.provider})`);
  const provider = await createProvider(config);
  await provider.ensureUp((msg) => say(`      ${msg}`));
  // The local stack may have just generated credentials: read the config again to pick them up.
  config = loadConfig();

  say(`[2/${total}] worker`);
  const w = await startBackgroundWorker(config);
  say(`      ${w.reused ? 'already running' : w.replaced ? 'restarted (the code changed)' : 'started'} (pid ${w.pid}, log ${w.logFile})`);
  say(`      sources: ${config.sources.sandbox ? `offline sandbox on 127.0.0.1:${config.pipeline.sources.sandbox.port} (no TMDB key set)` : 'the real APIs'}`);

  const { client, connection, namespace } = await connectClient(config);
  const taskQueue = config.pipeline.temporal.taskQueue;
  const link = (h: { workflowId: string; firstExecutionRunId: string }) => workflowUiUrl(config, namespace, h.workflowId, h.firstExecutionRunId);
  const day = new Date().toISOString().slice(0, 10);
  try {
    say(`[3/${total}] FullSetup`);
    const setup = await followWorkflow<Record<string, unknown>>(client, 'FullSetup', { taskQueue, workflowId: 'full-setup', say, link });
    say(`      done: catalog ${setup.catalogServer}, migrations ${JSON.stringify(setup.migrationsApplied)}, schedules: ${setup.schedules}`);

    if (!setupOnly) {
      // Fixed ids per day: running `npm start` twice attaches to (or re-runs) the same day's work.
      say(`[4/${total}] DailyIngest (TMDB)`);
      const ingest = await followWorkflow<{ movies: number; window: unknown; counts: Record<string, number> }>(client, 'DailyIngest', {
        taskQueue,
        workflowId: `start-daily-ingest-${day}`,
        say,
        link,
      });
      say(`      done: ${ingest.movies} movies, window ${JSON.stringify(ingest.window)}, ${ingest.counts.quarantine ?? 0} quarantined`);

      say(`[5/${total}] EnrichOmdb (IMDb ratings through OMDb)`);
      const omdb = await followWorkflow<{ enriched: number; candidates: number; stoppedBy: string | null }>(client, 'EnrichOmdb', {
        taskQueue,
        workflowId: `start-enrich-omdb-${day}`,
        say,
        link,
      });
      say(`      done: ${omdb.enriched} of ${omdb.candidates} titles${omdb.stoppedBy ? ` (stopped: ${omdb.stoppedBy}; the next run goes on)` : ''}`);

      say(`[6/${total}] ScrapeCritics (Rotten Tomatoes, Metacritic)`);
      const critics = await followWorkflow<{ counts: Record<string, number> }>(client, 'ScrapeCritics', {
        taskQueue,
        workflowId: `start-scrape-critics-${day}`,
        say,
        link,
      });
      const c = critics.counts;
      say(`      done: Rotten Tomatoes ${c.rotten_tomatoes_found ?? 0} found, Metacritic ${c.metacritic_found ?? 0} found`);

      say(`[7/${total}] report`);
      const { catalog, schema } = config.pipeline.trino;
      process.stdout.write(formatReport(await buildReport(trinoClient(config), catalog, schema)));
    }
  } finally {
    await connection.close();
  }

  say(`\nstatus`);
  const code = await status([]);
  say(`npm start: done in ${Math.round((Date.now() - started) / 1000)} s`);
  return code;
}

runMain('npm start failed', main);
