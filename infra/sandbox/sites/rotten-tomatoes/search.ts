/** The search page (/search?search=<q>): <search-page-media-row> rows of movies with an RT page. */
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxRt } from '../../types';
import { searchMovies } from '../critic-site';
import { FOOTER, PREFIX } from './chrome';

export function renderSearch(query: string, catalog: SandboxCatalog): string {
  const hits = searchMovies(catalog, query, (m) => (m.rt ? [m.title, m.originalTitle] : null));
  const rows = hits
    .map((m) => {
      const r = m.rt as SandboxRt;
      return `      <search-page-media-row cast="${escapeHtml(m.cast.slice(0, 3).join(','))}" data-qa="data-row" releaseyear="${m.releaseDate.slice(0, 4)}" tomatometeriscertified="${r.certifiedFresh}" tomatometerscore="${r.tomatometer ?? ''}" tomatometersentiment="${r.tomatometer === null ? '' : r.tomatometer >= 60 ? 'positive' : 'negative'}">
        <a href="${PREFIX}/m/${escapeHtml(r.slug)}" class="unset" data-qa="thumbnail-link" slot="thumbnail"><rt-img alt="${escapeHtml(m.title)}" src="/assets/poster.jpg"></rt-img></a>
        <a href="${PREFIX}/m/${escapeHtml(r.slug)}" class="unset" data-qa="info-name" slot="title">${escapeHtml(m.title)}</a>
      </search-page-media-row>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search Results for : "${escapeHtml(query)}" | Rotten Tomatoes</title></head>
<body class="body">
  <div id="main-page-content">
    <search-page-result skeleton="panel" type="movie" data-qa="search-result">
      <h2 slot="title" data-qa="search-result-title">Movies</h2>
      <ul slot="list">
${rows}
      </ul>
    </search-page-result>
${hits.length ? '' : `    <div class="search__no-results-copy-group"><p class="search__no-results-header">Sorry, no results found for "${escapeHtml(query)}"</p></div>`}
  </div>
${FOOTER}`;
}
