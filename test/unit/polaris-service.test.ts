import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadConfig } from '../../config';
import {
  catalogPorts,
  missingPolarisArtifacts,
  nessieArgs,
  nessieLaunchSpec,
  polarisArgs,
  polarisCacheVersion,
  polarisEnv,
  polarisKnownUnavailable,
  polarisLaunchSpec,
  POLARIS_VERSION,
} from '../../infra/local/polaris';
import type { StackSecrets } from '../../infra/local/types';

const file = join(__dirname, '..', '..', 'config', 'pipeline.yaml');
const config = loadConfig({ file, env: {} });

// Distinctive values so that a leak anywhere on a command line is caught by a substring search.
const secrets: StackSecrets = {
  s3AccessKeyId: 'AKIDLEAKCHECK0001',
  s3SecretAccessKey: 's3-secret-leak-check-0002',
  polarisRootClientId: 'root-id-leak-check-0003',
  polarisRootClientSecret: 'root-secret-leak-check-0004',
};
const secretValues = Object.values(secrets);
const dir = '/state/polaris';
const home = '/cache/polaris-x';
const javaHome = '/jdk';

describe('Polaris launch', () => {
  const spec = polarisLaunchSpec(config, secrets, dir, home, javaHome);

  it('keeps every secret off the command line', () => {
    const cmdline = [spec.command, ...spec.args].join(' ');
    for (const s of secretValues) expect(cmdline).not.toContain(s);
  });

  it('passes root credentials and S3 keys through the environment only', () => {
    const env = spec.env ?? {};
    expect(env.POLARIS_BOOTSTRAP_CREDENTIALS).toBe(
      `${config.pipeline.polaris.realm},${secrets.polarisRootClientId},${secrets.polarisRootClientSecret}`,
    );
    expect(env.AWS_ACCESS_KEY_ID).toBe(secrets.s3AccessKeyId);
    expect(env.AWS_SECRET_ACCESS_KEY).toBe(secrets.s3SecretAccessKey);
    expect(env.AWS_REGION).toBe(config.pipeline.s3.region);
    expect(env.POLARIS_REALM_CONTEXT_REALMS).toBe(config.pipeline.polaris.realm);
    expect(env.JAVA_HOME).toBe(javaHome);
  });

  it('binds to loopback on the configured ports and logs into the state dir', () => {
    const env = polarisEnv(config, secrets, dir, javaHome);
    expect(env.QUARKUS_HTTP_HOST).toBe('127.0.0.1');
    expect(env.QUARKUS_MANAGEMENT_HOST).toBe('127.0.0.1');
    expect(env.QUARKUS_HTTP_PORT).toBe('8181');
    expect(env.QUARKUS_MANAGEMENT_PORT).toBe('8182');
    expect(isAbsolute(env.QUARKUS_LOG_FILE_PATH)).toBe(true);
    expect(env.QUARKUS_LOG_FILE_PATH.startsWith(`${dir}/`)).toBe(true);
    expect(env.QUARKUS_DATASOURCE_JDBC_URL).toBe(`jdbc:h2:file:${dir}/metastore/polaris`);
  });

  it('stays on loopback even when the configured URL names another host', () => {
    const other = loadConfig({ file, env: { POLARIS_URL: 'http://localhost:9181', POLARIS_MANAGEMENT_URL: 'http://localhost:9182' } });
    expect(catalogPorts(other)).toEqual({ host: '127.0.0.1', port: 9181, managementPort: 9182 });
  });

  it('runs the fast-jar and puts the state dir on the command line (for process matching)', () => {
    const args = polarisArgs(home, dir);
    expect(args.slice(-2)).toEqual(['-jar', `${home}/quarkus-app/quarkus-run.jar`]);
    expect(args.some((a) => a.includes(dir))).toBe(true);
    expect(spec.command).toBe('/jdk/bin/java');
    expect(spec.cwd).toBe(dir);
  });

  it('refuses a state dir that could inject JDBC options', () => {
    expect(() => polarisEnv(config, secrets, '/tmp/a;INIT=RUNSCRIPT', javaHome)).toThrow(/';'/);
  });

  it('names the cache dir after the Polaris version and the Maven project content', () => {
    expect(polarisCacheVersion(config.paths.root)).toMatch(new RegExp(`^${POLARIS_VERSION.replace(/\./g, '\\.')}-[0-9a-f]{10}$`));
  });
});

