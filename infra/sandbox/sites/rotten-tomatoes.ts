/**
 * The sandbox's Rotten Tomatoes: movie pages at /m/<slug> in each movie's `rt.layout` (2024
 * media-scorecard, 2021 score-board, 2020 mop-ratings-wrap), a search page, robots.txt and
 * RT-style 404s. Pages carry what makes real ones hard to read: carousels and sidebars with
 * other films' scores in the same slots and classes, kebab- and camelCase slot names, pages with
 * and without their JSON islands, missing scores, banded counts and hostile titles (escaped).
 * Markup follows SOURCES.md §3; the parsers in activities/sources/rotten-tomatoes read it.
 */
import { SANDBOX_PATHS } from '../../../config/load';
import type { SandboxCatalog, SandboxMovie, SandboxRequest, SandboxResponse, SandboxRt, SandboxSite } from '../types';

const PREFIX = SANDBOX_PATHS.rottenTomatoes;

// ---------------------------------------------------------------------------------------------
// Small helpers (kept local: this module is loaded on its own by the sandbox server)

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON inside <script>: "<" escaped so a title containing "</script>" cannot end the island. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function thousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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

/** The deterministic ~4 % of movie pages that robots.txt disallows (blocked_by_robots in tests). */
export function rtSlugBlockedByRobots(slug: string): boolean {
  return fnv1a(`rt:${slug}`) % 23 === 0;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function releasedText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `Released ${MONTHS[m - 1]} ${d}, ${y}`;
}

function runtimeText(min: number | null): string | null {
  return min ? `${Math.floor(min / 60)}h ${min % 60}m` : null;
}

const slugIndex = new WeakMap<SandboxCatalog, Map<string, SandboxMovie>>();
function bySlug(catalog: SandboxCatalog): Map<string, SandboxMovie> {
  let idx = slugIndex.get(catalog);
  if (!idx) {
    idx = new Map();
    for (const m of catalog.movies) if (m.rt) idx.set(m.rt.slug, m);
    slugIndex.set(catalog, idx);
  }
  return idx;
}

function html(status: number, body: string): SandboxResponse {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body };
}

function origin(req: SandboxRequest): string {
  const host = req.headers.host;
  return typeof host === 'string' && host ? `http://${host}` : '';
}

/** Three other films with scores, for the carousel that must never be read as this film's. */
function neighbours(catalog: SandboxCatalog, movie: SandboxMovie): SandboxMovie[] {
  const scored = catalog.movies.filter((m) => m.rt && m.rt.tomatometer !== null && m.tmdbId !== movie.tmdbId);
  if (!scored.length) return [];
  const start = movie.tmdbId % scored.length;
  return [0, 7, 13].map((k) => scored[(start + k) % scored.length]).filter((m, i, a) => a.indexOf(m) === i);
}

// ---------------------------------------------------------------------------------------------
// Page chrome shared by the layouts

