/**
 * The sandbox's Rotten Tomatoes: movie pages at /m/<slug> in each movie's `rt.layout` (2024
 * media-scorecard, 2021 score-board, 2020 mop-ratings-wrap), a search page, robots.txt and
 * RT-style 404s. Pages carry what makes real ones hard to read: carousels and sidebars with
 * other films' scores in the same slots and classes, kebab- and camelCase slot names, pages with
 * and without their JSON islands, missing scores, banded counts and hostile titles (escaped).
 * Markup follows SOURCES.md §3; the parsers in activities/sources/rotten-tomatoes read it.
 */
import type { SandboxCatalog, SandboxRequest, SandboxResponse, SandboxSite } from '../../types';
import { htmlResponse, movieAtPath, rejectNonReads, renderRobotsTxt, requestOrigin, slugBlockedByRobots } from '../critic-site';
import { PREFIX } from './chrome';
import { renderMop } from './mop';
import { renderScoreboard } from './scoreboard';
import { renderScorecard } from './scorecard';
import { renderSearch } from './search';

/** The deterministic ~4 % of movie pages that robots.txt disallows (blocked_by_robots in tests). */
export function rtSlugBlockedByRobots(slug: string): boolean {
  return slugBlockedByRobots('rt', slug);
}

function renderRobots(catalog: SandboxCatalog): string {
  return renderRobotsTxt(catalog, {
    key: 'rt',
    siteName: 'Rotten Tomatoes',
    disallow: ['/api/', '/napi/', '/user/'],
    pagePath: '/m/',
    blocked: rtSlugBlockedByRobots,
  });
}

export function rtNotFound(): SandboxResponse {
  return htmlResponse(
    404,
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>404 - Not Found | Rotten Tomatoes</title></head>
<body class="body"><div id="main-page-content"><h1>404 - Not Found</h1><p>We're sorry, but the page you requested could not be found.</p></div></body></html>
`,
  );
}

function handle(req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse | undefined {
  const refused = rejectNonReads(req);
  if (refused) return refused;
  if (req.path === '/search' || req.path === '/search/') return htmlResponse(200, renderSearch(req.query.get('search') ?? '', catalog));
  const movie = movieAtPath(catalog, 'rt', /^\/m\/([^/]+)\/?$/, req.path);
  if (movie === undefined) return undefined;
  if (!movie?.rt) return rtNotFound();
  const rt = movie.rt;
  const url = `${requestOrigin(req)}${PREFIX}/m/${rt.slug}`;
  if (rt.layout === 'scoreboard-2021') return htmlResponse(200, renderScoreboard(movie, rt, url));
  if (rt.layout === 'mop-2020') return htmlResponse(200, renderMop(movie, rt, url, catalog));
  return htmlResponse(200, renderScorecard(movie, rt, url, catalog));
}

export const rottenTomatoesSite: SandboxSite = {
  prefix: PREFIX,
  robotsTxt: renderRobots,
  handle,
};
