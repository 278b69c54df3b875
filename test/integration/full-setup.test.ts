import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { LoadedConfig, loadConfig } from '../../config';
import { principalSecretFile } from '../../activities/catalog/secret-store';
import { trinoClient } from '../../activities/clients';
import { EXPECTED_RELATIONS } from '../../activities/warehouse/migrations';
import { stackDown, stackUp, trinoCatalogFile } from '../../infra/local';
import { runFullSetup as runRealFullSetup } from './helpers/full-setup';

/**
 * FullSetup on the real stack (Temporal dev server, S3 server, Polaris, Trino), twice: the first
 * run may create things, the second must change nothing. Then the tables are queried.
 */

// Worker INFO lines drown the test report; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });
describe('FullSetup on the real stack', () => {
  let config: LoadedConfig;
  let connection: Connection;
  let client: Client;
  let catalogServer = '';
  const logs: string[] = [];
  const log = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
  };

  beforeAll(async () => {
    config = loadConfig();
    connection = await Connection.connect({ address: config.pipeline.temporal.address });
    client = new Client({ connection, namespace: config.pipeline.temporal.namespace });
  }, 120_000);

  afterAll(async () => {
    await connection?.close();
  });

  const runFullSetup = () => runRealFullSetup(config, log);

  it('sets everything up, and a second run changes nothing', async () => {
    const first = await runFullSetup();
    expect(first.result.verified).toBe(true);

    const second = await runFullSetup();
    expect(second.result).toMatchObject({
      changed: false,
      bucketCreated: false,
      catalogCreated: false,
      principalCreated: false,
      credentialsRotated: false,
      grantsAdded: [],
      trinoCatalogChanged: false,
      migrationsApplied: [],
      verified: true,
    });

    // No configured secret may appear anywhere in either run's history, nor in the logs.
    const secrets = Object.values(config.secrets).filter((v): v is string => !!v);
    expect(secrets.length).toBeGreaterThanOrEqual(4); // S3 keys and Polaris root credentials
    if (second.result.catalogServer === 'polaris') {
      const pipelineSecret = JSON.parse(readFileSync(principalSecretFile(config.paths.stateDir, config.pipeline.polaris.principal), 'utf8'));
      secrets.push(pipelineSecret.clientSecret, pipelineSecret.clientId);
    }
    catalogServer = second.result.catalogServer;
    for (const { workflowId } of [first, second]) {
      const history = JSON.stringify(await client.workflow.getHandle(workflowId).fetchHistory());
      for (const s of secrets) expect(history.includes(s)).toBe(false);
    }
    for (const s of secrets) expect(logs.join('\n').includes(s)).toBe(false);
  }, 900_000);

  it('keeps credentials only in 0600 files (Trino catalog file; pipeline principal on Polaris)', () => {
    const catalogFile = trinoCatalogFile(config, config.pipeline.trino.catalog);
    expect(statSync(catalogFile).mode & 0o777).toBe(0o600);
    const props = readFileSync(catalogFile, 'utf8');
    if (catalogServer === 'polaris') {
      expect(statSync(principalSecretFile(config.paths.stateDir, config.pipeline.polaris.principal)).mode & 0o777).toBe(0o600);
      expect(props).toMatch(/^iceberg\.rest-catalog\.security=OAUTH2$/m);
      // Trino talks to Polaris as the pipeline principal, never as root.
      expect(props).not.toContain(config.secrets.polarisRootClientSecret!);
    } else {
      expect(catalogServer).toBe('nessie');
      expect(props).toMatch(/^iceberg\.rest-catalog\.security=NONE$/m);
    }
  });

  it('created every table of the data model, with typed columns', async () => {
    const trino = trinoClient(config);
    const { catalog, schema } = config.pipeline.trino;
    const tables = (await trino.query(`SHOW TABLES FROM ${catalog}.${schema}`)).rows.map((r) => String(r[0]));
    expect(tables.sort()).toEqual([...EXPECTED_RELATIONS].sort());

    const cols = await trino.query(
      `SELECT column_name, data_type FROM ${catalog}.information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'rating_observations' ORDER BY ordinal_position`,
    );
    const types = Object.fromEntries(cols.rows.map((r) => [r[0], r[1]]));
    expect(types).toMatchObject({
      tmdb_id: 'bigint',
      observed_on: 'date',
      observed_at: 'timestamp(6) with time zone',
      value_0_100: 'double',
      vote_count: 'bigint',
    });

    const migrations = await trino.query(`SELECT version FROM ${catalog}.${schema}.schema_migrations ORDER BY version`);
    expect(migrations.rows.map((r) => Number(r[0]))).toEqual([1, 2]);

    // The view answers (empty tables: no rows yet).
    const view = await trino.query(`SELECT count(*) FROM ${catalog}.${schema}.movie_ratings_latest`);
    expect(Number(view.rows[0][0])).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

describe('npm run cli -- status', () => {
  const config = loadConfig();

  function status(): { code: number; out: string } {
    const r = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), 'scripts/cli.ts', 'status'], {
      cwd: config.paths.root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  }

  it('exits 0 when all is healthy, and non-zero naming Trino when Trino is stopped', async () => {
    const healthy = status();
    expect(healthy.out).toMatch(/✔ tables/);
    expect(healthy.out).toMatch(/· schedules \d+\/\d+ applied, \d+ paused/);
    expect(healthy.code).toBe(0);

    await stackDown(config, { only: ['trino'] });
    try {
      const down = status();
      expect(down.code).toBe(1);
      expect(down.out).toMatch(/✘ trino\s+DOWN/);
      expect(down.out).toMatch(/Not healthy: trino\. Run `npm run stack -- up`/);
    } finally {
      await stackUp(config, { only: ['trino'] });
    }
    expect(status().code).toBe(0);
  }, 300_000);
});
