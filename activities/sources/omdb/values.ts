/**
 * OMDb sends every scalar as display text ("N/A", "802,014", "$389,813,101", "7.6/10", "85%",
 * "67/100", "1992–1995", "136 min", "05 May 2017"). These turn it into typed values; anything
 * unreadable becomes null rather than a wrong number.
 */

/** "N/A", empty and non-strings → null; other strings trimmed. */
export function na(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' || s.toUpperCase() === 'N/A' ? null : s;
}

/** "802,014" → 802014, "$389,813,101" → 389813101; null unless the text is a plain (currency) integer. */
export function integerFrom(v: unknown): number | null {
  const s = na(v);
  if (s === null) return null;
  const m = /^[^\d-]{0,3}\s*(\d{1,3}(?:,\d{3})+|\d+)\s*$/.exec(s);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** "7.6" → 7.6 */
export function decimalFrom(v: unknown): number | null {
  const s = na(v);
  if (s === null || !/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A rating value as OMDb's Ratings array writes it: "7.6/10", "85%", "67/100". */
export function scoreFrom(v: unknown): { value: number; scaleMax: number } | null {
  const s = na(v);
  if (s === null) return null;
  let m = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (m) {
    const value = Number(m[1]);
    const scaleMax = Number(m[2]);
    return scaleMax > 0 && value <= scaleMax ? { value, scaleMax } : null;
  }
  m = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (m && Number(m[1]) <= 100) return { value: Number(m[1]), scaleMax: 100 };
  return null;
}

/** "2017" → {2017, null}; "1992–1995" → {1992, 1995}; "2005–" (still running) → {2005, null}. */
export function yearsFrom(v: unknown): { start: number; end: number | null } | null {
  const s = na(v);
  if (s === null) return null;
  const m = /^(\d{4})\s*(?:[–—-]\s*(\d{4})?)?$/.exec(s);
  if (!m) return null;
  return { start: Number(m[1]), end: m[2] ? Number(m[2]) : null };
}

/** "136 min" → 136 (also "1,013 min", "90"). */
export function minutesFrom(v: unknown): number | null {
  const s = na(v);
  if (s === null) return null;
  const m = /^(\d{1,3}(?:,\d{3})*|\d+)\s*(?:min)?$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  return n > 0 ? n : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** "05 May 2017" → "2017-05-05"; impossible dates → null. */
export function dateFrom(v: unknown): string | null {
  const s = na(v);
  if (s === null) return null;
  const m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(s);
  if (!m) return null;
  const month = MONTHS[m[2].toLowerCase()];
  if (!month) return null;
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** "Action, Adventure, Comedy" → ["Action", "Adventure", "Comedy"] */
export function listFrom(v: unknown): string[] {
  const s = na(v);
  if (s === null) return [];
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '' && x.toUpperCase() !== 'N/A');
}
