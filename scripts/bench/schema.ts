import { randomBytes } from 'node:crypto';
import type { LoadedConfig } from '../../config';
import { dropSchemaAndStaging } from '../../activities/warehouse/drop-schema';
import { trinoClient } from '../../activities/clients';
import { runMigrations } from '../../activities/warehouse/migrations';
import { SILVER_TABLES, type SilverTableName } from '../../activities/warehouse/silver/tables';
import { qualified } from '../../activities/warehouse/sql';
import type { SandboxInfo } from './sandbox-process';

/**
 * The bench's own Trino schema (same pattern as the integration tests' helpers): migrated so every
 * table exists, the sources pointing at the bench's sandbox, dropped at the end.
 */
export function benchConfig(config: LoadedConfig, sb: SandboxInfo, schema = `bench_${randomBytes(4).toString('hex')}`): LoadedConfig {
  return {
    ...config,
    pipeline: { ...config.pipeline, trino: { ...config.pipeline.trino, schema } },
    sources: {
      sandbox: true,
      tmdbBaseUrl: sb.baseUrls.tmdb,
      omdbBaseUrl: sb.baseUrls.omdb,
      rottenTomatoesBaseUrl: sb.baseUrls.rottenTomatoes,
      metacriticBaseUrl: sb.baseUrls.metacritic,
    },
  };
}

/** Another schema name on the same config (the scratch tables of the write comparison). */
export function withSchema(config: LoadedConfig, schema: string): LoadedConfig {
  return { ...config, pipeline: { ...config.pipeline, trino: { ...config.pipeline.trino, schema } } };
}

export async function migrate(config: LoadedConfig): Promise<void> {
  const { catalog, schema } = config.pipeline.trino;
  await runMigrations(trinoClient(config), catalog, schema);
}

/** Drops the bench's schemas (and their staging schemas). */
export async function dropSchema(config: LoadedConfig): Promise<void> {
  const { catalog, schema } = config.pipeline.trino;
  await dropSchemaAndStaging(trinoClient(config), catalog, schema);
}

export const SILVER_TABLE_NAMES = Object.keys(SILVER_TABLES) as SilverTableName[];

/**
 * Rows of each silver table's `$snapshots` metadata table, or null where Trino cannot read it.
 * The `$` suffix needs a quoted identifier; the table names come from SILVER_TABLES, not input.
 */
export async function snapshotCounts(config: LoadedConfig): Promise<Record<SilverTableName, number | null>> {
  const trino = trinoClient(config);
  const { catalog, schema } = config.pipeline.trino;
  const out = {} as Record<SilverTableName, number | null>;
  for (const t of SILVER_TABLE_NAMES) {
    out[t] = await trino
      .query(`SELECT count(*) FROM ${qualified(catalog, schema)}."${t}$snapshots"`)
      .then((r) => Number(r.rows[0]?.[0]))
      .catch(() => null);
  }
  return out;
}
