import { addDays, daysBetween, isIsoDate, type DateWindow } from '../../sources/tmdb/date-windows';
import type { TmdbList } from '../../sources/tmdb/client';

/**
 * What one DailyIngest run reads from TMDB. Incremental (the default): /movie/changes and new
 * releases from the day after the last successful run's window up to yesterday (complete days
 * only), plus the first pages of the configured lists. Backfill: releases over a date range
 * (windows split to stay under TMDB's 500-page cap); it sets no watermark.
 */

export type IngestMode = 'incremental' | 'backfill';

export interface IngestPlan {
  mode: IngestMode;
  day: string;
  /** Changes and releases window; null when there is no complete day left to read. */
  window: DateWindow | null;
  changes: boolean;
  releases: boolean;
  lists: TmdbList[];
  listPages: number;
  /** Set on success: the day after window.to (incremental only). */
  watermark: string | null;
}

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

export interface PlanInput {
  mode: IngestMode;
  day: string;
  from?: string;
  to?: string;
}

export interface PlanSettings {
  lastWindowEnd: string | null;
  initialLookbackDays: number;
  lists: TmdbList[];
  listPages: number;
  /** Longest backfill accepted in one run, in days. */
  maxBackfillDays?: number;
}

export function planIngest(input: PlanInput, s: PlanSettings): IngestPlan {
  if (!isIsoDate(input.day)) throw new PlanError(`Invalid run day ${JSON.stringify(input.day)}: expected YYYY-MM-DD`);
  if (input.mode === 'backfill') {
    const { from, to } = input;
    if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) {
      throw new PlanError('A backfill needs from and to dates (YYYY-MM-DD), e.g. {"mode":"backfill","from":"2024-01-01","to":"2024-12-31"}');
    }
    if (daysBetween(from, to) < 0) throw new PlanError(`Backfill range ends before it starts: ${from}..${to}`);
    const max = s.maxBackfillDays ?? 366 * 150;
    if (daysBetween(from, to) >= max) throw new PlanError(`Backfill range ${from}..${to} is longer than ${max} days: split it into several runs`);
    return { mode: 'backfill', day: input.day, window: { from, to }, changes: false, releases: true, lists: [], listPages: 0, watermark: null };
  }
  if (input.from || input.to) throw new PlanError('from/to are for backfill runs; an incremental run reads from its watermark');
  const yesterday = addDays(input.day, -1);
  const from = s.lastWindowEnd ? addDays(s.lastWindowEnd, 1) : addDays(input.day, -s.initialLookbackDays);
  const window = daysBetween(from, yesterday) >= 0 ? { from, to: yesterday } : null;
  return {
    mode: 'incremental',
    day: input.day,
    window,
    changes: window !== null,
    releases: window !== null,
    lists: s.listPages > 0 ? s.lists : [],
    listPages: s.listPages,
    watermark: window ? addDays(window.to, 1) : null,
  };
}
