import { matchMovie, WantedMovie } from '../critic-match';
import { ParseError } from '../errors';
import type { PageFetcher } from '../robots/page-fetcher';

/**
 * The resolver loop both critic sites share (Rotten Tomatoes and Metacritic): fetch candidate
 * pages in order (search hits first, then guessed slugs) through the robots-aware fetcher, parse
 * each, and accept the first whose own title and year match the wanted movie.
 */

export interface Candidate {
  url: string;
  /** What the search row said, used when the page itself shows no year (e.g. "In Theaters Oct 9"). */
  title?: string | null;
  year?: number | null;
}

export interface ParsedPageLike {
  title: string | null;
  year: number | null;
}

export type ResolveResult<P> =
  | { status: 'found'; url: string; confidence: number; page: P; body: string }
  | { status: 'not_found' }
  | { status: 'blocked_by_robots'; url: string; reason: 'disallowed' | 'robots_unavailable' };

export interface CandidateLoop<P extends ParsedPageLike> {
  fetcher: PageFetcher;
  site: string;
  baseUrl: string;
  parse: (html: string, url: string) => P;
  signal?: AbortSignal;
  /** Upper bound on page fetches per movie (each costs the site's politeness interval). */
  maxPages?: number;
}

export async function tryCandidates<P extends ParsedPageLike>(
  wanted: WantedMovie,
  candidates: Candidate[],
  loop: CandidateLoop<P>,
): Promise<ResolveResult<P>> {
  const seen = new Set<string>();
  let blocked: Extract<ResolveResult<P>, { status: 'blocked_by_robots' }> | null = null;
  let parseError: ParseError | null = null;
  let fetched = 0;
  for (const c of candidates) {
    if (seen.has(c.url)) continue;
    seen.add(c.url);
    if (fetched >= (loop.maxPages ?? 6)) break;
    const res = await loop.fetcher.fetch({ site: loop.site, baseUrl: loop.baseUrl, url: c.url, signal: loop.signal, passStatuses: [404, 410] });
    if (res.status === 'blocked_by_robots') {
      blocked ??= { status: 'blocked_by_robots', url: res.url, reason: res.reason };
      continue;
    }
    fetched++;
    if (res.response.status !== 200) continue;
    let page: P;
    try {
      page = loop.parse(res.response.body, c.url);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      parseError ??= err;
      continue;
    }
    const match = matchMovie(wanted, { title: page.title ?? c.title ?? null, year: page.year ?? c.year ?? null });
    if (match.accepted) return { status: 'found', url: c.url, confidence: match.confidence, page, body: res.response.body };
  }
  // A page that exists but no longer parses is a layout change to quarantine, not "no page".
  if (parseError) throw parseError;
  return blocked ?? { status: 'not_found' };
}

/** Ranks search rows: drops those whose title/year already rule them out, best match first. */
export function rankSearchRows(wanted: WantedMovie, rows: Candidate[], keep = 3): Candidate[] {
  return rows
    .map((r) => ({ r, m: matchMovie(wanted, { title: r.title ?? null, year: r.year ?? null }) }))
    .filter(({ r, m }) => m.accepted || (r.year == null && m.titleSimilarity >= 0.85))
    .sort((a, b) => b.m.confidence - a.m.confidence)
    .slice(0, keep)
    .map(({ r }) => r);
}

/**
 * A link found on the site, rebuilt on the configured base URL: "https://www.rottentomatoes.com/m/x/reviews"
 * or "/rt/m/x" → `<baseUrl>/m/x`. Null when the link is not a `/<kind>/<slug>` page.
 */
export function siteLink(href: string | undefined, baseUrl: string, kind: 'm' | 'movie', trailingSlash = false): string | null {
  if (!href) return null;
  let path: string;
  try {
    path = new URL(href, `${baseUrl.replace(/\/+$/, '')}/`).pathname;
  } catch {
    return null;
  }
  const m = new RegExp(`/${kind}/([^/?#]+)`).exec(path);
  if (!m) return null;
  return `${baseUrl.replace(/\/+$/, '')}/${kind}/${m[1]}${trailingSlash ? '/' : ''}`;
}
