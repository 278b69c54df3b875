import { cleanText, parseCount } from '../critic-pages/values';

/** Metacritic's displayed numbers: Metascore 0..100, user score 0..10, "Based on N ..." counts. */

/** "66" → 66; "tbd", "", "N/A" → null. */
export function parseMetascore(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw <= 100 ? raw : null;
  if (typeof raw !== 'string') return null;
  const m = /^(\d{1,3})$/.exec(cleanText(raw));
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n : null;
}

/** "8.9" → 8.9, "10" → 10; "tbd" → null. */
export function parseUserScore(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 && raw <= 10 ? Math.round(raw * 10) / 10 : null;
  if (typeof raw !== 'string') return null;
  const m = /^(\d{1,2}(?:\.\d)?)$/.exec(cleanText(raw));
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 10 ? n : null;
}

/**
 * "Based on 34 Critic Reviews" → 34, "based on 1,953 Ratings" → 1953, "618 User Ratings" → 618.
 * Texts that announce a threshold ("Available after 4 ratings") are not counts.
 */
export function parseBasedOn(raw: unknown): number | null {
  if (typeof raw === 'number') return parseCount(raw).value;
  if (typeof raw !== 'string') return null;
  const text = cleanText(raw);
  if (/\b(available|after|needs?|until|more)\b/i.test(text)) return null;
  if (!/^(based on\s+)?[\d.,\s]+\s*(critic|user|professional)?\s*(reviews?|ratings?|critics?)\b/i.test(text)) return null;
  return parseCount(text).value;
}
