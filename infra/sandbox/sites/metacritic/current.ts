/** Current (post-2023) movie page: data-testid score blocks, JSON-LD when the movie's `jsonLd` says so. */
import { formatThousands } from '../../numbers';
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMetacritic, SandboxMovie } from '../../types';
import { scriptJson } from '../critic-site';
import { decoys, PREFIX } from './page-parts';

/** The words Metacritic puts under a score. */
function sentiment(score: number | null, scale: number): string {
  if (score === null) return 'No score yet';
  const s = (score / scale) * 100;
  return s >= 81 ? 'Universal Acclaim' : s >= 61 ? 'Generally Favorable' : s >= 40 ? 'Mixed or Average' : 'Generally Unfavorable';
}

/** The score box colour class. */
function color(score: number | null, scale: number): string {
  if (score === null) return 'inactive';
  const s = (score / scale) * 100;
  return s >= 61 ? 'green' : s >= 40 ? 'yellow' : 'red';
}

export function renderCurrent(movie: SandboxMovie, mc: SandboxMetacritic, url: string, catalog: SandboxCatalog): string {
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
  <title>${escapeHtml(movie.title)} reviews - Metacritic</title>
  <meta name="description" content="${escapeHtml(movie.overview.slice(0, 300))}">
  <link rel="canonical" href="${escapeHtml(url)}">
  <meta property="og:title" content="${escapeHtml(movie.title)} reviews">
  <meta property="og:url" content="${escapeHtml(url)}">${ld}
</head>
<body>
  <div id="__nuxt"><div id="__layout"><div class="c-layoutDefault_page">
    <div class="c-productHero">
      <div class="c-productHero_title g-inner-spacing-bottom-medium" data-testid="hero-title"><h1 class="g-text-bold">${escapeHtml(movie.title)}</h1></div>
      <div class="c-heroMetadata u-flexbox" data-testid="hero-metadata"><ul>
        <li class="c-heroMetadata_item u-inline"><span>${year}</span></li>
        <li class="c-heroMetadata_item u-inline"><span>${escapeHtml(movie.omdb?.rated ?? 'Not Rated')}</span></li>
${movie.runtime ? `        <li class="c-heroMetadata_item u-inline"><span>${Math.floor(movie.runtime / 60)} h ${movie.runtime % 60} m</span></li>` : ''}
      </ul></div>
      <div class="c-productHero_score-container u-flexbox u-flexbox-column g-bg-white">
        <div data-testid="critic-score-info" class="c-productScoreInfo u-clearfix g-inner-spacing-bottom-medium">
          <div class="c-productScoreInfo_scoreContent u-flexbox u-flexbox-alignCenter">
            <div class="c-productScoreInfo_text g-outer-spacing-right-auto">
              <div class="c-productScoreInfo_title g-text-bold">Metascore</div>
              <span class="c-productScoreInfo_scoreSentiment g-text-small g-text-bold">${sentiment(mc.metascore, 100)}</span>
${mc.criticReviews !== null && mc.metascore !== null ? `              <span class="c-productScoreInfo_reviewsTotal u-block g-text-xsmall"><a href="${path}critic-reviews/" class="c-productScoreInfo_link"><span>Based on ${formatThousands(mc.criticReviews)} Critic Reviews</span></a></span>` : ''}
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
${mc.userRatings !== null && mc.userScore !== null ? `              <span class="c-productScoreInfo_reviewsTotal u-block g-text-xsmall"><a href="${path}user-reviews/" class="c-productScoreInfo_link"><span>Based on ${formatThousands(mc.userRatings)} User Ratings</span></a></span>` : ''}
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
        <div class="c-siteReview_quote"><span>On ${escapeHtml(d.title)}: a review quote.</span></div></div>`,
  )
  .join('\n')}
    </section>
    <section class="c-pageProductMovie_row" data-testid="more-movies">
${rail.map((d) => `      <div class="c-finderProductCard"><div class="c-finderProductCard_title"><h3>${escapeHtml(d.title)}</h3></div><div class="c-siteReviewScore"><span>${d.score}</span></div></div>`).join('\n')}
    </section>
  </div></div></div>
</body>
</html>
`;
}