describe('missingPolarisArtifacts', () => {
  it('extracts the Polaris coordinates Maven could not find', () => {
    const out = [
      '[ERROR] Failed to execute goal on project polaris-server-local: Could not resolve dependencies',
      'Failed to read artifact descriptor for org.apache.polaris:polaris-runtime-service:jar:1.4.1:',
      'Could not find artifact org.apache.polaris:polaris:pom:1.4.1 in central (https://repo.example/maven2)',
      'Could not find artifact org.apache.polaris:polaris:pom:1.4.1 in central',
      'Failure to find org.apache.polaris:polaris-api-iceberg-service:jar:1.4.1 in central was cached',
    ].join('\n');
    expect(missingPolarisArtifacts(out)).toEqual([
      'org.apache.polaris:polaris:pom:1.4.1',
      'org.apache.polaris:polaris-api-iceberg-service:jar:1.4.1',
    ]);
  });

  it('also reads the form Maven prints for a cached miss', () => {
    const out =
      'Failed to read artifact descriptor for org.apache.polaris:polaris-runtime-service:jar:1.4.1: ' +
      'org.apache.polaris:polaris:pom:1.4.1 was not found in https://repo.example/maven2 during a previous attempt.';
    expect(missingPolarisArtifacts(out)).toEqual(['org.apache.polaris:polaris:pom:1.4.1']);
  });

  it('finds nothing in an unrelated failure', () => {
    expect(missingPolarisArtifacts('[ERROR] Could not find artifact io.quarkus:quarkus-jdbc-h2:jar:3.32.3')).toEqual([]);
  });
});

describe('Nessie stand-in launch', () => {
  const spec = nessieLaunchSpec(config, secrets, '/state/nessie', '/cache/nessie-0.99.0', javaHome);

  it('keeps every secret off the command line; S3 keys come from the environment', () => {
    const cmdline = [spec.command, ...spec.args].join(' ');
    for (const s of secretValues) expect(cmdline).not.toContain(s);
    expect(spec.env?.AWS_ACCESS_KEY_ID).toBe(secrets.s3AccessKeyId);
    expect(spec.env?.AWS_SECRET_ACCESS_KEY).toBe(secrets.s3SecretAccessKey);
    expect(spec.args).toContain('-Dnessie.catalog.service.s3.default-options.auth-type=APPLICATION_GLOBAL');
  });

  it('serves one warehouse named like the Polaris catalog, on the bucket, durable in the state dir', () => {
    const args = nessieArgs(config, '/cache/nessie/nessie-runner.jar', '/state/nessie');
    const { catalog } = config.pipeline.polaris;
    expect(args).toContain(`-Dnessie.catalog.default-warehouse=${catalog}`);
    expect(args).toContain(`-Dnessie.catalog.warehouses.${catalog}.location=s3://lakehouse/warehouse/`);
    expect(args).toContain('-Dnessie.version.store.type=ROCKSDB');
    expect(args).toContain('-Dnessie.version.store.persist.rocks.database-path=/state/nessie/rocksdb');
    expect(args).toContain('-Dquarkus.http.host=127.0.0.1');
    expect(args).toContain('-Dquarkus.management.port=8182');
    expect(args).toContain(`-Dnessie.catalog.service.s3.default-options.endpoint=${config.pipeline.s3.endpoint}`);
    expect(args.slice(-2)).toEqual(['-jar', '/cache/nessie/nessie-runner.jar']);
  });
});

describe('polarisKnownUnavailable', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'polaris-cache-'));
  const c = loadConfig({ file, env: { LAKEHOUSE_CACHE_DIR: cacheDir } });
  const marker = join(cacheDir, `polaris-${polarisCacheVersion(c.paths.root)}.unavailable`);

  it('is undefined without a marker', async () => {
    expect(await polarisKnownUnavailable(c)).toBeUndefined();
  });

  it('remembers a refusal for a day, then lets a build be tried again', async () => {
    const at = Date.now();
    writeFileSync(marker, JSON.stringify({ at, missing: ['org.apache.polaris:polaris:pom:1.4.1'] }));
    expect(await polarisKnownUnavailable(c, at + 3600_000)).toEqual(['org.apache.polaris:polaris:pom:1.4.1']);
    expect(await polarisKnownUnavailable(c, at + 25 * 3600_000)).toBeUndefined();
  });

  it('ignores a corrupt marker', async () => {
    writeFileSync(marker, 'not json');
    expect(await polarisKnownUnavailable(c)).toBeUndefined();
  });
});
