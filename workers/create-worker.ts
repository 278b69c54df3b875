import { NativeConnection, Worker } from '@temporalio/worker';
import type { LoadedConfig } from '../config';
import { createActivities } from '../activities';
import type { Logger } from '../activities/deps';
import { createProvider } from '../activities/infra/provider';
import { temporalConnectOptions } from './temporal-connection';

export interface CreatedWorker {
  worker: Worker;
  connection: NativeConnection;
}

/** One worker runs the workflows and every activity on the configured task queue. */
export async function createWorker(config: LoadedConfig, log: Logger, taskQueue = config.pipeline.temporal.taskQueue): Promise<CreatedWorker> {
  const opts = temporalConnectOptions(config);
  const connection = await NativeConnection.connect({
    address: opts.address,
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    ...(opts.tls !== undefined ? { tls: opts.tls as never } : {}),
  });
  const provider = await createProvider(config);
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities({ config, provider, log }),
    // Two cores: keep concurrency modest so Trino and Polaris keep their share.
    maxConcurrentActivityTaskExecutions: 8,
    shutdownGraceTime: '30s',
  });
  return { worker, connection };
}