function head(movie: SandboxMovie, rt: SandboxRt, url: string, titleTag: string, extra = ''): string {
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
  <title>${esc(titleTag)}</title>
  <meta name="description" content="${esc(movie.overview.slice(0, 300))}">
  <link rel="canonical" href="${esc(url)}">
  <meta property="og:site_name" content="Rotten Tomatoes">
  <meta property="og:title" content="${esc(titleTag.replace(/ [|-] Rotten Tomatoes$/, ''))}">
  <meta property="og:type" content="video.movie">
  <meta property="og:url" content="${esc(url)}">
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

const FOOTER = `  <footer id="footer" class="footer"><p>Copyright © Fandango. All rights reserved. (sandbox)</p></footer>
</body>
</html>
`;

// ---------------------------------------------------------------------------------------------
// 2024+: media-scorecard

function renderScorecard(movie: SandboxMovie, rt: SandboxRt, url: string, catalog: SandboxCatalog): string {
  // Slot names changed from camelCase to kebab-case over 2024–2025: both are live somewhere.
  const kebab = movie.tmdbId % 2 === 0;
  const slot = (camel: string) => (kebab ? camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : camel);
  const withJson = movie.tmdbId % 5 !== 3;
  const path = `${PREFIX}/m/${rt.slug}`;
  const critics = rt.tomatometer === null ? '- -' : `${rt.tomatometer}%`;
  const audience = rt.audienceScore === null ? '- -' : `${rt.audienceScore}%`;
  const sentiment = (s: number | null) => (s === null ? 'EMPTY' : s >= 60 ? 'POSITIVE' : 'NEGATIVE');
  const props = [movie.omdb?.rated ?? 'NR', releasedText(movie.releaseDate), runtimeText(movie.runtime)].filter((p): p is string => !!p);

  const scorecardJson = {
    audienceScore: {
      ...(rt.audienceScore === null ? {} : { score: String(rt.audienceScore), scorePercent: `${rt.audienceScore}%`, sentiment: sentiment(rt.audienceScore) }),
      ...(rt.audienceCountText ? { bandedRatingCount: rt.audienceCountText } : {}),
      certified: rt.verifiedHot,
      title: 'Popcornmeter',
    },
    criticReviewHref: `${path}/reviews`,
    criticsScore: {
      ...(rt.tomatometer === null ? {} : { score: String(rt.tomatometer), scorePercent: `${rt.tomatometer}%`, sentiment: sentiment(rt.tomatometer) }),
      certified: rt.certifiedFresh,
      reviewCount: rt.criticReviews ?? 0,
      ratingCount: rt.criticReviews ?? 0,
      title: 'Tomatometer',
    },
    description: movie.overview,
    hideAudienceScore: false,
  };

  const tiles = neighbours(catalog, movie)
    .map((n) => {
      const r = n.rt as SandboxRt;
      return `        <tile-dynamic slot="tile" orientation="landscape">
          <div slot="caption" data-track="scores">
            <score-icon-critics certified="${r.certifiedFresh}" sentiment="${sentiment(r.tomatometer)}" size="1"></score-icon-critics>
            <rt-text slot="${slot('criticsScore')}" context="label" size="1">${r.tomatometer}%</rt-text>
            <score-icon-audience certified="${r.verifiedHot}" sentiment="${sentiment(r.audienceScore)}" size="1"></score-icon-audience>
            <rt-text slot="${slot('audienceScore')}" context="label" size="1">${r.audienceScore === null ? '- -' : `${r.audienceScore}%`}</rt-text>
            <rt-link slot="title" href="${PREFIX}/m/${esc(r.slug)}">${esc(n.title)}</rt-link>
          </div>
        </tile-dynamic>`;
    })
    .join('\n');

  return `${head(movie, rt, url, `${movie.title} | Rotten Tomatoes`)}
<body class="body no-touch">
  <div id="main-page-content">
    <media-hero averagecolorhsl="205,22%,37%" mediatype="Movie" data-adobe-id="media-hero">
      <rt-text slot="title" size="1.25" context="heading">${esc(movie.title)}</rt-text>
${props.map((p) => `      <rt-text slot="${slot('metadataProp')}" context="label" size="0.875">${esc(p)}</rt-text>`).join('\n')}
${movie.genres.map((g) => `      <rt-text slot="${slot('metadataGenre')}" context="label" size="0.875">${esc(g.name)}</rt-text>`).join('\n')}
    </media-hero>
    <script id="media-hero-json" data-json="mediaHero" type="application/json">${scriptJson({
      content: { metadataGenres: movie.genres.map((g) => g.name), metadataProps: props, title: movie.title, type: 'Movie' },
      mediaType: 'Movie',
    })}</script>
    <div class="media-scorecard no-border">
      <media-scorecard hideaudiencescore="false" skeleton="panel" data-qa="score-panel">
        <rt-button slot="${slot('criticsScoreIcon')}" theme="transparent">
          <score-icon-critics certified="${rt.certifiedFresh}" sentiment="${sentiment(rt.tomatometer)}" size="2.5"></score-icon-critics>
        </rt-button>
        <rt-text slot="${slot('criticsScore')}"${rt.tomatometer === null ? ' class="critics-score-empty"' : ''} context="label" size="1.375">${critics}</rt-text>
        <rt-text slot="${slot('criticsScoreType')}" context="label" size="0.75">Tomatometer</rt-text>
${rt.criticReviews ? `        <rt-link slot="${slot('criticsReviews')}" size="0.75" href="${path}/reviews">${thousands(rt.criticReviews)} Reviews</rt-link>` : ''}
        <rt-button slot="${slot('audienceScoreIcon')}" theme="transparent">
          <score-icon-audience certified="${rt.verifiedHot}" sentiment="${sentiment(rt.audienceScore)}" size="2.5"></score-icon-audience>
        </rt-button>
        <rt-text slot="${slot('audienceScore')}"${rt.audienceScore === null ? ' class="audience-score-empty"' : ''} context="label" size="1.375">${audience}</rt-text>
        <rt-text slot="${slot('audienceScoreType')}" context="label" size="0.75">Popcornmeter</rt-text>
${rt.audienceCountText ? `        <rt-link slot="${slot('audienceReviews')}" size="0.75" href="${path}/reviews?type=user">${esc(rt.audienceCountText)}</rt-link>` : ''}
      </media-scorecard>
${withJson ? `      <script id="media-scorecard-json" data-json="mediaScorecard" type="application/json">${scriptJson(scorecardJson)}</script>` : ''}
    </div>
    <section aria-labelledby="more-like-this-label" class="more-like-this" data-adobe-id="more-like-this">
      <h2 id="more-like-this-label">More Like This</h2>
      <carousel-slider tilewidth="isolated" skeleton="panel">
${tiles}
      </carousel-slider>
    </section>
  </div>
${FOOTER}`;
}

// ---------------------------------------------------------------------------------------------
// ~2021–2023: score-board

function renderScoreboard(movie: SandboxMovie, rt: SandboxRt, url: string): string {
  const path = `${PREFIX}/m/${rt.slug}`;
  const year = movie.releaseDate.slice(0, 4);
  const info = [year, movie.genres.map((g) => g.name).join('/') || 'Drama', runtimeText(movie.runtime)].filter(Boolean).join(', ');
  const state = rt.tomatometer === null ? '' : rt.certifiedFresh ? 'certified-fresh' : rt.tomatometer >= 60 ? 'fresh' : 'rotten';
  const audienceState = rt.audienceScore === null ? 'N/A' : rt.audienceScore >= 60 ? 'upright' : 'spilled';
  // The JSON island's score shape changed over the years: {value}, a bare number, "" when none.
  const asObject = movie.tmdbId % 2 === 0;
  const score = (v: number | null) => (v === null ? '' : asObject ? { value: v } : v);
  const band = rt.audienceCountText ?? '';
  const bandMatch = /^(.*?)\s*(Ratings|Verified Ratings)$/.exec(band);
  const details = {
    scoreboard: {
      audienceBandedRatingCount: bandMatch ? bandMatch[1] : band,
      audienceRatingCopy: bandMatch ? bandMatch[2] : 'Ratings',
      audienceScore: score(rt.audienceScore),
      audienceState,
      hasVerifiedAudienceScore: false,
      info,
      rating: movie.omdb?.rated ?? 'NR',
      title: movie.title,
      tomatometerCount: rt.criticReviews ?? 0,
      tomatometerScore: score(rt.tomatometer),
      tomatometerState: state,
    },
  };
  const withJson = movie.tmdbId % 3 !== 1;
  return `${head(movie, rt, url, `${movie.title} - Rotten Tomatoes`)}
<body class="body">
  <div id="main_container" class="container" role="main">
    <div id="topSection">
      <div class="thumbnail-scoreboard-wrap">
        <score-board audiencestate="${audienceState}" audiencescore="${rt.audienceScore ?? ''}" class="scoreboard" rating="${esc(movie.omdb?.rated ?? 'NR')}" skeleton="panel" tomatometerscore="${rt.tomatometer ?? ''}" tomatometerstate="${state}" data-qa="score-panel">
          <h1 slot="title" class="scoreboard__title" data-qa="score-panel-movie-title">${esc(movie.title)}</h1>
          <p slot="info" class="scoreboard__info">${esc(info)}</p>
          <a slot="critics-count" href="${path}/reviews?intcmp=rt-scorecard_tomatometer-reviews" class="scoreboard__link scoreboard__link--tomatometer" data-qa="tomatometer-review-count">${thousands(rt.criticReviews ?? 0)} Reviews</a>
${band ? `          <a slot="audience-count" href="${path}/reviews?type=user&amp;intcmp=rt-scorecard_audience-score-reviews" class="scoreboard__link scoreboard__link--audience" data-qa="audience-rating-count">${esc(band)}</a>` : ''}
        </score-board>
      </div>
    </div>
${withJson ? `    <script id="scoreDetails" type="application/json">${scriptJson(details)}</script>` : ''}
  </div>
${FOOTER}`;
}

// ---------------------------------------------------------------------------------------------
// ≤2020: mop-ratings-wrap (with a sidebar of other films' scores)

function renderMop(movie: SandboxMovie, rt: SandboxRt, url: string, catalog: SandboxCatalog): string {
  const year = movie.releaseDate.slice(0, 4);
  const icon = rt.tomatometer === null ? 'noScore' : rt.certifiedFresh ? 'certified_fresh' : rt.tomatometer >= 60 ? 'fresh' : 'rotten';
  const sidebar = neighbours(catalog, movie)
    .map((n) => {
      const r = n.rt as SandboxRt;
      const cls = r.certifiedFresh ? 'certified_fresh' : (r.tomatometer ?? 0) >= 60 ? 'fresh' : 'rotten';
      return `          <tr class="sidebarInTheaterOpening"><td class="left_col"><a href="${PREFIX}/m/${esc(r.slug)}"><span class="icon tiny ${cls}"></span><span class="tMeterScore">${r.tomatometer}%</span></a></td><td class="middle_col"><a href="${PREFIX}/m/${esc(r.slug)}">${esc(n.title)}</a></td></tr>`;
    })
    .join('\n');
  const critic =
    rt.tomatometer === null
      ? `<div class="mop-ratings-wrap__half"><h2 class="mop-ratings-wrap__score"><span class="mop-ratings-wrap__icon meter-tomato icon big medium-xs noScore"></span></h2>
            <div class="mop-ratings-wrap__review-totals"><h3 class="mop-ratings-wrap__title mop-ratings-wrap__title--small">TOMATOMETER</h3>
            <small class="mop-ratings-wrap__text--small mop-ratings-wrap__text--not-available">Tomatometer Not Available</small></div></div>`
      : `<div class="mop-ratings-wrap__half">
            <h2 class="mop-ratings-wrap__score"><a href="#contentReviews" class="unstyled articleLink mop-ratings-wrap__icon-link" id="tomato_meter_link">
              <span class="mop-ratings-wrap__icon meter-tomato icon big medium-xs ${icon}"></span>
              <span class="mop-ratings-wrap__percentage">
                    ${rt.tomatometer}%
              </span></a></h2>
            <div class="mop-ratings-wrap__review-totals">
              <h3 class="mop-ratings-wrap__title mop-ratings-wrap__title--small">TOMATOMETER</h3>
              <strong class="mop-ratings-wrap__text--small">Total Count: </strong>
              <small class="mop-ratings-wrap__text--small">
                ${thousands(rt.criticReviews ?? 0)}
              </small>
            </div>
          </div>`;
  const audience =
    rt.audienceScore === null
      ? `<div class="mop-ratings-wrap__half audience-score"><h3 class="mop-ratings-wrap__title audience-score__title mop-ratings-wrap__title--small">Audience Score</h3>
            <strong class="mop-ratings-wrap__text--small">Coming soon</strong></div>`
      : `<div class="mop-ratings-wrap__half audience-score">
            <h2 class="mop-ratings-wrap__score"><a href="#audience_reviews" class="unstyled articleLink mop-ratings-wrap__icon-link">
              <span class="mop-ratings-wrap__icon meter-tomato icon big medium-xs ${rt.audienceScore >= 60 ? 'upright' : 'spilled'}"></span>
              <span class="mop-ratings-wrap__percentage">
                    ${rt.audienceScore}%
              </span></a></h2>
            <div class="mop-ratings-wrap__review-totals mop-ratings-wrap__review-totals--not-released">
              <h3 class="mop-ratings-wrap__title audience-score__title mop-ratings-wrap__title--small">Audience Score</h3>
${rt.audienceCountText ? `              <strong class="mop-ratings-wrap__text--small">${esc(rt.audienceCountText)}</strong>` : ''}
            </div>
          </div>`;
  return `${head(movie, rt, url, `${movie.title} (${year}) - Rotten Tomatoes`)}
<body class="body ">
  <div id="main_container" class="container" role="main">
    <section class="mob-body ">
      <aside id="movieListColumn" class="col mob col-right hidden-xs">
        <h3>Opening</h3>
        <table class="movie_list opening">
${sidebar}
        </table>
      </aside>
      <div id="mainColumn" class="col mob col-center-right col-full-xs mop-main-column">
        <div id="heroImageContainer" class="movie">
          <h1 class="title hidden-xs heroImageNoMovie-title" data-type="title">${esc(movie.title)}</h1>
          <span class="h3 year heroImageNoMovie-year">${year}</span>
        </div>
        <div id="topSection">
          <div class="col-sm-17 col-xs-24 score-panel-wrap">
            <div class="mop-ratings-wrap score_panel js-mop-ratings-wrap" data-has-trailer="false">
              <h1 class="mop-ratings-wrap__title mop-ratings-wrap__title--top">${esc(movie.title)}</h1>
              <section class="mop-ratings-wrap__info">
                <section class="mop-ratings-wrap__row js-scoreboard-container">
          ${critic}
          ${audience}
                </section>
              </section>
            </div>
          </div>
        </div>
        <section class="panel panel-rt panel-box movie_info media">
          <div id="movieSynopsis" class="movie_synopsis clamp clamp-6 js-clamp">${esc(movie.overview)}</div>
          <ul class="content-meta info">
            <li class="meta-row clearfix"><div class="meta-label subtle">In Theaters: </div><div class="meta-value"><time datetime="${movie.releaseDate}T17:00:00-07:00">${esc(releasedText(movie.releaseDate).replace('Released ', ''))}</time></div></li>
          </ul>
        </section>
      </div>
    </section>
  </div>
${FOOTER}`;
}

// ---------------------------------------------------------------------------------------------
// Search, robots.txt, 404

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function renderSearch(query: string, catalog: SandboxCatalog): string {
  const q = fold(query);
  const words = q.split(' ').filter(Boolean);
  const raw = query.trim();
  // Titles without letters or digits (emoji only) are matched verbatim, as a search engine would.
  const matches = (title: string) => (words.length ? words.every((w) => fold(title).split(' ').includes(w)) : raw !== '' && title.includes(raw));
  const hits = catalog.movies
    .filter((m) => m.rt && (matches(m.title) || matches(m.originalTitle)))
    .sort((a, b) => b.popularity - a.popularity || a.tmdbId - b.tmdbId)
    .slice(0, 10);
  const rows = hits
    .map((m) => {
      const r = m.rt as SandboxRt;
      return `      <search-page-media-row cast="${esc(m.cast.slice(0, 3).join(','))}" data-qa="data-row" releaseyear="${m.releaseDate.slice(0, 4)}" tomatometeriscertified="${r.certifiedFresh}" tomatometerscore="${r.tomatometer ?? ''}" tomatometersentiment="${r.tomatometer === null ? '' : r.tomatometer >= 60 ? 'positive' : 'negative'}">
        <a href="${PREFIX}/m/${esc(r.slug)}" class="unset" data-qa="thumbnail-link" slot="thumbnail"><rt-img alt="${esc(m.title)}" src="/assets/poster.jpg"></rt-img></a>
        <a href="${PREFIX}/m/${esc(r.slug)}" class="unset" data-qa="info-name" slot="title">${esc(m.title)}</a>
      </search-page-media-row>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search Results for : "${esc(query)}" | Rotten Tomatoes</title></head>
<body class="body">
  <div id="main-page-content">
    <search-page-result skeleton="panel" type="movie" data-qa="search-result">
      <h2 slot="title" data-qa="search-result-title">Movies</h2>
      <ul slot="list">
${rows}
      </ul>
    </search-page-result>
${hits.length ? '' : `    <div class="search__no-results-copy-group"><p class="search__no-results-header">Sorry, no results found for "${esc(query)}"</p></div>`}
  </div>
${FOOTER}`;
}

function renderRobots(catalog: SandboxCatalog): string {
  const blocked = catalog.movies
    .filter((m) => m.rt && rtSlugBlockedByRobots(m.rt.slug))
    .map((m) => (m.rt as SandboxRt).slug)
    .sort();
  // "$" ends the match so /m/x does not also block /m/x_2019.
  const lines = blocked.flatMap((slug) => [`Disallow: /m/${slug}$`, `Disallow: /m/${slug}/`]);
  return ['# Rotten Tomatoes (offline sandbox)', 'User-agent: *', 'Disallow: /api/', 'Disallow: /napi/', 'Disallow: /user/', ...lines, ''].join('\n');
}

export function rtNotFound(): SandboxResponse {
  return html(
    404,
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>404 - Not Found | Rotten Tomatoes</title></head>
<body class="body"><div id="main-page-content"><h1>404 - Not Found</h1><p>We're sorry, but the page you requested could not be found.</p></div></body></html>
`,
  );
}

function handle(req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return html(405, '<h1>405 Method Not Allowed</h1>');
  if (req.path === '/search' || req.path === '/search/') return html(200, renderSearch(req.query.get('search') ?? '', catalog));
  const m = /^\/m\/([^/]+)\/?$/.exec(req.path);
  if (!m) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]);
  } catch {
    return rtNotFound();
  }
  const movie = bySlug(catalog).get(slug);
  if (!movie?.rt) return rtNotFound();
  const rt = movie.rt;
  const url = `${origin(req)}${PREFIX}/m/${rt.slug}`;
  if (rt.layout === 'scoreboard-2021') return html(200, renderScoreboard(movie, rt, url));
  if (rt.layout === 'mop-2020') return html(200, renderMop(movie, rt, url, catalog));
  return html(200, renderScorecard(movie, rt, url, catalog));
}

export const rottenTomatoesSite: SandboxSite = {
  prefix: PREFIX,
  robotsTxt: renderRobots,
  handle,
};
