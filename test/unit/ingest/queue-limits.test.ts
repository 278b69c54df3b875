import { loadConfig, type LoadedConfig } from '../../../config';
import { criticMinIntervalMs } from '../../../activities/sources/http';
import { sourceQueueSettings } from '../../../workers/queue-limits';
import { SOURCE_QUEUES } from '../../../workflows/task-queues';

// `env: {}`: the repository's config/pipeline.yaml only, no .env or machine environment.
const base = loadConfig({ env: {} });
type Pipeline = LoadedConfig['pipeline'];
type Sources = Pipeline['sources'];

function config(o: {
  sandbox: boolean;
  taskQueue?: string;
  ingest?: Partial<Pipeline['ingest']>;
  tmdb?: Partial<Sources['tmdb']>;
  omdb?: Partial<Sources['omdb']>;
  rottenTomatoes?: Partial<Sources['rottenTomatoes']>;
  metacritic?: Partial<Sources['metacritic']>;
  sandboxSettings?: Partial<Sources['sandbox']>;
}): LoadedConfig {
  const p = base.pipeline;
  return {
    ...base,
    sources: { ...base.sources, sandbox: o.sandbox },
    pipeline: {
      ...p,
      temporal: { ...p.temporal, taskQueue: o.taskQueue ?? p.temporal.taskQueue },
      ingest: { ...p.ingest, ...o.ingest },
      sources: {
        ...p.sources,
        sandbox: { ...p.sources.sandbox, ...o.sandboxSettings },
        tmdb: { ...p.sources.tmdb, ...o.tmdb },
        omdb: { ...p.sources.omdb, ...o.omdb },
        rottenTomatoes: { ...p.sources.rottenTomatoes, ...o.rottenTomatoes },
        metacritic: { ...p.sources.metacritic, ...o.metacritic },
      },
    },
  };
}

type Overrides = Omit<Parameters<typeof config>[0], 'sandbox'>;

/** Real sites (not the sandbox), critics at 2 s × 30 requests unless overridden. */
const real = (over: Overrides = {}) =>
  config({
    sandbox: false,
    ...over,
    rottenTomatoes: { baseUrl: '', minIntervalMs: 2000, requestsPerActivity: 30, ...over.rottenTomatoes },
    metacritic: { baseUrl: '', minIntervalMs: 2000, requestsPerActivity: 30, ...over.metacritic },
  });

