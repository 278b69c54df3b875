import { randomBytes } from 'node:crypto';
import { ident, sql, sqlRow } from './sql';
import { TrinoClient } from './trino';

export interface RoundTripResult {
  namespace: string;
  rowsWritten: number;
  rowsRead: number;
  ms: number;
}

/** Strings that break naive SQL building; they must come back byte for byte. */
export const ROUND_TRIP_VALUES = [
  "O'Brien's \"quoted\" title",
  'back\\slash \\n not a newline',
  "'; DROP TABLE movies; --",
  'Amélie — Ünïcödé 東京物語 🎬',
  'tab\tand\nnewline',
];

/**
 * An Iceberg round trip through Trino in a scratch namespace: create, insert, select, drop.
 * It proves the catalog, the credentials, S3 writes and reads, and the value encoder together.
 */
export async function icebergRoundTrip(trino: TrinoClient, catalog: string): Promise<RoundTripResult> {
  const start = performance.now();
  const namespace = ident(`verify_${randomBytes(4).toString('hex')}`);
  const schema = `${ident(catalog)}.${namespace}`;
  const table = `${schema}.round_trip`;
  await trino.query(`CREATE SCHEMA ${schema}`);
  try {
    await trino.query(`CREATE TABLE ${table} (id bigint, label varchar, at timestamp(6) with time zone) WITH (format = 'PARQUET')`);
    const now = new Date();
    const rows = ROUND_TRIP_VALUES.map((label, i) => sqlRow([sql.bigint(i), sql.varchar(label), sql.timestamptz(now)]));
    await trino.query(`INSERT INTO ${table} VALUES ${rows.join(', ')}`);
    const read = await trino.query(`SELECT id, label FROM ${table} ORDER BY id`);
    const got = read.rows.map((r) => r[1]);
    if (got.length !== ROUND_TRIP_VALUES.length || got.some((v, i) => v !== ROUND_TRIP_VALUES[i])) {
      throw new Error(`Round trip mismatch: wrote ${JSON.stringify(ROUND_TRIP_VALUES)}, read ${JSON.stringify(got)}`);
    }
    return { namespace, rowsWritten: rows.length, rowsRead: got.length, ms: Math.round(performance.now() - start) };
  } finally {
    await trino.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await trino.query(`DROP SCHEMA IF EXISTS ${schema}`).catch(() => undefined);
  }
}
