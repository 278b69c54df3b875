/**
 * jest globalSetup of the integration project: the real stack must be up. With the `local`
 * provider a missing or stopped service is installed and started (a fresh machine installs
 * everything: several minutes the first time); otherwise the services must already be healthy.
 * Progress goes to stderr; nothing secret is printed.
 */
import { loadConfig } from '../../config';
import { stackStatus, stackUp, type ServiceStatus } from '../../infra/local';

const log = (m: string) => process.stderr.write(`[stack] ${m}\n`);
const describe = (rows: ServiceStatus[]) => rows.map((r) => `  ${r.name.padEnd(8)} ${r.healthy ? 'healthy' : 'DOWN'}  ${r.url}  ${r.detail}`).join('\n');

export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  const status = await stackStatus(config);
  if (status.every((s) => s.healthy)) return;
  const provider = config.pipeline.infrastructure.provider;
  if (provider !== 'local') {
    throw new Error(`The ${provider} stack is not healthy; start it first:\n${describe(status)}`);
  }
  const down = status.filter((s) => !s.healthy).map((s) => s.name);
  log(`bringing up the local stack (${down.join(', ')} not healthy)`);
  const started = Date.now();
  const rows = await stackUp(config, { log });
  log(`stack up in ${((Date.now() - started) / 1000).toFixed(0)}s\n${describe(rows)}`);
}