describe('sourceQueueSettings', () => {
  it('names one queue per source after the main queue', () => {
    const q = sourceQueueSettings(config({ sandbox: false, taskQueue: 'lh-test' }));
    expect(Object.keys(q).sort()).toEqual([...SOURCE_QUEUES].sort());
    expect(q.tmdb.taskQueue).toBe('lh-test-tmdb');
    expect(q.omdb.taskQueue).toBe('lh-test-omdb');
    expect(q['rotten-tomatoes'].taskQueue).toBe('lh-test-rotten-tomatoes');
    expect(q.metacritic.taskQueue).toBe('lh-test-metacritic');
    expect(sourceQueueSettings(base).tmdb.taskQueue).toBe(`${base.pipeline.temporal.taskQueue}-tmdb`);
  });

  it('one activity at a time per worker on every source queue', () => {
    const q = sourceQueueSettings(config({ sandbox: true }));
    for (const name of SOURCE_QUEUES) expect(q[name].maxConcurrentActivityTaskExecutions).toBe(1);
  });

  describe('TMDB', () => {
    it('caps activity starts at requestsPerSecond / max(detailBatchSize, collectPagesPerActivity)', () => {
      const q = sourceQueueSettings(real({ tmdb: { requestsPerSecond: 38 }, ingest: { detailBatchSize: 500, collectPagesPerActivity: 100 } }));
      expect(q.tmdb.requestsPerActivity).toBe(500);
      expect(q.tmdb.maxTaskQueueActivitiesPerSecond).toBeCloseTo(38 / 500, 12);
    });

    it('uses the page collection size when it is the larger of the two', () => {
      const q = sourceQueueSettings(real({ tmdb: { requestsPerSecond: 40 }, ingest: { detailBatchSize: 50, collectPagesPerActivity: 200 } }));
      expect(q.tmdb.requestsPerActivity).toBe(200);
      expect(q.tmdb.maxTaskQueueActivitiesPerSecond).toBeCloseTo(0.2, 12);
    });

    it('is the same in sandbox mode (the TMDB rate does not depend on it)', () => {
      const over = { tmdb: { requestsPerSecond: 10 }, ingest: { detailBatchSize: 20, collectPagesPerActivity: 5 } };
      expect(sourceQueueSettings(config({ sandbox: true, ...over })).tmdb).toEqual(sourceQueueSettings(config({ sandbox: false, ...over })).tmdb);
      expect(sourceQueueSettings(config({ sandbox: true, ...over })).tmdb.maxTaskQueueActivitiesPerSecond).toBeCloseTo(0.5, 12);
    });

    it('holds for the repository config as loaded', () => {
      const q = sourceQueueSettings(base);
      const { detailBatchSize, collectPagesPerActivity } = base.pipeline.ingest;
      const per = Math.max(detailBatchSize, collectPagesPerActivity);
      expect(q.tmdb.requestsPerActivity).toBe(per);
      expect(q.tmdb.maxTaskQueueActivitiesPerSecond).toBeCloseTo(base.pipeline.sources.tmdb.requestsPerSecond / per, 12);
    });
  });

  describe('critics', () => {
    it('real sites: cap = 1000 / (minIntervalMs × requestsPerActivity)', () => {
      const q = sourceQueueSettings(
        real({ rottenTomatoes: { minIntervalMs: 2000, requestsPerActivity: 30 }, metacritic: { minIntervalMs: 500, requestsPerActivity: 8 } }),
      );
      expect(q['rotten-tomatoes'].maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (2000 * 30), 12);
      expect(q['rotten-tomatoes'].requestsPerActivity).toBe(30);
      expect(q.metacritic.maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (500 * 8), 12);
      expect(q.metacritic.requestsPerActivity).toBe(8);
    });

    it('sandbox without a configured baseUrl: the sandbox interval, not the real sites’', () => {
      const c = config({
        sandbox: true,
        sandboxSettings: { criticMinIntervalMs: 20 },
        rottenTomatoes: { baseUrl: '', minIntervalMs: 2000, requestsPerActivity: 30 },
        metacritic: { baseUrl: '', minIntervalMs: 3000, requestsPerActivity: 10 },
      });
      const q = sourceQueueSettings(c);
      expect(q['rotten-tomatoes'].maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (20 * 30), 12);
      expect(q.metacritic.maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (20 * 10), 12);
      // The same interval the HTTP client paces with.
      expect(criticMinIntervalMs(c, 'rottenTomatoes')).toBe(20);
    });

    it('sandbox mode but a site with its own baseUrl: that site keeps its configured interval', () => {
      const q = sourceQueueSettings(
        config({
          sandbox: true,
          sandboxSettings: { criticMinIntervalMs: 20 },
          rottenTomatoes: { baseUrl: 'https://rt.example.org', minIntervalMs: 2000, requestsPerActivity: 30 },
          metacritic: { baseUrl: '', minIntervalMs: 2000, requestsPerActivity: 30 },
        }),
      );
      expect(q['rotten-tomatoes'].maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (2000 * 30), 12);
      expect(q.metacritic.maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (20 * 30), 12);
    });

    it('not sandbox: the sandbox interval is ignored even without a baseUrl', () => {
      const q = sourceQueueSettings(real({ sandboxSettings: { criticMinIntervalMs: 1 } }));
      expect(q['rotten-tomatoes'].maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (2000 * 30), 12);
      expect(q.metacritic.maxTaskQueueActivitiesPerSecond).toBeCloseTo(1000 / (2000 * 30), 12);
    });

    it('an interval of 0 means no cap', () => {
      const q = sourceQueueSettings(config({ sandbox: true, sandboxSettings: { criticMinIntervalMs: 0 } }));
      expect(q['rotten-tomatoes'].maxTaskQueueActivitiesPerSecond).toBeUndefined();
      expect(q.metacritic.maxTaskQueueActivitiesPerSecond).toBeUndefined();
    });
  });

  it('OMDb: no per-second cap; an activity makes one batch of requests', () => {
    const q = sourceQueueSettings(real({ omdb: { batchSize: 77 } }));
    expect(q.omdb.maxTaskQueueActivitiesPerSecond).toBeUndefined();
    expect(q.omdb.requestsPerActivity).toBe(77);
  });
});
