import { z } from 'zod';

/** Names that are turned into SQL identifiers or URL path parts: keep them boring. */
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and _ (start with a letter, max 63)');
const url = z.url();
const hostPort = z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port');

export const providerSchema = z.enum(['docker', 'local', 'external']);
export type Provider = z.infer<typeof providerSchema>;

export const workflowNameSchema = z.enum(['FullSetup', 'DailyIngest', 'EnrichOmdb', 'ScrapeCritics']);

export const scheduleOverlapSchema = z.enum(['SKIP', 'BUFFER_ONE', 'BUFFER_ALL', 'CANCEL_OTHER', 'TERMINATE_OTHER', 'ALLOW_ALL']);
export type ScheduleOverlap = z.infer<typeof scheduleOverlapSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One Temporal schedule. Optional keys have defaults so older config files stay valid. */
export const scheduleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and - (max 63)'),
    workflow: workflowNameSchema,
    // `#` is refused because the applier appends the cron as a `# comment` to read it back.
    cron: z
      .string()
      .min(9)
      .regex(/^[^#\n]+$/, 'must not contain # or a newline')
      .refine((c) => c.trim().split(/\s+/).length === 5, 'must have five fields: minute hour day-of-month month day-of-week'),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Paris').default('UTC'),
    overlap: scheduleOverlapSchema.default('SKIP'),
    catchupWindow: z
      .string()
      .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 30m, 1h or 1d')
      .default('1h'),
    paused: z.boolean().default(false),
  })
  .strict();
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

