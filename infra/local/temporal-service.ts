import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { run } from './exec';
import { hostPort, httpHealth, portOpen } from './health';
import { installedTemporal, installTemporal, type TemporalInstall } from './install-temporal';
import type { HealthResult, ServiceContext, ServiceDefinition } from './types';

/** Without the CLI (a Docker or external stack): the SDK's own system-info call. */
async function grpcHealth(address: string, uiUrl: string): Promise<HealthResult> {
  const [host, port] = address.split(':');
  if (!(await portOpen(host, Number(port)))) return { healthy: false, detail: `${address}: not listening` };
  const { Connection } = await import('@temporalio/client');
  try {
    const conn = await Connection.connect({ address, connectTimeout: 5000 });
    try {
      const info = await conn.workflowService.getSystemInfo({});
      const u = await httpHealth(uiUrl);
      return { healthy: u.healthy, detail: `${address}: server ${info.serverVersion ?? '?'}; UI ${u.detail}` };
    } finally {
      await conn.close();
    }
  } catch (err) {
    return { healthy: false, detail: `${address}: ${(err as Error).message}` };
  }
}

export function createTemporalService(config: LoadedConfig): ServiceDefinition {
  const { address, uiUrl, namespace } = config.pipeline.temporal;
  const [host, portText] = address.split(':');
  const ui = hostPort(uiUrl);
  let installed: TemporalInstall | undefined;
  const ensure = async (ctx: ServiceContext) => (installed ??= await installTemporal(ctx.cacheDir, ctx.log));
  return {
    name: 'temporal',
    url: uiUrl,
    listens: [
      { host, port: Number(portText) },
      { host: ui.host, port: ui.port },
    ],
    async install(ctx) {
      await ensure(ctx);
    },
    async launch(ctx) {
      const { binary } = await ensure(ctx);
      return {
        command: binary,
        args: [
          'server',
          'start-dev',
          '--ip',
          host,
          '--port',
          portText,
          '--ui-ip',
          ui.host,
          '--ui-port',
          String(ui.port),
          // Persist workflows, schedules and history across restarts.
          '--db-filename',
          join(ctx.dir, 'temporal.db'),
          // No internet here (and no need for a news feed in a dev UI).
          '--ui-disable-news-fetch',
          // One partition per task queue: the server enforces a queue's activity rate cap per
          // partition, so with the default four a lone activity waits for its partition's
          // quarter of the rate (README, "Limits across workers").
          '--dynamic-config-value',
          'matching.numTaskqueueReadPartitions=1',
          '--dynamic-config-value',
          'matching.numTaskqueueWritePartitions=1',
          ...(namespace === 'default' ? [] : ['--namespace', namespace]),
        ],
        cwd: ctx.dir,
      };
    },
    async health(ctx) {
      const binary = installed?.binary ?? installedTemporal(ctx.cacheDir);
      if (!binary) return grpcHealth(address, uiUrl);
      let grpc: string;
      try {
        grpc = (await run(binary, ['operator', 'cluster', 'health', '--address', address], { timeoutMs: 10_000 })).trim();
      } catch {
        return { healthy: false, detail: `${address}: not serving` };
      }
      if (!grpc.includes('SERVING')) return { healthy: false, detail: `${address}: ${grpc}` };
      const u = await httpHealth(uiUrl);
      return { healthy: u.healthy, detail: `${address}: SERVING; UI ${u.detail}` };
    },
  };
}
