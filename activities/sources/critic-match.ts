/**
 * Title/year matching shared by the Rotten Tomatoes and Metacritic resolvers: is the page we
 * found the movie we are looking for, and how sure are we (0..1)?
 *
 * Remakes share titles (Little Women 1994/2019), so a title match alone is never enough: the
 * year must agree within one year (festival vs. theatrical release straddle New Year).
 */

export interface WantedMovie {
  title: string;
  originalTitle?: string | null;
  year: number | null;
}

export interface FoundMovie {
  title: string | null;
  year: number | null;
}

export interface MatchResult {
  accepted: boolean;
  /** 0..1; 1 = same normalized title and same year. */
  confidence: number;
  titleSimilarity: number;
  yearDelta: number | null;
}

/** Below this title similarity a candidate is rejected even when the year matches. */
export const TITLE_ACCEPT_THRESHOLD = 0.85;
/** Largest accepted difference between the wanted and the found year. */
export const YEAR_TOLERANCE = 1;

const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9' };
const LEADING_ARTICLE = /^(the|a|an) /;

/**
 * Lowercase, accents folded (é → e), apostrophes dropped ("Schindler's" → "schindlers"),
 * "&" → "and", other punctuation → space, a leading English article and a trailing ", The"
 * dropped, sequel numerals unified (II → 2).
 */
export function normalizeTitle(title: string): string {
  let t = title.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  t = t.replace(/['’‘`´ʼ]/g, '');
  t = t.replace(/&/g, ' and ');
  const trailingThe = /,\s*the\s*$/.test(t);
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (trailingThe) t = t.replace(/ the$/, '');
  t = t.replace(LEADING_ARTICLE, '');
  t = t
    .split(' ')
    .map((w) => ROMAN[w] ?? w)
    .join(' ');
  return t;
}

function bigrams(s: string): Map<string, number> {
  const grams = new Map<string, number>();
  const compact = s.replace(/ /g, '');
  for (let i = 0; i < compact.length - 1; i++) {
    const g = compact.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * Similarity of two titles in 0..1 after normalization: 1 when equal, else the Sørensen–Dice
 * coefficient of character bigrams (robust to small spelling differences, low for different films).
 */
export function titleSimilarity(a: string, b: string): number {
  const na = normalizeTitle(a);
  const nb = normalizeTitle(b);
  if (na === '' || nb === '') {
    // Titles with no letters or digits (emoji only) can only match verbatim.
    const raw = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ').trim();
    return na === nb && raw(a) !== '' && raw(a) === raw(b) ? 1 : 0;
  }
  if (na === nb) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  if (total === 0) return 0;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / total;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Compares what we want with what a page or search row says. Accepted only when the best of
 * title/originalTitle is similar enough AND both years are known and within ±1.
 */
export function matchMovie(wanted: WantedMovie, found: FoundMovie): MatchResult {
  const titles = [wanted.title, wanted.originalTitle].filter((t): t is string => !!t && t.trim() !== '');
  const sim = found.title ? Math.max(0, ...titles.map((t) => titleSimilarity(t, found.title as string))) : 0;
  const yearDelta = wanted.year !== null && found.year !== null ? Math.abs(wanted.year - found.year) : null;
  const yearFactor = yearDelta === null ? 0.5 : yearDelta === 0 ? 1 : yearDelta <= YEAR_TOLERANCE ? 0.9 : 0;
  const accepted = sim >= TITLE_ACCEPT_THRESHOLD && yearDelta !== null && yearDelta <= YEAR_TOLERANCE;
  return { accepted, confidence: round3(sim * yearFactor), titleSimilarity: round3(sim), yearDelta };
}
