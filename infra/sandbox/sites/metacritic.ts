/**
 * The sandbox's Metacritic: movie pages at /movie/<slug>/ in each movie's `metacritic.layout`
 * (current data-testid markup, with JSON-LD when `jsonLd`; or the legacy `.metascore_w` markup),
 * a search page at /search/<query>/, robots.txt, and 403 for requests without a User-Agent (the
 * real site refuses bare clients). Review lists and "more movies" rails carry other scores in the
 * same classes, so a parser that does not scope its reads picks the wrong number.
 * Markup follows SOURCES.md §4; the parser in activities/sources/metacritic reads it.
 */
import { SANDBOX_PATHS } from '../../../config/load';
import type { SandboxCatalog, SandboxMetacritic, SandboxMovie, SandboxRequest, SandboxResponse, SandboxSite } from '../types';

const PREFIX = SANDBOX_PATHS.metacritic;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function thousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The deterministic ~4 % of movie pages that robots.txt disallows (blocked_by_robots in tests). */
export function metacriticSlugBlockedByRobots(slug: string): boolean {
  return fnv1a(`mc:${slug}`) % 23 === 0;
}

const slugIndex = new WeakMap<SandboxCatalog, Map<string, SandboxMovie>>();
function bySlug(catalog: SandboxCatalog): Map<string, SandboxMovie> {
  let idx = slugIndex.get(catalog);
  if (!idx) {
    idx = new Map();
    for (const m of catalog.movies) if (m.metacritic) idx.set(m.metacritic.slug, m);
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

function sentiment(score: number | null, scale: number): string {
  if (score === null) return 'No score yet';
  const s = (score / scale) * 100;
  return s >= 81 ? 'Universal Acclaim' : s >= 61 ? 'Generally Favorable' : s >= 40 ? 'Mixed or Average' : 'Generally Unfavorable';
}

function color(score: number | null, scale: number): string {
  if (score === null) return 'inactive';
  const s = (score / scale) * 100;
  return s >= 61 ? 'green' : s >= 40 ? 'yellow' : 'red';
}

/** Other movies' scores for the review list and the rail (never this movie's numbers). */
function decoys(catalog: SandboxCatalog, movie: SandboxMovie): { title: string; score: number }[] {
  const scored = catalog.movies.filter((m) => m.metacritic?.metascore != null && m.tmdbId !== movie.tmdbId);
  if (!scored.length) return [];
  const start = movie.tmdbId % scored.length;
  return [0, 5, 11].map((k) => scored[(start + k) % scored.length]).map((m) => ({ title: m.title, score: m.metacritic?.metascore as number }));
}

// ---------------------------------------------------------------------------------------------
// Current (post-2023) markup

function renderCurrent(movie: SandboxMovie, mc: SandboxMetacritic, url: string, catalog: SandboxCatalog): string {
  const path = `${PREFIX}/movie/${mc.slug}/`;
  const year = movie.releaseDate.slice(0, 4);
  const ld = mc.jsonLd
    ? `\n  <script type="application/ld+json">${scriptJson({
        '@context': 'https://schema.org',
        '@type': 'Movie',
        name: movie.title,
        description: movie.overview,
        datePublished: movie.releaseDate,
        genre: movie.genres.map((g) => g.name),
        director: movie.directors.map((name) => ({ '@type': 'Person', name })),
        ...(mc.metascore === null
          ? {}
          : { aggregateRating: { '@type': 'AggregateRating', bestRating: '100', worstRating: '0', ratingValue: String(mc.metascore), reviewCount: mc.criticReviews ?? 0 } }),
      })}</script>`
    : '';
  const critic = mc.metascore === null ? 'tbd' : String(mc.metascore);
  const user = mc.userScore === null ? 'tbd' : mc.userScore.toFixed(1);
  const rail = decoys(catalog, movie);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(movie.title)} reviews - Metacritic</title>
  <meta name="description" content="${esc(movie.overview.slice(0, 300))}">
  <link rel="canonical" href="${esc(url)}">
  <meta property="og:title" content="${esc(movie.title)} reviews">
  <meta property="og:url" content="${esc(url)}">${ld}
</head>
<body>
  <div id="__nuxt"><div id="__layout"><div class="c-layoutDefault_page">
    <div class="c-productHero">
      <div class="c-productHero_title g-inner-spacing-bottom-medium" data-testid="hero-title"><h1 class="g-text-bold">${esc(movie.title)}</h1></div>
      <div class="c-heroMetadata u-flexbox" data-testid="hero-metadata"><ul>
        <li class="c-heroMetadata_item u-inline"><span>${year}</span></li>
        <li class="c-heroMetadata_item u-inline"><span>${esc(movie.omdb?.rated ?? 'Not Rated')}</span></li>
${movie.runtime ? `        <li class="c-heroMetadata_item u-inline"><span>${Math.floor(movie.runtime / 60)} h ${movie.runtime % 60} m</span></li>` : ''}
      </ul></div>
      <div class="c-productHero_score-container u-flexbox u-flexbox-column g-bg-white">
        <div data-testid="critic-score-info" class="c-productScoreInfo u-clearfix g-inner-spacing-bottom-medium">
          <div class="c-productScoreInfo_scoreContent u-flexbox u-flexbox-alignCenter">
            <div class="c-productScoreInfo_text g-outer-spacing-right-auto">
              <div class="c-productScoreInfo_title g-text-bold">Metascore</div>
              <span class="c-productScoreInfo_scoreSentiment g-text-small g-text-bold">${sentiment(mc.metascore, 100)}</span>
${mc.criticReviews !== null && mc.metascore !== null ? `              <span class="c-productScoreInfo_reviewsTotal u-block g-text-xsmall"><a href="${path}critic-reviews/" class="c-productScoreInfo_link"><span>Based on ${thousands(mc.criticReviews)} Critic Reviews</span></a></span>` : ''}
            </div>
            <div class="c-productScoreInfo_scoreNumber u-float-right">
              <div class="c-siteReviewScore_background c-siteReviewScore_background-critic_medium">
                <div title="Metascore ${critic} out of 100" class="c-siteReviewScore u-flexbox-column g-text-bold c-siteReviewScore_${color(mc.metascore, 100)} g-color-gray90 c-siteReviewScore_medium"><span data-v-e408cafe="">${critic}</span></div>
              </div>
            </div>
          </div>
        </div>
        <div data-testid="user-score-info" class="c-productScoreInfo u-clearfix">
          <div class="c-productScoreInfo_scoreContent u-flexbox u-flexbox-alignCenter">
            <div class="c-productScoreInfo_text g-outer-spacing-right-auto">
              <div class="c-productScoreInfo_title g-text-bold">User Score</div>
              <span class="c-productScoreInfo_scoreSentiment g-text-small g-text-bold">${mc.userScore === null ? 'Available after 4 ratings' : sentiment(mc.userScore, 10)}</span>
${mc.userRatings !== null && mc.userScore !== null ? `              <span class="c-productScoreInfo_reviewsTotal u-block g-text-xsmall"><a href="${path}user-reviews/" class="c-productScoreInfo_link"><span>Based on ${thousands(mc.userRatings)} User Ratings</span></a></span>` : ''}
            </div>
            <div class="c-productScoreInfo_scoreNumber u-float-right">
              <div class="c-siteReviewScore_background c-siteReviewScore_background-user">
                <div title="User score ${user} out of 10" class="c-siteReviewScore u-flexbox-column g-text-bold c-siteReviewScore_${color(mc.userScore, 10)} c-siteReviewScore_user g-color-gray90 c-siteReviewScore_medium"><span data-v-e408cafe="">${user}</span></div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
    <section class="c-reviewsSection" data-testid="critic-reviews">
      <h2 class="c-sectionHeader_title">Critic Reviews</h2>
${rail
  .map(
    (d) => `      <div class="c-siteReview"><div class="c-siteReviewHeader_reviewScore"><div title="Metascore ${d.score} out of 100" class="c-siteReviewScore c-siteReviewScore_${color(d.score, 100)}"><span>${d.score}</span></div></div>
        <div class="c-siteReview_quote"><span>On ${esc(d.title)}: a review quote.</span></div></div>`,
  )
  .join('\n')}
    </section>
    <section class="c-pageProductMovie_row" data-testid="more-movies">
${rail.map((d) => `      <div class="c-finderProductCard"><div class="c-finderProductCard_title"><h3>${esc(d.title)}</h3></div><div class="c-siteReviewScore"><span>${d.score}</span></div></div>`).join('\n')}
    </section>
  </div></div></div>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Legacy (≤2022) markup

function renderLegacy(movie: SandboxMovie, mc: SandboxMetacritic, url: string, catalog: SandboxCatalog): string {
  const path = `${PREFIX}/movie/${mc.slug}`;
  const cls = (s: number | null, scale: number) =>
    s === null ? 'tbd' : (s / scale) * 100 >= 61 ? 'positive' : (s / scale) * 100 >= 40 ? 'mixed' : 'negative';
  const rail = decoys(catalog, movie);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(movie.title)} Reviews - Metacritic</title>
  <link rel="canonical" href="${esc(url)}">
  <meta property="og:title" content="${esc(movie.title)}">
</head>
<body class="movie_product">
  <div id="main_content" class="content_wrapper">
    <div class="product_page_title oswald"><h1>${esc(movie.title)}</h1><span class="release_year lighter">${movie.releaseDate.slice(0, 4)}</span></div>
    <div class="details main_details">
      <div class="ms_wrapper">
        <a class="metascore_anchor" href="${path}/critic-reviews"><div class="metascore_w larger movie ${cls(mc.metascore, 100)}">${mc.metascore ?? 'tbd'}</div></a>
        <div class="summary"><div class="label">Metascore</div>
${mc.metascore !== null && mc.criticReviews !== null ? `          <span class="based_on">based on ${thousands(mc.criticReviews)} Critic Reviews</span>` : ''}
        </div>
      </div>
      <div class="us_wrapper">
        <a class="metascore_anchor" href="${path}/user-reviews"><span class="metascore_w user larger movie ${cls(mc.userScore, 10)}">${mc.userScore === null ? 'tbd' : mc.userScore.toFixed(1)}</span></a>
        <div class="summary"><div class="label">User Score</div>
${mc.userScore !== null && mc.userRatings !== null ? `          <span class="based_on">based on ${thousands(mc.userRatings)} Ratings</span>` : ''}
        </div>
      </div>
    </div>
    <div class="critic_reviews">
${rail.map((d) => `      <div class="review pad_top1"><div class="left fl"><div class="metascore_w medium movie ${cls(d.score, 100)} indiv">${d.score}</div></div><div class="review_body">On ${esc(d.title)}.</div></div>`).join('\n')}
    </div>
  </div>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Search, robots.txt, 403/404

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function renderSearch(query: string, catalog: SandboxCatalog): string {
  const words = fold(query).split(' ').filter(Boolean);
  const raw = query.trim();
  // Titles without letters or digits (emoji only) are matched verbatim, as a search engine would.
  const matches = (title: string) => (words.length ? words.every((w) => fold(title).split(' ').includes(w)) : raw !== '' && title.includes(raw));
  const hits = catalog.movies
    .filter((m) => m.metacritic && matches(m.title))
    .sort((a, b) => b.popularity - a.popularity || a.tmdbId - b.tmdbId)
    .slice(0, 10);
  const items = hits
    .map((m) => {
      const mc = m.metacritic as SandboxMetacritic;
      return `      <div data-testid="search-result-item" class="c-pageSiteSearch-results-item">
        <a href="${PREFIX}/movie/${esc(mc.slug)}/" class="c-pageSiteSearch-results-item_link">
          <p data-testid="product-title" class="g-text-medium-fluid g-text-bold">${esc(m.title)}</p>
          <div class="u-flexbox"><span class="u-text-uppercase">movie</span><span data-testid="product-release-date">${m.releaseDate.slice(0, 4)}</span></div>
          <div class="c-siteReviewScore"><span>${mc.metascore ?? 'tbd'}</span></div>
        </a>
      </div>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(query)} - Search Results - Metacritic</title></head>
<body>
  <div class="c-pageSiteSearch-results" data-testid="search-results">
${items || '      <p class="c-pageSiteSearch-noResults">No Results Found</p>'}
  </div>
</body>
</html>
`;
}

function renderRobots(catalog: SandboxCatalog): string {
  const blocked = catalog.movies
    .filter((m) => m.metacritic && metacriticSlugBlockedByRobots(m.metacritic.slug))
    .map((m) => (m.metacritic as SandboxMetacritic).slug)
    .sort();
  const lines = blocked.flatMap((slug) => [`Disallow: /movie/${slug}$`, `Disallow: /movie/${slug}/`]);
  return ['# Metacritic (offline sandbox)', 'User-agent: *', 'Disallow: /api/', 'Disallow: /user/', 'Disallow: /login', ...lines, ''].join('\n');
}

function forbidden(): SandboxResponse {
  return html(403, '<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>You don\'t have permission to access this resource.</p></body></html>\n');
}

function notFound(): SandboxResponse {
  return html(404, '<!DOCTYPE html>\n<html lang="en"><head><title>404 Page Not Found - Metacritic</title></head><body><h1>Page Not Found</h1><p>We couldn\'t find the page you were looking for.</p></body></html>\n');
}

function userAgent(req: SandboxRequest): string {
  const ua = req.headers['user-agent'];
  return (Array.isArray(ua) ? ua.join(' ') : (ua ?? '')).trim();
}

function handle(req: SandboxRequest, catalog: SandboxCatalog): SandboxResponse | undefined {
  if (!userAgent(req)) return forbidden();
  if (req.method !== 'GET' && req.method !== 'HEAD') return html(405, '<h1>405 Method Not Allowed</h1>');
  const search = /^\/search\/([^/]*)\/?$/.exec(req.path);
  if (search) {
    let q: string;
    try {
      q = decodeURIComponent(search[1]);
    } catch {
      q = search[1];
    }
    return html(200, renderSearch(q, catalog));
  }
  const m = /^\/movie\/([^/]+)\/?$/.exec(req.path);
  if (!m) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]);
  } catch {
    return notFound();
  }
  const movie = bySlug(catalog).get(slug);
  if (!movie?.metacritic) return notFound();
  const mc = movie.metacritic;
  const url = `${origin(req)}${PREFIX}/movie/${mc.slug}/`;
  return html(200, mc.layout === 'legacy' ? renderLegacy(movie, mc, url, catalog) : renderCurrent(movie, mc, url, catalog));
}

export const metacriticSite: SandboxSite = {
  prefix: PREFIX,
  robotsTxt: renderRobots,
  handle,
};
