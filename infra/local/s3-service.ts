import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { hostPort, httpGet, httpHealth } from './health';
import { installS3, type S3Install } from './install-s3';
import type { LaunchSpec, ServiceContext, ServiceDefinition } from './types';

/** The S3 server: versitygw's posix backend (objects are files under `<dir>/data`), or moto. */
export function createS3Service(config: LoadedConfig): ServiceDefinition {
  const { endpoint, region } = config.pipeline.s3;
  const { host, port } = hostPort(endpoint);
  let installed: S3Install | undefined;
  const ensure = async (ctx: ServiceContext) => (installed ??= await installS3(ctx.cacheDir, ctx.log));
  return {
    name: 's3',
    url: endpoint,
    listens: [{ host, port }],
    // moto's command line does not name our state dir.
    processMatch: (ctx) => [ctx.dir, 'moto.server'],
    async install(ctx) {
      await ensure(ctx);
    },
    async prepare(ctx) {
      await mkdir(join(ctx.dir, 'data'), { recursive: true, mode: 0o700 });
    },
    async launch(ctx): Promise<LaunchSpec> {
      const s3 = await ensure(ctx);
      if (s3.kind === 'moto') {
        ctx.log('  s3: moto keeps objects in memory only (versitygw was unavailable)');
        return {
          command: 'python3',
          args: ['-m', 'moto.server', '-H', host, '-p', String(port)],
          env: { PYTHONPATH: s3.path },
          cwd: ctx.dir,
        };
      }
      return {
        command: s3.path,
        args: ['--port', `${host}:${port}`, '--region', region, '--health', '/health', '--quiet', 'posix', join(ctx.dir, 'data')],
        // Keys by environment so they never show in `ps`.
        env: { ROOT_ACCESS_KEY_ID: ctx.secrets.s3AccessKeyId, ROOT_SECRET_ACCESS_KEY: ctx.secrets.s3SecretAccessKey },
        cwd: ctx.dir,
      };
    },
    async health(ctx) {
      const base = endpoint.replace(/\/$/, '');
      if (installed?.kind === 'moto') {
        const r = await httpGet(`${base}/moto-api/`);
        return { healthy: r.status !== undefined && r.status < 500, detail: r.status ? `moto: HTTP ${r.status}` : `${base}: ${r.error}` };
      }
      void ctx;
      return httpHealth(`${base}/health`);
    },
  };
}
