import { randomBytes } from 'node:crypto';
import type { LoadedConfig } from '../../../config';
import { dropSchemaAndStaging } from '../../../activities/warehouse/drop-schema';
import { trinoClient } from '../../../activities/clients';
import { createIngestContext, type IngestContext, type IngestContextOverrides } from '../../../activities/ingest/context';
import { runMigrations } from '../../../activities/warehouse/migrations';
import type { SandboxHandle } from '../../../infra/sandbox';

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The config of a test: its own Trino schema (migrated, so every table exists; dropped by
 * `dropSchema`), the sources pointing at a sandbox the test started.
 */
export function testConfig(config: LoadedConfig, sb: SandboxHandle | null, schema = `it_${randomBytes(4).toString('hex')}`): LoadedConfig {
  return {
    ...config,
    pipeline: { ...config.pipeline, trino: { ...config.pipeline.trino, schema } },
    sources: sb
      ? {
          sandbox: true,
          tmdbBaseUrl: sb.baseUrls.tmdb!,
          omdbBaseUrl: sb.baseUrls.omdb!,
          rottenTomatoesBaseUrl: sb.baseUrls.rottenTomatoes!,
          metacriticBaseUrl: sb.baseUrls.metacritic!,
        }
      : config.sources,
  };
}

export async function migratedContext(config: LoadedConfig, o: IngestContextOverrides = {}): Promise<IngestContext> {
  const { catalog, schema } = config.pipeline.trino;
  await runMigrations(trinoClient(config), catalog, schema);
  return createIngestContext(config, quietLog, o);
}

/** Drops the test's schema and its staging schema. */
export async function dropSchema(config: LoadedConfig): Promise<void> {
  const { catalog, schema } = config.pipeline.trino;
  await dropSchemaAndStaging(trinoClient(config), catalog, schema);
}
