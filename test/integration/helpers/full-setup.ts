import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { LoadedConfig } from '../../../config';
import { createActivities } from '../../../activities';
import { trinoClient } from '../../../activities/clients';
import { createProvider } from '../../../activities/infra/provider';
import { EXPECTED_RELATIONS } from '../../../activities/warehouse/migrations';
import type { FullSetupResult } from '../../../workflows/full-setup';

/** Runs the real FullSetup workflow on the stack's Temporal with an in-process worker. */
export async function runFullSetup(
  config: LoadedConfig,
  log = { info: () => undefined, warn: () => undefined, error: () => undefined } as {
    info(m: string): void;
    warn(m: string): void;
    error(m: string): void;
  },
): Promise<{ result: FullSetupResult; workflowId: string }> {
  const address = config.pipeline.temporal.address;
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  try {
    const taskQueue = `it-full-setup-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: config.pipeline.temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('../../../workflows'),
      activities: createActivities({ config, provider: await createProvider(config), log }),
    });
    const client = new Client({ connection, namespace: config.pipeline.temporal.namespace });
    const workflowId = `it-full-setup-${randomUUID()}`;
    const result = await worker.runUntil(
      client.workflow.execute('FullSetup', { taskQueue, workflowId, args: [] }) as Promise<FullSetupResult>,
    );
    return { result, workflowId };
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

/**
 * Tests that write tables need what FullSetup makes (Trino's catalog, the schema): run it when
 * they are missing, so each integration file also works alone on a fresh clone.
 */
export async function ensureLakehouseSetUp(config: LoadedConfig): Promise<void> {
  const { catalog, schema } = config.pipeline.trino;
  const present = await trinoClient(config)
    .query(`SHOW TABLES FROM ${catalog}.${schema}`)
    .then((r) => new Set(r.rows.map((row) => String(row[0]))))
    .catch(() => new Set<string>());
  if (EXPECTED_RELATIONS.every((t) => present.has(t))) return;
  await runFullSetup(config);
}
