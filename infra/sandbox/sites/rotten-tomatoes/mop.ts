/** ≤2020 movie page: mop-ratings-wrap, with a sidebar of other films' scores. */
import { formatThousands } from '../../numbers';
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMovie, SandboxRt } from '../../types';
import { FOOTER, head, neighbours, PREFIX, releasedText } from './chrome';

export function renderMop(movie: SandboxMovie, rt: SandboxRt, url: string, catalog: SandboxCatalog): string {
  const year = movie.releaseDate.slice(0, 4);
  const icon = rt.tomatometer === null ? 'noScore' : rt.certifiedFresh ? 'certified_fresh' : rt.tomatometer >= 60 ? 'fresh' : 'rotten';
  const sidebar = neighbours(catalog, movie)
    .map((n) => {
      const r = n.rt as SandboxRt;
      const cls = r.certifiedFresh ? 'certified_fresh' : (r.tomatometer ?? 0) >= 60 ? 'fresh' : 'rotten';
      return `          <tr class="sidebarInTheaterOpening"><td class="left_col"><a href="${PREFIX}/m/${escapeHtml(r.slug)}"><span class="icon tiny ${cls}"></span><span class="tMeterScore">${r.tomatometer}%</span></a></td><td class="middle_col"><a href="${PREFIX}/m/${escapeHtml(r.slug)}">${escapeHtml(n.title)}</a></td></tr>`;
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
                ${formatThousands(rt.criticReviews ?? 0)}
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
${rt.audienceCountText ? `              <strong class="mop-ratings-wrap__text--small">${escapeHtml(rt.audienceCountText)}</strong>` : ''}
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
          <h1 class="title hidden-xs heroImageNoMovie-title" data-type="title">${escapeHtml(movie.title)}</h1>
          <span class="h3 year heroImageNoMovie-year">${year}</span>
        </div>
        <div id="topSection">
          <div class="col-sm-17 col-xs-24 score-panel-wrap">
            <div class="mop-ratings-wrap score_panel js-mop-ratings-wrap" data-has-trailer="false">
              <h1 class="mop-ratings-wrap__title mop-ratings-wrap__title--top">${escapeHtml(movie.title)}</h1>
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
          <div id="movieSynopsis" class="movie_synopsis clamp clamp-6 js-clamp">${escapeHtml(movie.overview)}</div>
          <ul class="content-meta info">
            <li class="meta-row clearfix"><div class="meta-label subtle">In Theaters: </div><div class="meta-value"><time datetime="${movie.releaseDate}T17:00:00-07:00">${escapeHtml(releasedText(movie.releaseDate).replace('Released ', ''))}</time></div></li>
          </ul>
        </section>
      </div>
    </section>
  </div>
${FOOTER}`;
}
