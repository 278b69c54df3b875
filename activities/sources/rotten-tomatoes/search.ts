import { Candidate, siteLink } from '../critic-pages/candidate-pages';
import { loadSearchPage } from '../critic-pages/load-page';
import { cleanText } from '../critic-pages/values';

/**
 * Rotten Tomatoes search results (`/search?search=<q>`): `<search-page-media-row>` rows with
 * `releaseyear` (or `release-year`) and `tomatometerscore` attributes, the title in
 * `a[slot="title"]` / `[data-qa="info-name"]`. Only movie links (`/m/...`) are kept; TV rows
 * (`/tv/...`) are dropped.
 */
export function parseRtSearch(html: string, baseUrl: string): Candidate[] {
  const $ = loadSearchPage(html);
  if (!$) return [];
  const rows: Candidate[] = [];
  for (const el of $('search-page-media-row').toArray()) {
    const row = $(el);
    const link = row.find('a[slot="title"], [data-qa="info-name"]').first();
    const href = link.attr('href') ?? row.find('a[href]').first().attr('href');
    const url = siteLink(href, baseUrl, 'm');
    if (!url) continue;
    const yearAttr = row.attr('releaseyear') ?? row.attr('release-year') ?? '';
    const year = /^\d{4}$/.test(yearAttr.trim()) ? Number(yearAttr.trim()) : null;
    rows.push({ url, title: cleanText(link.text()) || null, year });
  }
  return rows;
}
