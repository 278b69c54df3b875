import type { SilverRow, SilverTableName, SilverWriter } from '../../warehouse/silver';
import type { StageCounts } from '../types';
import type { OutcomeRows } from './outcome-rows';

type CriticTable = keyof OutcomeRows;
const TABLES: CriticTable[] = ['critic_pages', 'rating_observations', 'quarantine'];

/** Rows of several movies kept in memory and staged with one stage() per table (never per row). */
export class StagedRows {
  private pending: Record<CriticTable, SilverRow[]> = { critic_pages: [], rating_observations: [], quarantine: [] };
  readonly counts: StageCounts = {};
  movies = 0;

  add(rows: OutcomeRows): void {
    for (const t of TABLES) this.pending[t].push(...rows[t]);
    this.movies += 1;
  }

  async flush(writer: SilverWriter): Promise<void> {
    for (const t of TABLES) {
      const rows = this.pending[t];
      if (!rows.length) continue;
      await writer.stage(t as SilverTableName, rows);
      this.counts[t] = (this.counts[t] ?? 0) + rows.length;
    }
    this.pending = { critic_pages: [], rating_observations: [], quarantine: [] };
    this.movies = 0;
  }
}
