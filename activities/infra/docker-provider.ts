import { execFile } from 'node:child_process';
import { chown, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadedConfig } from '../../config';
import { writePrivateFile } from '../../infra/local/secrets';
import { renderProperties } from '../warehouse/trino-catalog-properties';
import type { InfrastructureProvider } from './provider';

const exec = promisify(execFile);
const TRINO_CONTAINER_UID = 1000;

/**
 * Inside compose, Trino reaches Polaris and the S3 server by service name, not by the host's
 * loopback addresses that the config (seen from the host) holds.
 */
const IN_NETWORK: [RegExp, string][] = [
  [/^http:\/\/(127\.0\.0\.1|localhost):8181/, 'http://polaris:8181'],
  [/^http:\/\/(127\.0\.0\.1|localhost):7070/, 'http://minio:9000'],
];

function inNetwork(value: string): string {
  for (const [re, to] of IN_NETWORK) if (re.test(value)) return value.replace(re, to);
  return value;
}

export function dockerProvider(config: LoadedConfig): InfrastructureProvider {
  const compose = ['compose', '-f', join(config.paths.root, 'infra', 'docker-compose.yml')];
  // Compose reads `.env` beside the compose file, not the repo's: pass what it needs explicitly.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LAKEHOUSE_STATE_DIR: config.paths.stateDir,
    ...(config.secrets.s3AccessKeyId ? { S3_ACCESS_KEY_ID: config.secrets.s3AccessKeyId } : {}),
    ...(config.secrets.s3SecretAccessKey ? { S3_SECRET_ACCESS_KEY: config.secrets.s3SecretAccessKey } : {}),
    ...(config.secrets.polarisRootClientId ? { POLARIS_ROOT_CLIENT_ID: config.secrets.polarisRootClientId } : {}),
    ...(config.secrets.polarisRootClientSecret ? { POLARIS_ROOT_CLIENT_SECRET: config.secrets.polarisRootClientSecret } : {}),
  };
  return {
    kind: 'docker',
    async ensureUp(progress) {
      progress('docker compose up -d --wait');
      await exec('docker', [...compose, 'up', '-d', '--wait'], { env, maxBuffer: 10 * 1024 * 1024 });
      return [];
    },
    async configureTrinoCatalog(catalog, properties) {
      const file = join(config.paths.stateDir, 'trino-catalog', `${catalog}.properties`);
      const text = renderProperties(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, inNetwork(v)])));
      const old = await readFile(file, 'utf8').catch(() => '');
      if (old === text) return { changed: false };
      await writePrivateFile(file, text);
      // The trinodb/trino image runs as uid 1000: it must own the 0600 file to read it.
      await chown(file, TRINO_CONTAINER_UID, TRINO_CONTAINER_UID).catch(() => undefined);
      await exec('docker', [...compose, 'restart', 'trino'], { env });
      return { changed: true };
    },
  };
}
