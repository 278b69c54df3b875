import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LoadedConfig } from '../../../config';
import type { Logger } from '../../../activities/deps';
import { createWorker, type CreatedWorker } from '../../../workers/create-worker';
import { quietLog } from './ingest-context';

/** A real worker (all queues) on the stack's Temporal with a task queue of its own, and a client. */
export interface IngestHarness {
  taskQueue: string;
  client: Client;
  worker: CreatedWorker;
  /** Starts the workflow and waits for its result while the worker runs. */
  execute<T>(workflow: string, args: unknown[], workflowId?: string): Promise<{ result: T; workflowId: string }>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function startIngestHarness(config: LoadedConfig, o: { taskQueue?: string; log?: Logger } = {}): Promise<IngestHarness> {
  if (!runtimeInstalled) {
    // Worker state changes (and source queues' "no workflows" notices) would bury the test output.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed by another helper in this process
    }
    runtimeInstalled = true;
  }
  const taskQueue = o.taskQueue ?? `it-ingest-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: config.pipeline.temporal.address });
  const client = new Client({ connection, namespace: config.pipeline.temporal.namespace });
  const worker = await createWorker(config, o.log ?? quietLog, { taskQueue });
  const running = worker.run();
  return {
    taskQueue,
    client,
    worker,
    async execute<T>(workflow: string, args: unknown[], workflowId = `it-${workflow}-${randomUUID().slice(0, 8)}`) {
      const result = (await client.workflow.execute(workflow, { taskQueue, workflowId, args })) as T;
      return { result, workflowId };
    },
    async close() {
      for (const w of worker.workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running.catch(() => undefined);
      await worker.connection.close();
      await connection.close();
    },
  };
}
