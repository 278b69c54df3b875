/**
 * `npm start`: the whole thing, end to end, idempotent.
 *   1. bring the services up (provider from config; installs on first run),
 *   2. start a background worker (or reuse the running one),
 *   3. run FullSetup and wait for it,
 *   4. print the status.
 * Exit codes: 0 all good, 1 something failed (with what to do), 2 configuration error.
 */
import { loadConfig } from '../config';
import { runMain } from './run-main';
import { createProvider } from '../activities/infra/provider';
import { startBackgroundWorker } from '../workers/background-worker';
import { connectClient, workflowUiUrl } from './temporal-client';
import { run as status } from './commands/status';

function say(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

async function main(): Promise<number> {
  let config = loadConfig();
  const started = Date.now();

  say(`[1/4] services (provider: ${config.pipeline.infrastructure.provider})`);
  const provider = await createProvider(config);
  await provider.ensureUp((msg) => say(`      ${msg}`));
  // The local stack may have just generated credentials: read the config again to pick them up.
  config = loadConfig();

  say('[2/4] worker');
  const w = startBackgroundWorker(config);
  say(`      ${w.reused ? 'already running' : 'started'} (pid ${w.pid}, log ${w.logFile})`);

  say('[3/4] FullSetup');
  const { client, connection, namespace } = await connectClient(config);
  try {
    // A fixed id: a second `npm start` while one runs attaches to it instead of racing it.
    const workflowId = 'full-setup';
    const handle = await client.workflow.start('FullSetup', {
      taskQueue: config.pipeline.temporal.taskQueue,
      workflowId,
      args: [],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    say(`      ${workflowUiUrl(config, namespace, handle.workflowId, handle.firstExecutionRunId)}`);
    let last = '';
    const ticker = setInterval(async () => {
      try {
        const p = await handle.query<{ step: string; stepsDone: number; stepsTotal: number }>('progress');
        const line = `      ${p.stepsDone}/${p.stepsTotal} ${p.step}`;
        if (line !== last) say((last = line));
      } catch {
        /* the first workflow task may not have run yet */
      }
    }, 1000);
    try {
      const result = await handle.result();
      say(`      done: ${JSON.stringify(result)}`);
    } finally {
      clearInterval(ticker);
    }
  } finally {
    await connection.close();
  }

  say('[4/4] status');
  const code = await status([]);
  say(`\nTemporal Web UI: ${config.pipeline.temporal.uiUrl}   (total ${Math.round((Date.now() - started) / 1000)} s)`);
  return code;
}

runMain('npm start failed', main);
