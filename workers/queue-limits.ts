import type { LoadedConfig } from '../config';
import { criticMinIntervalMs } from '../activities/sources/http';
import { sourceTaskQueue, type SourceQueue } from '../workflows/task-queues';

/**
 * Limits that hold across every worker of a source's queue. Each activity on the queue makes at
 * most R requests, paced locally at the site's rate r; the queue (server side) starts at most
 * r / R activities per second, whichever worker polls it — so over any interval T all workers
 * together send at most r·T + R requests: the site's rate, with a burst of one activity.
 */
export interface QueueSettings {
  taskQueue: string;
  /** Server-side cap on activity starts per second for the whole queue (undefined: none). */
  maxTaskQueueActivitiesPerSecond?: number;
  /** Per worker: one activity at a time keeps a site's requests in one paced stream. */
  maxConcurrentActivityTaskExecutions: number;
  /** Requests one activity may make (R). */
  requestsPerActivity: number;
}

export function sourceQueueSettings(config: LoadedConfig): Record<SourceQueue, QueueSettings> {
  const main = config.pipeline.temporal.taskQueue;
  const s = config.pipeline.sources;
  const ingest = config.pipeline.ingest;
  // A TMDB activity: a details batch or a page collection. Retries of failed requests (5xx, 429,
  // a broken payload) come on top; they are rare and paced by the same local limiter.
  const tmdbPerActivity = Math.max(ingest.detailBatchSize, ingest.collectPagesPerActivity);
  const critic = (site: 'rottenTomatoes' | 'metacritic', queue: SourceQueue): QueueSettings => {
    const interval = criticMinIntervalMs(config, site);
    const per = s[site].requestsPerActivity;
    return {
      taskQueue: sourceTaskQueue(main, queue),
      maxTaskQueueActivitiesPerSecond: interval > 0 ? 1000 / (interval * per) : undefined,
      maxConcurrentActivityTaskExecutions: 1,
      requestsPerActivity: per,
    };
  };
  return {
    tmdb: {
      taskQueue: sourceTaskQueue(main, 'tmdb'),
      maxTaskQueueActivitiesPerSecond: s.tmdb.requestsPerSecond / tmdbPerActivity,
      maxConcurrentActivityTaskExecutions: 1,
      requestsPerActivity: tmdbPerActivity,
    },
    // OMDb's limit is a daily request budget, kept in S3 across runs; no per-second limit.
    omdb: {
      taskQueue: sourceTaskQueue(main, 'omdb'),
      maxConcurrentActivityTaskExecutions: 1,
      requestsPerActivity: s.omdb.batchSize,
    },
    'rotten-tomatoes': critic('rottenTomatoes', 'rotten-tomatoes'),
    metacritic: critic('metacritic', 'metacritic'),
  };
}
