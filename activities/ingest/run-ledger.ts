import { ingestRunRow, type SilverTableName } from '../warehouse/silver';
import { qualified, sqlString } from '../warehouse/sql';
import type { IngestContext } from './context';
import type { IngestRun, IngestWorkflow } from './types';

/**
 * A run's bookkeeping: its `ingest_runs` row (written when it starts and when it ends: two
 * snapshots), the one commit of everything it staged (one MERGE per silver table), and the
 * watermark the next incremental run starts from.
 */

export const STAGED_TABLES: readonly SilverTableName[] = ['movies', 'rating_observations', 'omdb_details', 'critic_pages', 'quarantine'];

export interface RunWindow {
  windowStart: string | null;
  windowEnd: string | null;
}

export interface RunRecord extends IngestRun, RunWindow {
  startedAt: string;
  status: 'running' | 'succeeded' | 'failed' | 'stopped_quota';
  /** Exclusive upper bound of the data the run covered; set only on a successful incremental run. */
  watermark?: string | null;
  finishedAt?: string | null;
  counts?: Record<string, number> | null;
}

export interface CommitSummary {
  /** Rows the MERGE inserted or updated, per table (tables with nothing staged are absent). */
  merged: Partial<Record<SilverTableName, number>>;
  /** MERGE statements per table: at most one each. */
  merges: Partial<Record<SilverTableName, number>>;
  statements: number;
}

export async function recordRun(ctx: IngestContext, r: RunRecord): Promise<void> {
  const w = ctx.writer(`ledger-${r.runId}-${r.status}`);
  await w.write('ingest_runs', [
    ingestRunRow({
      runId: r.runId,
      workflow: r.workflow,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      watermark: r.watermark ?? null,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? null,
      status: r.status,
      counts: r.counts ?? null,
    }),
  ]);
}

/** One MERGE per table that has staged rows, then its staging table is dropped. */
export async function commitRun(ctx: IngestContext, run: Pick<IngestRun, 'runId'>, tables = STAGED_TABLES): Promise<CommitSummary> {
  const w = ctx.writer(run.runId);
  const out: CommitSummary = { merged: {}, merges: {}, statements: 0 };
  for (const table of tables) {
    if ((await w.stagedRows(table)) === 0) {
      await w.discard(table);
      continue;
    }
    const res = await w.commit(table);
    out.merged[table] = res.merged;
    out.merges[table] = 1;
  }
  out.statements = w.statements;
  return out;
}

/** Drops what a failed run staged (its window is not advanced, so the next run covers it again). */
export async function discardRun(ctx: IngestContext, run: Pick<IngestRun, 'runId'>): Promise<void> {
  const w = ctx.writer(run.runId);
  for (const table of STAGED_TABLES) await w.discard(table);
}

/** The last day covered by a successful run of the workflow that set a watermark, or null. */
export async function lastWindowEnd(ctx: IngestContext, workflow: IngestWorkflow): Promise<string | null> {
  const { catalog, schema } = ctx.config.pipeline.trino;
  const res = await ctx
    .trino()
    .query(
      `SELECT CAST(max(window_end) AS varchar) FROM ${qualified(catalog, schema, 'ingest_runs')} ` +
        `WHERE workflow = ${sqlString(workflow)} AND status = 'succeeded' AND watermark IS NOT NULL`,
    );
  const v = res.rows[0]?.[0];
  return typeof v === 'string' && v ? v : null;
}
