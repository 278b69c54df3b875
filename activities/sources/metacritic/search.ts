import { Candidate, siteLink } from '../critic-pages/candidate-pages';
import { loadSearchPage } from '../critic-pages/load-page';
import { cleanText } from '../critic-pages/values';

/**
 * Metacritic search results (`/search/<q>/?category=2`). The stored sources do not document this
 * page's markup, so it is read loosely: every link to `/movie/<slug>`, its title from the result
 * item's title element (or the link text), its year from the item's text. Pages are verified
 * after fetching anyway; search only orders the candidates.
 */
export function parseMetacriticSearch(html: string, baseUrl: string): Candidate[] {
  const $ = loadSearchPage(html);
  if (!$) return [];
  const rows: Candidate[] = [];
  const seen = new Set<string>();
  for (const el of $('a[href*="/movie/"]').toArray()) {
    const a = $(el);
    const url = siteLink(a.attr('href'), baseUrl, 'movie', true);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const item = a.closest('[data-testid="search-result-item"], .c-pageSiteSearch-results-item, li, .result');
    const scope = item.length ? item : a;
    const title =
      cleanText(scope.find('[data-testid="product-title"], .c-pageSiteSearch-results-item_title, .product_title, h3').first().text()) ||
      cleanText(a.text()) ||
      null;
    const rest = cleanText(scope.text()).replace(title ?? '', ' ');
    const ym = /(?<!\d)(18[89]\d|19\d\d|20\d\d)(?!\d)/.exec(rest);
    rows.push({ url, title, year: ym ? Number(ym[1]) : null });
  }
  return rows;
}
