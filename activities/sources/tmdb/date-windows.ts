/**
 * Calendar arithmetic on `YYYY-MM-DD` strings (UTC, no time zones involved), for TMDB's
 * date-windowed queries: /movie/changes (≤ 14 days per call) and discover windows split
 * until each needs ≤ 500 pages.
 */

export interface DateWindow {
  /** inclusive, YYYY-MM-DD */
  from: string;
  /** inclusive, YYYY-MM-DD */
  to: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function toMs(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(toMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** Consecutive, non-overlapping windows of at most `maxDays` calendar days covering [from, to]. */
export function chunkWindow(w: DateWindow, maxDays: number): DateWindow[] {
  if (daysBetween(w.from, w.to) < 0) throw new RangeError(`empty window ${w.from}..${w.to}`);
  const out: DateWindow[] = [];
  for (let from = w.from; daysBetween(from, w.to) >= 0; from = addDays(from, maxDays)) {
    const to = addDays(from, maxDays - 1);
    out.push({ from, to: daysBetween(to, w.to) < 0 ? w.to : to });
  }
  return out;
}

/** Splits a window of two days or more into two halves; a single day cannot be split (null). */
export function halveWindow(w: DateWindow): [DateWindow, DateWindow] | null {
  const span = daysBetween(w.from, w.to);
  if (span < 1) return null;
  const leftEnd = addDays(w.from, Math.floor((span - 1) / 2));
  return [
    { from: w.from, to: leftEnd },
    { from: addDays(leftEnd, 1), to: w.to },
  ];
}
