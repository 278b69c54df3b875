/**
 * What every Rotten Tomatoes page of the sandbox shares: the URL prefix, the <head> with its
 * JSON-LD and ad-targeting blob, the footer, date and runtime texts, and the other films whose
 * scores carousels and sidebars show next to a movie's own.
 */
import { SANDBOX_PATHS } from '../../../../config/load';
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMovie, SandboxRt } from '../../types';
import { otherScoredMovies, scriptJson } from '../critic-site';

export const PREFIX = SANDBOX_PATHS.rottenTomatoes;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Released Oct 9, 2020", as the hero metadata shows the date. */
export function releasedText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `Released ${MONTHS[m - 1]} ${d}, ${y}`;
}

export function runtimeText(min: number | null): string | null {
  return min ? `${Math.floor(min / 60)}h ${min % 60}m` : null;
}

/** Three other films with scores, for the carousel that must never be read as this film's. */
export function neighbours(catalog: SandboxCatalog, movie: SandboxMovie): SandboxMovie[] {
  return otherScoredMovies(catalog, movie, (m) => !!m.rt && m.rt.tomatometer !== null, [0, 7, 13]).filter((m, i, a) => a.indexOf(m) === i);
}

/** The <head> of every movie page; `extra` is appended inside it. */
export function head(movie: SandboxMovie, rt: SandboxRt, url: string, titleTag: string, extra = ''): string {
  const ld: Record<string, unknown> = {
    '@context': 'http://schema.org',
    '@type': 'Movie',
    name: movie.title,
    url,
    // dateCreated is when RT created the record, not the release: parsers must not take it as the year.
    dateCreated: '2005-11-20T14:50:02-08:00',
    genre: movie.genres.map((g) => g.name),
    director: movie.directors.map((name) => ({ '@type': 'Person', name })),
  };
  if (rt.tomatometer !== null) {
    ld.aggregateRating = {
      '@type': 'AggregateRating',
      bestRating: '100',
      worstRating: '0',
      name: 'Tomatometer',
      ratingValue: rt.tomatometer,
      reviewCount: rt.criticReviews ?? 0,
    };
  }
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(titleTag)}</title>
  <meta name="description" content="${escapeHtml(movie.overview.slice(0, 300))}">
  <link rel="canonical" href="${escapeHtml(url)}">
  <meta property="og:site_name" content="Rotten Tomatoes">
  <meta property="og:title" content="${escapeHtml(titleTag.replace(/ [|-] Rotten Tomatoes$/, ''))}">
  <meta property="og:type" content="video.movie">
  <meta property="og:url" content="${escapeHtml(url)}">
  <script type="application/ld+json">${scriptJson(ld)}</script>
  <script id="mps-page-integration">window.mpscall = ${scriptJson({
    'cag[certified_fresh]': rt.certifiedFresh ? '1' : '0',
    'cag[fresh_rotten]': rt.tomatometer === null ? '' : rt.tomatometer >= 60 ? 'fresh' : 'rotten',
    'cag[score]': rt.tomatometer === null ? '' : String(rt.tomatometer),
    'cag[urlid]': `/${rt.slug}`,
    'field[rtid]': String(movie.tmdbId),
    type: 'movie',
  })};</script>${extra}
</head>`;
}

export const FOOTER = `  <footer id="footer" class="footer"><p>Copyright © Fandango. All rights reserved. (sandbox)</p></footer>
</body>
</html>
`;
