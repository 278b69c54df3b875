import type { LoadedConfig } from '../../config';
import { trinoClient } from '../../activities/clients';
import { SilverWriter } from '../../activities/warehouse/silver/writer';
import type { SilverRow } from '../../activities/warehouse/silver/rows';
import { SILVER_TABLES } from '../../activities/warehouse/silver/tables';
import { ident, qualified, sqlRow, type SqlValue } from '../../activities/warehouse/sql';

export interface WriteComparison {
  rows: number;
  batched: { rows: number; ms: number; rowsPerSecond: number; statements: number };
  naive: { sample: number; ms: number; rowsPerSecond: number; extrapolatedMs: number };
  ratio: number;
}

const spec = SILVER_TABLES.movies;

/**
 * The movie rows the ingest wrote, read back from its schema as typed values (dates and
 * timestamps as text the encoder takes), so both write paths get the same realistic rows.
 */
export async function readMovieRows(config: LoadedConfig, limit: number): Promise<SilverRow[]> {
  const { catalog, schema } = config.pipeline.trino;
  const select = spec.columns.map(([c, type]) =>
    type === 'date' ? `CAST(${ident(c)} AS varchar)` : type === 'timestamptz' ? `to_iso8601(${ident(c)})` : ident(c),
  );
  const res = await trinoClient(config).query(`SELECT ${select.join(', ')} FROM ${qualified(catalog, schema, 'movies')} ORDER BY tmdb_id LIMIT ${limit}`);
  return res.rows.map((r) => Object.fromEntries(spec.columns.map(([c, type], i) => [c, { type, value: r[i] ?? null } as SqlValue])));
}

/**
 * (a) SilverWriter into a scratch copy of `movies`: multi-row INSERTs into staging, one MERGE.
 * (b) One `INSERT … VALUES (row)` per row into another scratch copy, timed on a sample and
 * extrapolated (per-row INSERTs are an Iceberg commit each: seconds per row, hours for 5,000).
 */
export async function compareWrites(
  config: LoadedConfig,
  scratch: LoadedConfig,
  rows: SilverRow[],
  naiveSample: number,
  progress: (m: string) => void,
): Promise<WriteComparison> {
  const trino = trinoClient(scratch);
  const { catalog, schema } = scratch.pipeline.trino;
  const source = qualified(catalog, config.pipeline.trino.schema, 'movies');
  await trino.query(`CREATE SCHEMA IF NOT EXISTS ${qualified(catalog, schema)}`);
  await trino.query(`CREATE TABLE ${qualified(catalog, schema, 'movies')} AS SELECT * FROM ${source} WITH NO DATA`);
  const naiveTable = qualified(catalog, schema, 'movies_naive');
  await trino.query(`CREATE TABLE ${naiveTable} AS SELECT * FROM ${source} WITH NO DATA`);

  progress(`writes: batched SilverWriter, ${rows.length} rows`);
  const writer = new SilverWriter(trinoClient(scratch), { catalog, schema, runId: 'bench-batched', batchSize: config.pipeline.ingest.writeBatchSize });
  let t0 = performance.now();
  await writer.write('movies', rows);
  const batchedMs = performance.now() - t0;

  const sample = rows.slice(0, Math.min(naiveSample, rows.length));
  progress(`writes: naive, one INSERT per row, ${sample.length} rows`);
  const head = `INSERT INTO ${naiveTable} (${spec.columns.map(([c]) => ident(c)).join(', ')}) VALUES `;
  t0 = performance.now();
  for (let i = 0; i < sample.length; i++) {
    await trino.query(head + sqlRow(spec.columns.map(([c]) => sample[i][c])));
    if ((i + 1) % 50 === 0) progress(`writes: naive ${i + 1}/${sample.length} (${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(2)} rows/s)`);
  }
  const naiveMs = performance.now() - t0;

  const batchedRate = rows.length / (batchedMs / 1000);
  const naiveRate = sample.length / (naiveMs / 1000);
  return {
    rows: rows.length,
    batched: { rows: rows.length, ms: batchedMs, rowsPerSecond: batchedRate, statements: writer.statements },
    naive: { sample: sample.length, ms: naiveMs, rowsPerSecond: naiveRate, extrapolatedMs: (rows.length / naiveRate) * 1000 },
    ratio: batchedRate / naiveRate,
  };
}
