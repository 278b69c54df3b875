/**
 * The worker process: `npm run worker`. Stops gracefully on SIGINT/SIGTERM (the SDK finishes
 * in-flight tasks within shutdownGraceTime); exits 2 on configuration errors.
 */
import { ConfigError, loadConfig } from '../config';
import { createLogger } from './logger';
import { createWorker } from './create-worker';
import { hostSandboxIfNeeded } from './sandbox-host';
import { ensureWorkflowBundle } from './workflow-bundle';
import { join } from 'node:path';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.secrets, 'worker');
  const closeSandbox = await hostSandboxIfNeeded(config, log);
  // Bundled in a child process: the bundler's memory never becomes the worker's.
  const workflowBundlePath = await ensureWorkflowBundle(config.paths.root, join(config.paths.stateDir, 'worker'));
  const { workers, connection, run } = await createWorker(config, log, { workflowBundlePath });
  log.info(`worker started on task queues ${workers.map((w) => w.options.taskQueue).join(', ')}`, {
    namespace: config.pipeline.temporal.namespace,
    pid: process.pid,
  });
  try {
    await run(); // the SDK installs SIGINT/SIGTERM handlers that shut every worker down
  } finally {
    await connection.close();
    await closeSandbox?.();
  }
  log.info('worker stopped');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
