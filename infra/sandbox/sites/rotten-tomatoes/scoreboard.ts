/** ~2021–2023 movie page: <score-board> attributes and slots, and on most pages the scoreDetails JSON island. */
import { formatThousands } from '../../numbers';
import { escapeHtml } from '../../responses';
import type { SandboxMovie, SandboxRt } from '../../types';
import { scriptJson } from '../critic-site';
import { FOOTER, head, PREFIX, runtimeText } from './chrome';

export function renderScoreboard(movie: SandboxMovie, rt: SandboxRt, url: string): string {
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
        <score-board audiencestate="${audienceState}" audiencescore="${rt.audienceScore ?? ''}" class="scoreboard" rating="${escapeHtml(movie.omdb?.rated ?? 'NR')}" skeleton="panel" tomatometerscore="${rt.tomatometer ?? ''}" tomatometerstate="${state}" data-qa="score-panel">
          <h1 slot="title" class="scoreboard__title" data-qa="score-panel-movie-title">${escapeHtml(movie.title)}</h1>
          <p slot="info" class="scoreboard__info">${escapeHtml(info)}</p>
          <a slot="critics-count" href="${path}/reviews?intcmp=rt-scorecard_tomatometer-reviews" class="scoreboard__link scoreboard__link--tomatometer" data-qa="tomatometer-review-count">${formatThousands(rt.criticReviews ?? 0)} Reviews</a>
${band ? `          <a slot="audience-count" href="${path}/reviews?type=user&amp;intcmp=rt-scorecard_audience-score-reviews" class="scoreboard__link scoreboard__link--audience" data-qa="audience-rating-count">${escapeHtml(band)}</a>` : ''}
        </score-board>
      </div>
    </div>
${withJson ? `    <script id="scoreDetails" type="application/json">${scriptJson(details)}</script>` : ''}
  </div>
${FOOTER}`;
}
