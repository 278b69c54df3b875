import { qualified } from './sql';
import type { TrinoClient } from './trino';

/**
 * Drops a schema and its `<schema>_staging` companion, views and tables first (an Iceberg schema
 * must be empty to go). For scratch schemas (tests, the bench); best effort, never throws.
 */
export async function dropSchemaAndStaging(trino: TrinoClient, catalog: string, schema: string): Promise<void> {
  for (const s of [schema, `${schema}_staging`]) {
    const tables = await trino.query(`SHOW TABLES FROM ${qualified(catalog, s)}`).catch(() => ({ rows: [] as unknown[][] }));
    for (const [name] of tables.rows) {
      const t = qualified(catalog, s, String(name));
      await trino.query(`DROP VIEW IF EXISTS ${t}`).catch(() => undefined);
      await trino.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    }
    await trino.query(`DROP SCHEMA IF EXISTS ${qualified(catalog, s)}`).catch(() => undefined);
  }
}
