/**
 * The sandbox's Metacritic: movie pages at /movie/<slug>/ in each movie's `metacritic.layout`
 * (current data-testid markup, with JSON-LD when `jsonLd`; or the legacy `.metascore_w` markup),
 * a search page at /search/<query>/, robots.txt, and 403 for requests without a User-Agent (the
 * real site refuses bare clients). Review lists and "more movies" rails carry other scores in the
 * same classes, so a parser that does not scope its reads picks the wrong number.
 * Markup follows SOURCES.md §4; the parser in activities/sources/metacritic reads it.
 */
import type { SandboxCatalog, SandboxRequest, SandboxResponse, SandboxSite } from '../../types';
import { htmlResponse, movieAtPath, rejectNonReads, renderRobotsTxt, requestOrigin, slugBlockedByRobots } from '../critic-site';
import { renderCurrent } from './current';
import { renderLegacy } from './legacy';
import { PREFIX } from './page-parts';
import { renderSearch } from './search';

/** The deterministic ~4 % of movie pages that robots.txt disallows (blocked_by_robots in tests). */
export function metacriticSlugBlockedByRobots(slug: string): boolean {
  return slugBlockedByRobots('mc', slug);
}

function renderRobots(catalog: SandboxCatalog): string {
  return renderRobotsTxt(catalog, {
    key: 'metacritic',
    siteName: 'Metacritic',
    disallow: ['/api/', '/user/', '/login'],
    pagePath: '/movie/',
    blocked: metacriticSlugBlockedByRobots,
  });
}

function forbidden(): SandboxResponse {
  return htmlResponse(403, '<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don\'t have permission to access this resource.</p></body></html>\n');
}

function notFound(): SandboxResponse {
  return htmlResponse(404, '<!DOCTYPE html>\n<html lang="en"><head><title>404 Page Not Found - Metacritic</title></head><body><h1>Page Not Found</h1><p>We couldn\'t find the page you were looking for.</p></body></html>\n');
}

function userAgent(req: SandboxRequest): string {
  const ua = req.headers['user-agent'];
  return (Array.isArray(ua) ? ua.join(' ') : (ua ?? '')).trim();
}

function handle(req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse | undefined {
  if (!userAgent(req)) return forbidden();
  const refused = rejectNonReads(req);
  if (refused) return refused;
  const search = /^\/search\/([^/]*)\/?$/.exec(req.path);
  if (search) {
    let q: string;
    try {
      q = decodeURIComponent(search[1]);
    } catch {
      q = search[1];
    }
    return htmlResponse(200, renderSearch(q, catalog));
  }
  const movie = movieAtPath(catalog, 'metacritic', /^\/movie\/([^/]+)\/?$/, req.path);
  if (movie === undefined) return undefined;
  if (!movie?.metacritic) return notFound();
  const mc = movie.metacritic;
  const url = `${requestOrigin(req)}${PREFIX}/movie/${mc.slug}/`;
  return htmlResponse(200, mc.layout === 'legacy' ? renderLegacy(movie, mc, url, catalog) : renderCurrent(movie, mc, url, catalog));
}

export const metacriticSite: SandboxSite = {
  prefix: PREFIX,
  robotsTxt: renderRobots,
  handle,
};
