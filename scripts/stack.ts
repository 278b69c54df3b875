/**
 * `npm run stack -- up | down | status [--json]`: the local-process stack (infra/local).
 * Progress goes to stderr, the service table to stdout. Exit 0 ok, 1 a service failed or is
 * unhealthy, 2 bad arguments or configuration.
 */
import { loadConfig } from '../config';
import { runMain } from './run-main';
import { StackError, stackDown, stackStatus, stackUp, type ServiceStatus } from '../infra/local';
import { runningWorkerPid, stopBackgroundWorker } from '../workers/background-worker';
import { EXIT } from './exit-codes';

const USAGE = 'usage: npm run stack -- <up|down|status> [--json] [--only=temporal,s3,catalog,trino]\n';

function table(rows: ServiceStatus[]): string {
  const head = ['service', 'health', 'pid', 'url', 'detail'];
  const cells = rows.map((r) => [r.name, r.healthy ? 'healthy' : 'DOWN', r.pid ? String(r.pid) : '-', r.url, r.detail]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ');
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : undefined;
  const rest = argv.filter((a) => a !== '--json' && a !== onlyArg);
  const [command, ...extra] = rest;
  if (!command || extra.length || !['up', 'down', 'status'].includes(command)) {
    process.stderr.write(USAGE);
    return EXIT.USAGE;
  }
  const config = loadConfig();
  if (config.pipeline.infrastructure.provider !== 'local') {
    process.stderr.write(`note: infrastructure.provider is "${config.pipeline.infrastructure.provider}"; this command manages the local-process stack.\n`);
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const started = Date.now();
  let rows: ServiceStatus[];
  try {
    if (command === 'up') rows = await stackUp(config, { log, only });
    else if (command === 'down') {
      // The background worker of `npm start` goes first: it depends on every service.
      if (!only && (await stopBackgroundWorker(config))) log('worker stopped');
      rows = await stackDown(config, { log, only });
    }
    else rows = await stackStatus(config, { only });
  } catch (err) {
    // An unknown --only name is a usage error, a service that failed to start is a failure.
    if (err instanceof StackError && /^unknown service/.test(err.message)) {
      process.stderr.write(`${err.message}\n${USAGE}`);
      return EXIT.USAGE;
    }
    if (err instanceof StackError && err.statuses.length) {
      process.stderr.write(`error: ${err.message}\n`);
      process.stdout.write(json ? `${JSON.stringify(err.statuses, null, 2)}\n` : table(err.statuses));
      return EXIT.FAILURE;
    }
    throw err;
  }
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
  if (command === 'status' && !json) {
    const pid = runningWorkerPid(config);
    process.stdout.write(pid ? `worker running (pid ${pid})\n` : 'worker not running (`npm start` or `npm run worker` starts one)\n');
  }
  if (command !== 'status') log(`${command} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (command === 'down') return EXIT.OK;
  return rows.every((r) => r.healthy) ? EXIT.OK : EXIT.FAILURE;
}

runMain('stack', () => main(process.argv.slice(2)));
