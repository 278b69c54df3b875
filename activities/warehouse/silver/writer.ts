import { createHash } from 'node:crypto';
import { ident, qualified, sql, sqlRow, type SqlValue } from '../sql';
import { TrinoQueryError, type TrinoClient } from '../trino';
import { DEFAULT_MAX_STATEMENT_CHARS, insertStatements } from './batches';
import type { SilverRow } from './rows';
import { columnNames, SILVER_TABLES, type SilverTableName, type SilverTableSpec } from './tables';

/**
 * Writes a run's rows to silver so that they become visible together: rows are appended to a
 * staging table per (run, silver table) in `<schema>_staging` with multi-row INSERTs, then ONE
 * MERGE per silver table on its natural key (one Iceberg commit on the silver table), then the
 * staging table is dropped. Re-running a run (retry, crash between MERGE and DROP) merges the
 * same rows onto themselves: the result is the same.
 */

export interface SilverWriterOptions {
  catalog: string;
  schema: string;
  runId: string;
  /** Rows per INSERT (config: pipeline.ingest.writeBatchSize). */
  batchSize: number;
  maxStatementChars?: number;
  /**
   * false (default): the first stage() of a table drops any staging table this run left behind
   * and starts over. true: keep rows staged by earlier activities of the same run, so a run can
   * stage across several activities and commit once at the end.
   */
  resume?: boolean;
  /** Only for ordering duplicates across writer instances ("latest wins"). */
  now?: () => number;
}

export interface CommitResult {
  table: SilverTableName;
  /** Rows the MERGE inserted or updated. */
  merged: number;
  /** Trino's id of the MERGE: the silver snapshot's summary names it (trino_query_id). */
  queryId?: string;
}

export class SilverWriteError extends Error {
  override readonly name = 'SilverWriteError';
}

// Extra staging columns; neither exists in any silver table.
const SEQ = 'stage_seq';
const RANK = 'stage_rank';

export class SilverWriter {
  /** Statements this writer sent to Trino. */
  statements = 0;
  /** MERGE statements per table: the only statements that touch a silver table. */
  readonly merges: Partial<Record<SilverTableName, number>> = {};
  readonly staged: Partial<Record<SilverTableName, number>> = {};
  readonly mergedRows: Partial<Record<SilverTableName, number>> = {};
  private readonly prepared = new Set<SilverTableName>();
  private schemaReady = false;
  private seq: bigint;
  private readonly maxChars: number;

  constructor(
    private readonly trino: TrinoClient,
    private readonly options: SilverWriterOptions,
  ) {
    ident(options.catalog);
    ident(options.schema);
    ident(`${options.schema}_staging`);
    if (!options.runId) throw new SilverWriteError('SilverWriter needs a run id');
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new SilverWriteError(`Invalid batch size ${options.batchSize}`);
    this.maxChars = options.maxStatementChars ?? DEFAULT_MAX_STATEMENT_CHARS;
    // Later writers of the same run get larger sequence numbers, so their rows win a key tie.
    this.seq = BigInt(Math.floor((options.now ?? Date.now)())) * 1_000_000n;
  }

  silverTable(table: SilverTableName): string {
    return qualified(this.options.catalog, this.options.schema, table);
  }

  /** Deterministic per (run, table); the run id is hashed because it may hold any character. */
  stagingTable(table: SilverTableName): string {
    const h = createHash('sha256').update(this.options.runId).digest('hex').slice(0, 16);
    return qualified(this.options.catalog, `${this.options.schema}_staging`, `${table}_${h}`);
  }

  private async query(statement: string) {
    this.statements += 1;
    return this.trino.query(statement);
  }

  private async prepare(spec: SilverTableSpec): Promise<void> {
    if (this.prepared.has(spec.name)) return;
    if (!this.schemaReady) {
      await this.ignoringRace(`CREATE SCHEMA IF NOT EXISTS ${qualified(this.options.catalog, `${this.options.schema}_staging`)}`);
      this.schemaReady = true;
    }
    const staging = this.stagingTable(spec.name);
    if (!this.options.resume) await this.query(`DROP TABLE IF EXISTS ${staging}`);
    // Same column types as silver (and NOT NULL dropped, which staging does not need).
    await this.ignoringRace(
      `CREATE TABLE IF NOT EXISTS ${staging} AS SELECT *, CAST(NULL AS bigint) AS ${SEQ} FROM ${this.silverTable(spec.name)} WITH NO DATA`,
    );
    this.prepared.add(spec.name);
  }

  /**
   * Two activities of one run (e.g. both critic sites) may create the same staging table at
   * once: IF NOT EXISTS is checked before the catalog commit, so the loser sees "already exists".
   */
  private async ignoringRace(statement: string): Promise<void> {
    try {
      await this.query(statement);
    } catch (err) {
      if (err instanceof TrinoQueryError && /ALREADY_EXISTS/.test(err.errorName)) return;
      throw err;
    }
  }

