import { NativeConnection, Worker } from '@temporalio/worker';
import type { LoadedConfig } from '../config';
import { createActivities } from '../activities';
import type { Logger } from '../activities/deps';
import { createProvider } from '../activities/infra/provider';
import { createIngestContext, type IngestContext } from '../activities/ingest/context';
import { sourceQueueSettings } from './queue-limits';
import { temporalConnectOptions } from './temporal-connection';

export interface CreatedWorker {
  /** The main queue's worker (workflows, setup and warehouse activities), then one per source queue. */
  workers: Worker[];
  connection: NativeConnection;
  /** Runs every worker until all have shut down (SIGINT/SIGTERM shut them all down). */
  run(): Promise<void>;
}

export interface CreateWorkerOptions {
  /** Main task queue (default: config). Source queues are derived from it. */
  taskQueue?: string;
  connection?: NativeConnection;
  /** The ingestion context to share (e.g. one counting Trino statements for the bench). */
  ingest?: IngestContext;
  /** A prebuilt workflow bundle (workers/workflow-bundle.ts); without it the worker bundles in-process. */
  workflowBundlePath?: string;
}

/**
 * One process, one connection, several workers: the main queue runs the workflows and the
 * warehouse activities; each source queue runs that source's activities under its rate cap.
 * They share one ingestion context, so one HTTP client holds the per-site limiters.
 */
export async function createWorker(config: LoadedConfig, log: Logger, o: CreateWorkerOptions = {}): Promise<CreatedWorker> {
  const taskQueue = o.taskQueue ?? config.pipeline.temporal.taskQueue;
  const cfg: LoadedConfig = taskQueue === config.pipeline.temporal.taskQueue ? config : { ...config, pipeline: { ...config.pipeline, temporal: { ...config.pipeline.temporal, taskQueue } } };
  const opts = temporalConnectOptions(cfg);
  const connection =
    o.connection ??
    (await NativeConnection.connect({
      address: opts.address,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      ...(opts.tls !== undefined ? { tls: opts.tls as never } : {}),
    }));
  const provider = await createProvider(cfg);
  const activities = createActivities({ config: cfg, provider, log, ingest: o.ingest ?? createIngestContext(cfg, log) });
  const workers = [
    await Worker.create({
      connection,
      namespace: opts.namespace,
      taskQueue,
      ...(o.workflowBundlePath ? { workflowBundle: { codePath: o.workflowBundlePath } } : { workflowsPath: require.resolve('../workflows') }),
      activities,
      // Two cores: keep concurrency modest so Trino and Polaris keep their share.
      maxConcurrentActivityTaskExecutions: 8,
      shutdownGraceTime: '30s',
    }),
  ];
  for (const q of Object.values(sourceQueueSettings(cfg))) {
    workers.push(
      await Worker.create({
        connection,
        namespace: opts.namespace,
        taskQueue: q.taskQueue,
        activities,
        maxConcurrentActivityTaskExecutions: q.maxConcurrentActivityTaskExecutions,
        ...(q.maxTaskQueueActivitiesPerSecond ? { maxTaskQueueActivitiesPerSecond: q.maxTaskQueueActivitiesPerSecond } : {}),
        shutdownGraceTime: '30s',
      }),
    );
  }
  return {
    workers,
    connection,
    run: async () => {
      await Promise.all(workers.map((w) => w.run()));
    },
  };
}