export const pipelineSchema = z
  .object({
    temporal: z
      .object({
        address: hostPort,
        namespace: z.string().min(1),
        uiUrl: url,
        taskQueue: z.string().min(1),
      })
      .strict(),
    infrastructure: z
      .object({
        provider: providerSchema,
        /** Local stack only: auto = Polaris if it can be built here, else the Nessie stand-in. */
        catalogServer: z.enum(['auto', 'polaris', 'nessie']),
        stateDir: z.string().min(1),
        cacheDir: z.string().min(1),
        healthTimeoutSeconds: z.number().int().positive(),
      })
      .strict(),
    s3: z
      .object({
        endpoint: url,
        region: z.string().min(1),
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name'),
        rawPrefix: z.string().regex(/^[a-z0-9_-]+$/),
        warehousePrefix: z.string().regex(/^[a-z0-9_-]+$/),
      })
      .strict(),
    polaris: z
      .object({
        url: url,
        managementUrl: url,
        realm: z.string().regex(/^[A-Za-z0-9_-]+$/),
        catalog: identifier,
        principal: identifier,
        principalRole: identifier,
        catalogRole: identifier,
      })
      .strict(),
    trino: z
      .object({
        url: url,
        user: z.string().regex(/^[A-Za-z0-9_.-]+$/),
        catalog: identifier,
        schema: identifier,
      })
      .strict(),
    sources: z
      .object({
        userAgent: z.string().min(1),
        sandbox: z
          .object({
            port: z.number().int().min(1).max(65535),
            movies: z.number().int().min(1).max(1_000_000),
            seed: z.number().int(),
            /** Replaces the critic sites' minIntervalMs when they resolve to the sandbox (our own local server). */
            criticMinIntervalMs: z.number().int().nonnegative(),
          })
          .strict(),
        tmdb: z
          .object({
            baseUrl: z.union([z.literal(''), url]),
            requestsPerSecond: z.number().positive(),
            lists: z.array(z.enum(['popular', 'top_rated', 'now_playing'])),
          })
          .strict(),
        omdb: z
          .object({
            baseUrl: z.union([z.literal(''), url]),
            dailyBudget: z.number().int().nonnegative(),
            refreshAfterDays: z.number().int().positive(),
            /** Titles per activity (one request each). */
            batchSize: z.number().int().positive(),
            /** Budget spent: wait (durable sleep until the UTC day turns, then go on) or stop (the next scheduled run goes on). */
            onQuota: z.enum(['wait', 'stop']),
          })
          .strict(),
        rottenTomatoes: z
          .object({
            baseUrl: z.union([z.literal(''), url]),
            minIntervalMs: z.number().int().nonnegative(),
            recheckAfterDays: z.number().int().positive(),
            /** Requests one activity may spend; the task queue's rate is derived from it (see README, limits). */
            requestsPerActivity: z.number().int().positive(),
            /** Movies checked per run, stalest first. */
            maxMoviesPerRun: z.number().int().positive(),
          })
          .strict(),
        metacritic: z
          .object({
            baseUrl: z.union([z.literal(''), url]),
            minIntervalMs: z.number().int().nonnegative(),
            recheckAfterDays: z.number().int().positive(),
            /** Requests one activity may spend; the task queue's rate is derived from it (see README, limits). */
            requestsPerActivity: z.number().int().positive(),
            /** Movies checked per run, stalest first. */
            maxMoviesPerRun: z.number().int().positive(),
          })
          .strict(),
        http: z
          .object({
            connectTimeoutMs: z.number().int().positive(),
            readTimeoutMs: z.number().int().positive(),
            maxRetries: z.number().int().nonnegative(),
          })
          .strict(),
      })
      .strict(),
    ingest: z
      .object({
        /** TMDB details (one request each) per activity. */
        detailBatchSize: z.number().int().positive(),
        writeBatchSize: z.number().int().positive(),
        /** The first incremental run (no watermark yet) reads TMDB changes of this many days. */
        initialLookbackDays: z.number().int().min(1).max(365),
        /** Pages (20 movies each) of every configured TMDB list per run. */
        listPages: z.number().int().min(0).max(500),
        /** TMDB list/changes/discover pages per collecting activity. */
        collectPagesPerActivity: z.number().int().positive(),
      })
      .strict(),
    schedules: z
      .array(scheduleSchema)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate schedule id "${s.id}"` });
          seen.add(s.id);
        });
      }),
  })
  .strict();

export type PipelineConfig = z.infer<typeof pipelineSchema>;

/**
 * Secrets live only here, read from the environment (or `.env`, or the local stack's generated
 * file). They are never part of a workflow input, result, memo or log line.
 */
export const secretsSchema = z.object({
  s3AccessKeyId: z.string().min(1).optional(),
  s3SecretAccessKey: z.string().min(1).optional(),
  polarisRootClientId: z.string().min(1).optional(),
  polarisRootClientSecret: z.string().min(1).optional(),
  tmdbApiKey: z.string().min(1).optional(),
  tmdbReadAccessToken: z.string().min(1).optional(),
  omdbApiKey: z.string().min(1).optional(),
  temporalApiKey: z.string().min(1).optional(),
});
export type Secrets = z.infer<typeof secretsSchema>;

export const SECRET_ENV: Record<keyof Secrets, string> = {
  s3AccessKeyId: 'S3_ACCESS_KEY_ID',
  s3SecretAccessKey: 'S3_SECRET_ACCESS_KEY',
  polarisRootClientId: 'POLARIS_ROOT_CLIENT_ID',
  polarisRootClientSecret: 'POLARIS_ROOT_CLIENT_SECRET',
  tmdbApiKey: 'TMDB_API_KEY',
  tmdbReadAccessToken: 'TMDB_READ_ACCESS_TOKEN',
  omdbApiKey: 'OMDB_API_KEY',
  temporalApiKey: 'TEMPORAL_API_KEY',
};

/** Environment variables that override a YAML key (path in the YAML → variable). */
export const ENV_OVERRIDES: Record<string, { path: string[]; type: 'string' | 'number' }> = {
  TEMPORAL_ADDRESS: { path: ['temporal', 'address'], type: 'string' },
  TEMPORAL_NAMESPACE: { path: ['temporal', 'namespace'], type: 'string' },
  TEMPORAL_UI_URL: { path: ['temporal', 'uiUrl'], type: 'string' },
  LAKEHOUSE_TASK_QUEUE: { path: ['temporal', 'taskQueue'], type: 'string' },
  LAKEHOUSE_PROVIDER: { path: ['infrastructure', 'provider'], type: 'string' },
  LAKEHOUSE_CATALOG_SERVER: { path: ['infrastructure', 'catalogServer'], type: 'string' },
  LAKEHOUSE_STATE_DIR: { path: ['infrastructure', 'stateDir'], type: 'string' },
  LAKEHOUSE_CACHE_DIR: { path: ['infrastructure', 'cacheDir'], type: 'string' },
  S3_ENDPOINT: { path: ['s3', 'endpoint'], type: 'string' },
  S3_REGION: { path: ['s3', 'region'], type: 'string' },
  S3_BUCKET: { path: ['s3', 'bucket'], type: 'string' },
  POLARIS_URL: { path: ['polaris', 'url'], type: 'string' },
  POLARIS_MANAGEMENT_URL: { path: ['polaris', 'managementUrl'], type: 'string' },
  POLARIS_CATALOG: { path: ['polaris', 'catalog'], type: 'string' },
  TRINO_URL: { path: ['trino', 'url'], type: 'string' },
  TRINO_SCHEMA: { path: ['trino', 'schema'], type: 'string' },
  TMDB_BASE_URL: { path: ['sources', 'tmdb', 'baseUrl'], type: 'string' },
  OMDB_BASE_URL: { path: ['sources', 'omdb', 'baseUrl'], type: 'string' },
  RT_BASE_URL: { path: ['sources', 'rottenTomatoes', 'baseUrl'], type: 'string' },
  METACRITIC_BASE_URL: { path: ['sources', 'metacritic', 'baseUrl'], type: 'string' },
  SANDBOX_PORT: { path: ['sources', 'sandbox', 'port'], type: 'number' },
  SANDBOX_MOVIES: { path: ['sources', 'sandbox', 'movies'], type: 'number' },
};