  /** Encoded `(…)` rows in table column order, plus the sequence number; validates each row. */
  encodeRows(spec: SilverTableSpec, rows: readonly SilverRow[]): string[] {
    const names = columnNames(spec);
    return rows.map((row, i) => {
      const extra = Object.keys(row).filter((k) => !names.includes(k));
      if (extra.length) throw new SilverWriteError(`${spec.name} row ${i} has unknown columns: ${extra.join(', ')}`);
      const values: SqlValue[] = spec.columns.map(([c, type]) => {
        const v = row[c];
        if (!v) throw new SilverWriteError(`${spec.name} row ${i} lacks column ${c}`);
        if (v.type !== type) throw new SilverWriteError(`${spec.name} row ${i} column ${c} is ${v.type}, expected ${type}`);
        if (spec.key.includes(c) && (v.value === null || v.value === undefined)) {
          throw new SilverWriteError(`${spec.name} row ${i} has a NULL key column ${c}`);
        }
        return v;
      });
      this.seq += 1n;
      values.push(sql.bigint(this.seq));
      return sqlRow(values);
    });
  }

  /** Appends rows to this run's staging table; nothing is visible in silver until commit(). */
  async stage(table: SilverTableName, rows: readonly SilverRow[]): Promise<{ rows: number; statements: number }> {
    const spec = SILVER_TABLES[table];
    const encoded = this.encodeRows(spec, rows);
    const before = this.statements;
    await this.prepare(spec);
    const head = `INSERT INTO ${this.stagingTable(table)} (${[...columnNames(spec), SEQ].map(ident).join(', ')}) VALUES `;
    for (const s of insertStatements(head, encoded, { maxRows: this.options.batchSize, maxChars: this.maxChars })) await this.query(s);
    this.staged[table] = (this.staged[table] ?? 0) + rows.length;
    return { rows: rows.length, statements: this.statements - before };
  }

  mergeStatement(table: SilverTableName): string {
    const spec = SILVER_TABLES[table];
    const cols = columnNames(spec).map(ident);
    const key = spec.key.map(ident);
    const updated = cols.filter((c) => !spec.key.includes(c) && !spec.keepOnUpdate.includes(c));
    // Dedupe first: MERGE fails if two source rows match one target row.
    const source =
      `SELECT ${cols.join(', ')} FROM (SELECT *, row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY ${SEQ} DESC) AS ${RANK} ` +
      `FROM ${this.stagingTable(table)}) WHERE ${RANK} = 1`;
    return (
      `MERGE INTO ${this.silverTable(table)} AS t USING (${source}) AS s ON (${key.map((k) => `t.${k} = s.${k}`).join(' AND ')}) ` +
      `WHEN MATCHED THEN UPDATE SET ${updated.map((c) => `${c} = s.${c}`).join(', ')} ` +
      `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')}) VALUES (${cols.map((c) => `s.${c}`).join(', ')})`
    );
  }

  /** One MERGE of the run's staged rows into the silver table, then the staging table is dropped. */
  async commit(table: SilverTableName): Promise<CommitResult> {
    const spec = SILVER_TABLES[table];
    if (!this.options.resume && !this.staged[table]) {
      // Nothing staged by this writer: no MERGE, so the silver table gets no empty snapshot.
      if (this.prepared.has(table)) await this.discard(table);
      return { table, merged: 0 };
    }
    await this.prepare(spec);
    const res = await this.query(this.mergeStatement(table));
    this.merges[table] = (this.merges[table] ?? 0) + 1;
    const merged = res.updateCount ?? 0;
    this.mergedRows[table] = (this.mergedRows[table] ?? 0) + merged;
    await this.discard(table);
    return { table, merged, queryId: res.queryId };
  }

  /** Rows in this run's staging table (0 when there is none): what a commit would merge, before dedup. */
  async stagedRows(table: SilverTableName): Promise<number> {
    try {
      const res = await this.query(`SELECT count(*) FROM ${this.stagingTable(table)}`);
      return Number(res.rows[0]?.[0] ?? 0);
    } catch (err) {
      if (err instanceof TrinoQueryError && err.errorName === 'TABLE_NOT_FOUND') return 0;
      throw err;
    }
  }

  /** Drops this run's staging table (abandoning a run, or after the MERGE). */
  async discard(table: SilverTableName): Promise<void> {
    await this.query(`DROP TABLE IF EXISTS ${this.stagingTable(table)}`);
    this.prepared.delete(table);
  }

  /** stage + commit, for callers that hold all of a table's rows at once. */
  async write(table: SilverTableName, rows: readonly SilverRow[]): Promise<CommitResult> {
    await this.stage(table, rows);
    return this.commit(table);
  }
}
