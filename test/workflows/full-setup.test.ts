import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { FullSetupResult } from '../../workflows/full-setup';
import { createTestEnv, maybeRecordHistory } from './test-env';

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

type Mock = Partial<Record<keyof Activities, (...args: never[]) => Promise<unknown>>>;

function mockActivities(calls: string[], fresh: boolean, overrides: Mock = {}): Mock {
  const rec = <T>(name: string, value: T) => async () => {
    calls.push(name);
    return value;
  };
  return {
    ensureInfrastructure: rec('ensureInfrastructure', { provider: 'local', services: [] }),
    waitUntilHealthy: rec('waitUntilHealthy', []),
    ensureBucket: rec('ensureBucket', { bucket: 'lakehouse', created: fresh }),
    ensureCatalog: rec('ensureCatalog', { catalog: 'movies_catalog', created: fresh, server: 'polaris' }),
    ensurePipelinePrincipal: rec('ensurePipelinePrincipal', {
      principal: 'lakehouse_pipeline',
      created: fresh,
      credentialsRotated: false,
      grantsAdded: fresh ? ['TABLE_FULL_METADATA'] : [],
      assignmentsAdded: fresh ? 4 : 0,
    }),
    configureTrinoAccess: rec('configureTrinoAccess', { catalog: 'iceberg', changed: fresh }),
    runMigrations: rec('runMigrations', { applied: fresh ? [{ version: 1, name: 'x' }] : [], alreadyApplied: fresh ? 0 : 1 }),
    verifyRoundTrip: rec('verifyRoundTrip', { namespace: 'verify_x', rowsWritten: 5, rowsRead: 5, ms: 10 }),
    applySchedules: rec('applySchedules', {
      created: fresh ? ['daily-ingest'] : [],
      updated: [],
      unchanged: fresh ? [] : ['daily-ingest'],
      deleted: [],
      summary: fresh ? '1 created' : '1 unchanged',
    }),
    ...overrides,
  };
}


// Worker INFO lines drown the test report; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });
describe('FullSetup workflow (real Temporal dev server, mocked activities)', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    // Bundling once keeps each test to the workflow run itself.
    [env, workflowBundle] = await Promise.all([
      createTestEnv(),
      bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  async function run(activities: Mock, args: unknown[] = [], name?: string): Promise<FullSetupResult> {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start('FullSetup', { taskQueue, workflowId: `${name ?? 'full-setup'}-${randomUUID()}`, args });
      try {
        return (await handle.result()) as FullSetupResult;
      } finally {
        if (name) await maybeRecordHistory(env, handle.workflowId, name);
      }
    });
  }

  it('runs the steps in order and reports what it created (no input at all)', async () => {
    const calls: string[] = [];
    const result = await run(mockActivities(calls, true), [], 'full-setup-fresh-with-schedules');
    expect(calls).toEqual([
      'ensureInfrastructure',
      'waitUntilHealthy',
      'ensureBucket',
      'ensureCatalog',
      'ensurePipelinePrincipal',
      'configureTrinoAccess',
      'runMigrations',
      'verifyRoundTrip',
      'applySchedules',
    ]);
    expect(result).toMatchObject({ changed: true, bucketCreated: true, migrationsApplied: [1], verified: true, schedules: '1 created' });
  });

  it('reports no change when everything is already in place', async () => {
    const calls: string[] = [];
    const result = await run(mockActivities(calls, false), [], 'full-setup-noop');
    expect(result.changed).toBe(false);
    expect(result.migrationsAlreadyApplied).toBe(1);
  });

  it('skips the round trip when asked', async () => {
    const calls: string[] = [];
    const result = await run(mockActivities(calls, false), [{ verify: false }]);
    expect(calls).not.toContain('verifyRoundTrip');
    expect(result.verified).toBe(false);
  });

  it('leaves the schedules alone when asked', async () => {
    const calls: string[] = [];
    const result = await run(mockActivities(calls, false), [{ applySchedules: false }]);
    expect(calls).not.toContain('applySchedules');
    expect(result.schedules).toBeNull();
  });

  it('retries a transient failure and carries on', async () => {
    const calls: string[] = [];
    let attempts = 0;
    const result = await run(
      mockActivities(calls, false, {
        ensureBucket: async () => {
          attempts += 1;
          if (attempts < 2) throw new Error('connection reset');
          return { bucket: 'lakehouse', created: false };
        },
      }),
    );
    expect(attempts).toBe(2);
    expect(result.verified).toBe(true);
  });

  it('fails fast, without retries, on a non-retryable failure and names it', async () => {
    const calls: string[] = [];
    let attempts = 0;
    const err = await run(
      mockActivities(calls, false, {
        ensureCatalog: async () => {
          attempts += 1;
          throw ApplicationFailure.create({ type: 'PolarisError', message: 'Polaris rejected the client credentials', nonRetryable: true });
        },
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as { cause?: { type?: string; message?: string } };
    expect(cause.cause?.type).toBe('PolarisError');
    expect(attempts).toBe(1);
    expect(calls).not.toContain('ensurePipelinePrincipal');
  });
});
