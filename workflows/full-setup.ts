import type { RetryPolicy } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ProgressTracker } from './progress';

export interface FullSetupInput {
  /** Run the Iceberg round trip at the end (default true). */
  verify?: boolean;
}

export interface FullSetupResult {
  provider: string;
  /** Which REST catalog serves the tables: polaris, or the nessie stand-in. */
  catalogServer: string;
  bucketCreated: boolean;
  catalogCreated: boolean;
  principalCreated: boolean;
  credentialsRotated: boolean;
  grantsAdded: string[];
  trinoCatalogChanged: boolean;
  migrationsApplied: number[];
  migrationsAlreadyApplied: number;
  verified: boolean;
  /** False when the run found everything already in place. */
  changed: boolean;
}

const retry: RetryPolicy = { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 5 };

const infra = proxyActivities<Activities>({
  // A first run installs the services (downloads, a Maven build): long, but heartbeating.
  startToCloseTimeout: '90m',
  heartbeatTimeout: '2m',
  retry,
});
const setup = proxyActivities<Activities>({ startToCloseTimeout: '10m', heartbeatTimeout: '2m', retry });

/**
 * Brings the lakehouse to a known-good state: services up, bucket, Polaris catalog, the
 * pipeline's own principal and grants, Trino wired to it, tables migrated, round trip verified.
 * Every step ensures, so a second run changes nothing.
 */
export async function FullSetup(input: FullSetupInput = {}): Promise<FullSetupResult> {
  const verify = input.verify ?? true;
  const progress = new ProgressTracker('FullSetup', verify ? 8 : 7);

  progress.step('ensure infrastructure');
  const { provider } = await infra.ensureInfrastructure.executeWithOptions(
    { summary: 'Start or check the services', startToCloseTimeout: '90m', heartbeatTimeout: '2m', retry },
    [],
  );
  progress.done(`infrastructure: ${provider}`);

  progress.step('wait until healthy');
  await setup.waitUntilHealthy();
  progress.done('all services healthy');

  progress.step('ensure bucket');
  const bucket = await setup.ensureBucket();
  progress.done(`bucket ${bucket.bucket}${bucket.created ? ' created' : ' present'}`);

  progress.step('ensure Polaris catalog');
  const catalog = await setup.ensureCatalog();
  progress.done(`${catalog.server} catalog ${catalog.catalog}${catalog.created ? ' created' : ' present'}`);

  progress.step('ensure pipeline principal and grants');
  const principal = await setup.ensurePipelinePrincipal();
  progress.done(
    principal.skipped
      ? `principal: skipped (${principal.skipped})`
      : `principal ${principal.principal}${principal.created ? ' created' : ' present'}` +
          (principal.grantsAdded.length ? `, granted ${principal.grantsAdded.join(', ')}` : ''),
  );

  progress.step('configure Trino access');
  const trino = await setup.configureTrinoAccess();
  progress.done(`Trino catalog ${trino.catalog}${trino.changed ? ' configured' : ' unchanged'}`);

  progress.step('run migrations');
  const migrations = await setup.runMigrations();
  progress.done(`migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied} already`);

  let verified = false;
  if (verify) {
    progress.step('verify round trip');
    const rt = await setup.verifyRoundTrip();
    verified = rt.rowsRead === rt.rowsWritten;
    progress.done(`round trip: ${rt.rowsRead} rows in ${rt.ms} ms`);
  }
  progress.finish();

  const changed =
    bucket.created ||
    catalog.created ||
    principal.created ||
    principal.credentialsRotated ||
    principal.grantsAdded.length > 0 ||
    principal.assignmentsAdded > 0 ||
    trino.changed ||
    migrations.applied.length > 0;

  return {
    provider,
    catalogServer: catalog.server,
    bucketCreated: bucket.created,
    catalogCreated: catalog.created,
    principalCreated: principal.created,
    credentialsRotated: principal.credentialsRotated,
    grantsAdded: principal.grantsAdded,
    trinoCatalogChanged: trino.changed,
    migrationsApplied: migrations.applied.map((m) => m.version),
    migrationsAlreadyApplied: migrations.alreadyApplied,
    verified,
    changed,
  };
}
