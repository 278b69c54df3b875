import type { RetryPolicy } from '@temporalio/common';
import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ProgressTracker } from './progress';

export interface FullSetupInput {
  /** Run the Iceberg round trip at the end (default true). */
  verify?: boolean;
  /** Apply the schedules of config/pipeline.yaml at the end (default true). */
  applySchedules?: boolean;
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
  /** What applying the schedules did ("created 3", "3 unchanged"), or null when skipped. */
  schedules: string | null;
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
  // Runs recorded before schedules were part of setup replay without the step.
  const withSchedules = patched('apply-schedules') && (input.applySchedules ?? true);
  const progress = new ProgressTracker('FullSetup', (verify ? 8 : 7) + (withSchedules ? 1 : 0));

  // Each step is named twice: in the workflow's current details and as the activity's summary,
  // so the Web UI timeline reads like this function.
  const step = <T>(name: string, run: (opts: { summary: string }) => Promise<T>): Promise<T> => {
    progress.step(name);
    return run({ summary: name });
  };

  const { provider } = await step('ensure infrastructure', (o) => infra.ensureInfrastructure.executeWithOptions(o, []));
  progress.done(`infrastructure: ${provider}`);

  await step('wait until healthy', (o) => setup.waitUntilHealthy.executeWithOptions(o, []));
  progress.done('all services healthy');

  const bucket = await step('ensure bucket', (o) => setup.ensureBucket.executeWithOptions(o, []));
  progress.done(`bucket ${bucket.bucket}${bucket.created ? ' created' : ' present'}`);

  const catalog = await step('ensure catalog', (o) => setup.ensureCatalog.executeWithOptions(o, []));
  progress.done(`${catalog.server} catalog ${catalog.catalog}${catalog.created ? ' created' : ' present'}`);

  const principal = await step('ensure pipeline principal and grants', (o) => setup.ensurePipelinePrincipal.executeWithOptions(o, []));
  progress.done(
    principal.skipped
      ? `principal: skipped (${principal.skipped})`
      : `principal ${principal.principal}${principal.created ? ' created' : ' present'}` +
          (principal.grantsAdded.length ? `, granted ${principal.grantsAdded.join(', ')}` : ''),
  );

  const trino = await step('configure Trino access', (o) => setup.configureTrinoAccess.executeWithOptions(o, []));
  progress.done(`Trino catalog ${trino.catalog}${trino.changed ? ' configured' : ' unchanged'}`);

  const migrations = await step('run migrations', (o) => setup.runMigrations.executeWithOptions(o, []));
  progress.done(`migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied} already`);

  let verified = false;
  if (verify) {
    const rt = await step('verify round trip', (o) => setup.verifyRoundTrip.executeWithOptions(o, []));
    verified = rt.rowsRead === rt.rowsWritten;
    progress.done(`round trip: ${rt.rowsRead} rows in ${rt.ms} ms`);
  }
  let schedules: string | null = null;
  let schedulesChanged = false;
  if (withSchedules) {
    const applied = await step('apply schedules', (o) => setup.applySchedules.executeWithOptions(o, []));
    schedules = applied.summary;
    schedulesChanged = applied.created.length + applied.updated.length + applied.deleted.length > 0;
    progress.done(`schedules: ${applied.summary}`);
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
    migrations.applied.length > 0 ||
    schedulesChanged;

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
    schedules,
    changed,
  };
}
