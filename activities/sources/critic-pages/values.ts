/**
 * Reading the critic sites' displayed values (Rotten Tomatoes' percentages and counts, which
 * Metacritic's counts reuse): percentages ("82%", "- -") and counts ("257 Reviews",
 * "250,000+ Ratings", "User Ratings: 885,688"), whatever the spacing (non-breaking spaces) or
 * thousands separators.
 */

/** Collapses every kind of whitespace (incl. NBSP, thin and narrow spaces) into one space. */
export function cleanText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/**
 * A 0..100 integer score from a number or text like "82", "82%", "82 % Tomatometer" (a leading
 * percentage, so a slot wrapping more text still reads); null for "- -", "", "N/A".
 */
export function parsePercent(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw <= 100 ? raw : null;
  if (typeof raw !== 'string') return null;
  const m = /^(\d{1,3})(?:\.0+)?\s*(?:%|$)/.exec(cleanText(raw));
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n : null;
}

export interface ParsedCount {
  /** Exact count, or the lower bound of a band ("250,000+" → 250000). */
  value: number | null;
  /** The site's own text, kept only when it is a band. */
  bandText: string | null;
}

const NUMBER = /(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+(?:\.\d+)?)\s*([KkMm])?(\+)?/;

/** Counts from text: "257 Reviews" → 257, "250,000+ Ratings" → 250000 (band), "1.2K+" → 1200 (band). */
export function parseCount(raw: unknown): ParsedCount {
  if (typeof raw === 'number') return { value: Number.isInteger(raw) && raw >= 0 ? raw : null, bandText: null };
  if (typeof raw !== 'string') return { value: null, bandText: null };
  const text = cleanText(raw);
  if (text === '') return { value: null, bandText: null };
  // "Fewer than 50 Ratings": a band without a usable lower bound.
  if (/\b(fewer|less) than\b/i.test(text)) return { value: null, bandText: text };
  const m = NUMBER.exec(text);
  if (!m) return { value: null, bandText: null };
  const [, digits, suffix, plus] = m;
  let value: number;
  if (suffix) {
    const scale = suffix.toLowerCase() === 'k' ? 1_000 : 1_000_000;
    value = Math.round(Number(digits.replace(/[,\u00a0\u202f ]/g, '')) * scale);
  } else if (/^\d+\.\d+$/.test(digits) && !/^\d{1,3}(\.\d{3})+$/.test(digits)) {
    return { value: null, bandText: null }; // a decimal ("4.5") is not a count; "1.234" is a thousands separator
  } else {
    value = Number(digits.replace(/[,.\u00a0\u202f ]/g, ''));
  }
  if (!Number.isSafeInteger(value)) return { value: null, bandText: null };
  const banded = !!plus || !!suffix;
  return { value, bandText: banded ? text : null };
}
