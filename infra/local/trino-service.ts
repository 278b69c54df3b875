import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { hostPort, httpGet } from './health';
import { installTrino, type TrinoInstall } from './install-trino';
import { findJavaHome } from './java';
import { renderTrinoEtc } from './trino-etc';
import type { HealthResult, ServiceContext, ServiceDefinition } from './types';
import { TRINO_MIN_JAVA } from './versions';

export async function trinoHealth(url: string): Promise<HealthResult> {
  const r = await httpGet(`${url.replace(/\/$/, '')}/v1/info`);
  if (r.status === undefined) return { healthy: false, detail: r.error ?? 'no answer' };
  try {
    const info = JSON.parse(r.body) as { starting?: boolean; nodeVersion?: { version?: string } };
    const version = info.nodeVersion?.version ?? '?';
    return info.starting === false ? { healthy: true, detail: `Trino ${version}` } : { healthy: false, detail: `Trino ${version} starting` };
  } catch {
    return { healthy: false, detail: `/v1/info: HTTP ${r.status}` };
  }
}

export function createTrinoService(config: LoadedConfig): ServiceDefinition {
  const url = config.pipeline.trino.url;
  const { host, port } = hostPort(url);
  let installed: TrinoInstall | undefined;
  const ensure = async (ctx: ServiceContext) => (installed ??= await installTrino(ctx.cacheDir, ctx.log));
  return {
    name: 'trino',
    url,
    listens: [{ host, port }],
    stopTimeoutMs: 30_000,
    async install(ctx) {
      await ensure(ctx);
    },
    async prepare(ctx) {
      await renderTrinoEtc(ctx.dir, { environment: 'lakehouse_local', nodeId: 'lakehouse-local-1', host, httpPort: port });
      await mkdir(join(ctx.dir, 'data'), { recursive: true });
      // The launcher refuses to start while its own pid file names a process that still exists,
      // and a just-stopped JVM can linger as a zombie. Our pid file and health check already
      // established that no Trino of this stack runs.
      await rm(join(ctx.dir, 'data', 'var', 'run', 'launcher.pid'), { force: true });
    },
    async launch(ctx) {
      const { home } = await ensure(ctx);
      const java = findJavaHome(TRINO_MIN_JAVA);
      ctx.log(`  trino: Java ${java.major} (${java.home})`);
      // `run` execs the JVM in place, so the pid we record is Trino's own.
      return {
        command: join(home, 'bin', 'launcher'),
        args: ['run', '--etc-dir', join(ctx.dir, 'etc'), '--data-dir', join(ctx.dir, 'data')],
        env: { JAVA_HOME: java.home, PATH: `${join(java.home, 'bin')}:${process.env.PATH ?? ''}` },
        cwd: ctx.dir,
      };
    },
    health: () => trinoHealth(url),
  };
}
