import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

const ROOT = join(__dirname, '..', '..');
const FILE = join(ROOT, 'infra', 'docker-compose.yml');
const REQUIRED = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'POLARIS_ROOT_CLIENT_ID', 'POLARIS_ROOT_CLIENT_SECRET', 'POSTGRES_PASSWORD'];

/** `docker compose` (plugin) if present, else Debian's `docker-compose` (validates without a daemon). */
function composeCommand(): string[] | undefined {
  const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  if (ok('docker', ['compose', 'version'])) return ['docker', 'compose'];
  if (ok('docker-compose', ['version'])) return ['docker-compose'];
  return undefined;
}

function validate(env: Record<string, string>) {
  const [cmd, ...pre] = composeCommand()!;
  // A clean environment: the developer's real credentials must not leak in or mask a missing one.
  return spawnSync(cmd, [...pre, '-f', FILE, 'config', '-q'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
  });
}

const compose = composeCommand();
const withCompose = compose ? it : it.skip;
if (!compose) {
  // Skipping silently would hide a broken file: say why. CI installs docker-compose (Debian).
  process.stderr.write('compose.test: neither `docker compose` nor `docker-compose` is installed; validation skipped\n');
}

describe('infra/docker-compose.yml', () => {
  const doc = YAML.parse(readFileSync(FILE, 'utf8')) as {
    services: Record<string, { image: string; ports?: string[]; healthcheck?: { test: string[] }; command?: string[]; environment?: Record<string, string> }>;
    volumes?: Record<string, unknown>;
  };
  const services = Object.entries(doc.services);

  withCompose('is valid for docker compose when the credentials are given', () => {
    const r = validate(Object.fromEntries(REQUIRED.map((k) => [k, `dummy-${k.toLowerCase()}`])));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  withCompose('refuses to start without credentials (nothing baked in)', () => {
    const r = validate({});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/set (S3_ACCESS_KEY_ID|S3_SECRET_ACCESS_KEY|POLARIS_ROOT_CLIENT_ID|POLARIS_ROOT_CLIENT_SECRET|POSTGRES_PASSWORD)/);
  });

  it('has the services the pipeline needs', () => {
    expect(Object.keys(doc.services).sort()).toEqual(['minio', 'polaris', 'postgres', 'temporal', 'temporal-ui', 'trino']);
  });

  it('pins every image to a version', () => {
    for (const [name, svc] of services) {
      expect([name, svc.image]).toEqual([name, expect.stringMatching(/^[a-z0-9./_-]+:[A-Za-z0-9._-]*\d[A-Za-z0-9._-]*$/)]);
      expect(svc.image).not.toMatch(/:latest$/);
    }
  });

  it('publishes ports on loopback only and health-checks every service', () => {
    for (const [name, svc] of services) {
      for (const port of svc.ports ?? []) expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:/)]);
      expect([name, Array.isArray(svc.healthcheck?.test)]).toEqual([name, true]);
    }
  });

  it('never opens or wipes a bucket and keeps data in named volumes', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(text).not.toMatch(/mc (anonymous|policy)|rm -r|--force/);
    expect(Object.keys(doc.volumes ?? {})).toEqual(expect.arrayContaining(['postgres-data', 'minio-data']));
  });

  it('mounts the same Trino JVM settings as the local stack and the generated catalog folder', () => {
    const trino = doc.services.trino as unknown as { volumes: string[] };
    expect(trino.volumes).toEqual(
      expect.arrayContaining(['./trino/jvm.config:/etc/trino/jvm.config:ro', '${LAKEHOUSE_STATE_DIR:-../.stack}/trino-catalog:/etc/trino/catalog:ro']),
    );
  });
});
