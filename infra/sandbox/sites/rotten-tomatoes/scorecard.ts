/** 2024+ movie page: <media-scorecard> with slots (camelCase or kebab-case) and, on most pages, its JSON island. */
import { formatThousands } from '../../numbers';
import { escapeHtml } from '../../responses';
import type { SandboxCatalog, SandboxMovie, SandboxRt } from '../../types';
import { scriptJson } from '../critic-site';
import { FOOTER, head, neighbours, PREFIX, releasedText, runtimeText } from './chrome';

export function renderScorecard(movie: SandboxMovie, rt: SandboxRt, url: string, catalog: SandboxCatalog): string {
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
            <rt-link slot="title" href="${PREFIX}/m/${escapeHtml(r.slug)}">${escapeHtml(n.title)}</rt-link>
          </div>
        </tile-dynamic>`;
    })
    .join('\n');

  return `${head(movie, rt, url, `${movie.title} | Rotten Tomatoes`)}
<body class="body no-touch">
  <div id="main-page-content">
    <media-hero averagecolorhsl="205,22%,37%" mediatype="Movie" data-adobe-id="media-hero">
      <rt-text slot="title" size="1.25" context="heading">${escapeHtml(movie.title)}</rt-text>
${props.map((p) => `      <rt-text slot="${slot('metadataProp')}" context="label" size="0.875">${escapeHtml(p)}</rt-text>`).join('\n')}
${movie.genres.map((g) => `      <rt-text slot="${slot('metadataGenre')}" context="label" size="0.875">${escapeHtml(g.name)}</rt-text>`).join('\n')}
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
${rt.criticReviews ? `        <rt-link slot="${slot('criticsReviews')}" size="0.75" href="${path}/reviews">${formatThousands(rt.criticReviews)} Reviews</rt-link>` : ''}
        <rt-button slot="${slot('audienceScoreIcon')}" theme="transparent">
          <score-icon-audience certified="${rt.verifiedHot}" sentiment="${sentiment(rt.audienceScore)}" size="2.5"></score-icon-audience>
        </rt-button>
        <rt-text slot="${slot('audienceScore')}"${rt.audienceScore === null ? ' class="audience-score-empty"' : ''} context="label" size="1.375">${audience}</rt-text>
        <rt-text slot="${slot('audienceScoreType')}" context="label" size="0.75">Popcornmeter</rt-text>
${rt.audienceCountText ? `        <rt-link slot="${slot('audienceReviews')}" size="0.75" href="${path}/reviews?type=user">${escapeHtml(rt.audienceCountText)}</rt-link>` : ''}
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
