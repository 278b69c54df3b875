import { CheerioAPI, load } from 'cheerio';
import { ParseError } from '../errors';

/**
 * Loads an HTML page for the critic-site parsers (Rotten Tomatoes and Metacritic share it),
 * refusing input that would hang or blow the stack instead of parsing it: real movie pages are
 * 0.3–1.5 MB and nest ~50 elements deep; the DOM library is quadratic in nesting depth and
 * recursive when querying, so a hostile page with thousands of unclosed tags is rejected up front.
 */

export const MAX_PAGE_CHARS = 12_000_000;
export const MAX_NESTING_DEPTH = 1_000;

// Elements that never nest (void) or that the HTML parser closes implicitly.
const NO_DEPTH = new Set(
  'area base br col embed hr img input link meta source track wbr param keygen p li td th tr dt dd option optgroup tbody thead tfoot colgroup rb rt rp'.split(' '),
);

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const TAG_NAME = /^<(\/?)([a-z][\w:-]*)/;

/**
 * Rough maximum nesting depth from one linear scan of the tags (raw-text elements and comments
 * skipped). Written as an index walk, not a regex over the page, so that hostile input
 * (unclosed "<a" or "<script" runs) stays linear.
 */
export function estimateNestingDepth(html: string): number {
  const lower = html.toLowerCase();
  let depth = 0;
  let max = 0;
  let i = 0;
  while (i < lower.length) {
    const lt = lower.indexOf('<', i);
    if (lt < 0) break;
    if (lower.startsWith('<!--', lt)) {
      const end = lower.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    const gt = lower.indexOf('>', lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    const m = TAG_NAME.exec(lower.slice(lt, Math.min(gt + 1, lt + 64)));
    if (!m) continue;
    const name = m[2];
    if (m[1] === '/') {
      if (!NO_DEPTH.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const end = lower.indexOf(`</${name}`, i);
      if (end < 0) break;
      i = end;
      continue;
    }
    if (NO_DEPTH.has(name) || lower[gt - 1] === '/') continue;
    if (++depth > max) max = depth;
  }
  return max;
}

export function loadPage(html: unknown, what: string, url?: string): CheerioAPI {
  if (typeof html !== 'string') throw new ParseError(`${what}: input is not text`, { url });
  if (html.length > MAX_PAGE_CHARS) {
    throw new ParseError(`${what}: ${html.length} characters is too large for a movie page (max ${MAX_PAGE_CHARS})`, { url });
  }
  const depth = estimateNestingDepth(html);
  if (depth > MAX_NESTING_DEPTH) {
    throw new ParseError(`${what}: elements nested ${depth} deep (max ${MAX_NESTING_DEPTH}); not a real page`, { url });
  }
  return load(html);
}

/** Search results only order the candidates, so a search page that is not text or is huge reads as no results. */
export const MAX_SEARCH_PAGE_CHARS = 5_000_000;

export function loadSearchPage(html: unknown): CheerioAPI | null {
  return typeof html === 'string' && html.length <= MAX_SEARCH_PAGE_CHARS ? load(html) : null;
}
