/** Legacy (≤2022) movie page: `.metascore_w` badges, the large ones this movie's. */
import { formatThousands } from '../../numbers';
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMetacritic, SandboxMovie } from '../../types';
import { decoys, PREFIX } from './page-parts';

export function renderLegacy(movie: SandboxMovie, mc: SandboxMetacritic, url: string, catalog: SandboxCatalog): string {
  const path = `${PREFIX}/movie/${mc.slug}`;
  const cls = (s: number | null, scale: number) =>
    s === null ? 'tbd' : (s / scale) * 100 >= 61 ? 'positive' : (s / scale) * 100 >= 40 ? 'mixed' : 'negative';
  const rail = decoys(catalog, movie);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(movie.title)} Reviews - Metacritic</title>
  <link rel="canonical" href="${escapeHtml(url)}">
  <meta property="og:title" content="${escapeHtml(movie.title)}">
</head>
<body class="movie_product">
  <div id="main_content" class="content_wrapper">
    <div class="product_page_title oswald"><h1>${escapeHtml(movie.title)}</h1><span class="release_year lighter">${movie.releaseDate.slice(0, 4)}</span></div>
    <div class="details main_details">
      <div class="ms_wrapper">
        <a class="metascore_anchor" href="${path}/critic-reviews"><div class="metascore_w larger movie ${cls(mc.metascore, 100)}">${mc.metascore ?? 'tbd'}</div></a>
        <div class="summary"><div class="label">Metascore</div>
${mc.metascore !== null && mc.criticReviews !== null ? `          <span class="based_on">based on ${formatThousands(mc.criticReviews)} Critic Reviews</span>` : ''}
        </div>
      </div>
      <div class="us_wrapper">
        <a class="metascore_anchor" href="${path}/user-reviews"><span class="metascore_w user larger movie ${cls(mc.userScore, 10)}">${mc.userScore === null ? 'tbd' : mc.userScore.toFixed(1)}</span></a>
        <div class="summary"><div class="label">User Score</div>
${mc.userScore !== null && mc.userRatings !== null ? `          <span class="based_on">based on ${formatThousands(mc.userRatings)} Ratings</span>` : ''}
        </div>
      </div>
    </div>
    <div class="critic_reviews">
${rail.map((d) => `      <div class="review pad_top1"><div class="left fl"><div class="metascore_w medium movie ${cls(d.score, 100)} indiv">${d.score}</div></div><div class="review_body">On ${escapeHtml(d.title)}.</div></div>`).join('\n')}
    </div>
  </div>
</body>
</html>
`;
}
