/**
 * What the two critic-site stand-ins (Rotten Tomatoes and Metacritic) share: HTML responses and
 * JSON islands, the slug → movie lookup, the deterministic robots.txt blocks, the site search, and
 * the other films whose scores sit next to a movie's own to catch parsers that read too widely.
 */
import { text } from '../responses';
import type { SandboxCatalog, SandboxMovie, SandboxRequest, SandboxResponse } from '../types';

/** The catalog field holding a movie's page on the site (and its slug). */
export type CriticKey = 'rt' | 'metacritic';

export function htmlResponse(status: number, body: string): SandboxResponse {
  return text(status, body, 'text/html; charset=utf-8');
}

/** The pages are read-only: anything but GET and HEAD is a 405. */
export function rejectNonReads(req: SandboxRequest): SandboxResponse | undefined {
  return req.method !== 'GET' && req.method !== 'HEAD' ? htmlResponse(405, '<h1>405 Method Not Allowed</h1>') : undefined;
}

/** JSON inside <script>: "<" escaped so a title containing "</script>" cannot end the island. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** "http://<Host>" for canonical URLs; empty without a Host header. */
export function requestOrigin(req: SandboxRequest): string {
  const host = req.headers.host;
  return typeof host === 'string' && host ? `http://${host}` : '';
}

/** FNV-1a: a stable hash so the same slugs are always the robots-blocked ones. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The deterministic ~4 % of a site's movie pages that its robots.txt disallows; `site` keeps the two sites' picks apart. */
export function slugBlockedByRobots(site: string, slug: string): boolean {
  return fnv1a(`${site}:${slug}`) % 23 === 0;
}

export interface CriticRobots {
  key: CriticKey;
  /** Named in the file's comment line. */
  siteName: string;
  /** Paths the site always disallows. */
  disallow: string[];
  /** Where movie pages live, e.g. "/m/". */
  pagePath: string;
  blocked: (slug: string) => boolean;
}

/** robots.txt: the site's fixed rules, then both forms of every blocked movie page. */
export function renderRobotsTxt(catalog: SandboxCatalog, o: CriticRobots): string {
  const blocked = catalog.movies
    .map((m) => m[o.key]?.slug)
    .filter((slug): slug is string => slug !== undefined && o.blocked(slug))
    .sort();
  // "$" ends the match so /m/x does not also block /m/x_2019.
  const lines = blocked.flatMap((slug) => [`Disallow: ${o.pagePath}${slug}$`, `Disallow: ${o.pagePath}${slug}/`]);
  return [`# ${o.siteName} (offline sandbox)`, 'User-agent: *', ...o.disallow.map((path) => `Disallow: ${path}`), ...lines, ''].join('\n');
}

const slugIndexes: Record<CriticKey, WeakMap<SandboxCatalog, Map<string, SandboxMovie>>> = { rt: new WeakMap(), metacritic: new WeakMap() };

function slugIndex(catalog: SandboxCatalog, key: CriticKey): Map<string, SandboxMovie> {
  let idx = slugIndexes[key].get(catalog);
  if (!idx) {
    idx = new Map();
    for (const m of catalog.movies) {
      const page = m[key];
      if (page) idx.set(page.slug, m);
    }
    slugIndexes[key].set(catalog, idx);
  }
  return idx;
}

/**
 * The movie a page path names (`route` captures the encoded slug): undefined when the path is no
 * movie page at all (the server's 404), null when the slug is unknown or badly encoded (the site's 404).
 */
export function movieAtPath(catalog: SandboxCatalog, key: CriticKey, route: RegExp, path: string): SandboxMovie | null | undefined {
  const m = route.exec(path);
  if (!m) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return slugIndex(catalog, key).get(slug) ?? null;
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The site search: movies with a page (`titlesOf` not null) one of whose titles holds every
 * query word, most popular first, ten at most.
 */
export function searchMovies(catalog: SandboxCatalog, query: string, titlesOf: (m: SandboxMovie) => string[] | null): SandboxMovie[] {
  const words = fold(query).split(' ').filter(Boolean);
  const raw = query.trim();
  // Titles without letters or digits (emoji only) are matched verbatim, as a search engine would.
  const matches = (title: string) => (words.length ? words.every((w) => fold(title).split(' ').includes(w)) : raw !== '' && title.includes(raw));
  return catalog.movies
    .filter((m) => titlesOf(m)?.some(matches))
    .sort((a, b) => b.popularity - a.popularity || a.tmdbId - b.tmdbId)
    .slice(0, 10);
}

/** Other films with a score (never this movie), picked at fixed `steps` from a start this movie's id sets. */
export function otherScoredMovies(catalog: SandboxCatalog, movie: SandboxMovie, hasScore: (m: SandboxMovie) => boolean, steps: number[]): SandboxMovie[] {
  const scored = catalog.movies.filter((m) => hasScore(m) && m.tmdbId !== movie.tmdbId);
  if (!scored.length) return [];
  const start = movie.tmdbId % scored.length;
  return steps.map((k) => scored[(start + k) % scored.length]);
}
