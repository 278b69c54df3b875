/** The search page (/search/<q>/): result items of movies with a Metacritic page. */
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMetacritic } from '../../types';
import { searchMovies } from '../critic-site';
import { PREFIX } from './page-parts';

export function renderSearch(query: string, catalog: SandboxCatalog): string {
  const hits = searchMovies(catalog, query, (m) => (m.metacritic ? [m.title] : null));
  const items = hits
    .map((m) => {
      const mc = m.metacritic as SandboxMetacritic;
      return `      <div data-testid="search-result-item" class="c-pageSiteSearch-results-item">
        <a href="${PREFIX}/movie/${escapeHtml(mc.slug)}/" class="c-pageSiteSearch-results-item_link">
          <p data-testid="product-title" class="g-text-medium-fluid g-text-bold">${escapeHtml(m.title)}</p>
          <div class="u-flexbox"><span class="u-text-uppercase">movie</span><span data-testid="product-release-date">${m.releaseDate.slice(0, 4)}</span></div>
          <div class="c-siteReviewScore"><span>${mc.metascore ?? 'tbd'}</span></div>
        </a>
      </div>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(query)} - Search Results - Metacritic</title></head>
<body>
  <div class="c-pageSiteSearch-results" data-testid="search-results">
${items || '      <p class="c-pageSiteSearch-noResults">No Results Found</p>'}
  </div>
</body>
</html>
`;
}
