import type { CheerioAPI } from 'cheerio';
import { parseCriticPage } from '../critic-pages/parse-page';
import { ParseError } from '../errors';
import { RatingObservation, ratingObservationSchema, to0to100 } from '../records';
import { readMop } from './layout-mop';
import { readScoreboard } from './layout-scoreboard';
import { readScorecard } from './layout-scorecard';
import { readPageMeta } from './page-meta';
import type { RottenTomatoesPage, RtLayoutScores, RtParseContext } from './types';

export type { RottenTomatoesPage, RtPageLayout, RtParseContext } from './types';

/**
 * Reads a Rotten Tomatoes movie page into normalized observations. Layouts are tried newest
 * first (2024 scorecard, 2021 score-board, ≤2020 mop-ratings-wrap); JSON-LD fills a missing
 * Tomatometer and is the last resort on its own. A page without any of them is a ParseError;
 * a score the page does not show is null (never 0).
 */
export function parseRottenTomatoesPage(html: string, ctx: RtParseContext): RottenTomatoesPage {
  return parseCriticPage(html, ctx, { parser: 'parseRottenTomatoesPage', page: 'Rotten Tomatoes page' }, read);
}

function read($: CheerioAPI, ctx: RtParseContext): RottenTomatoesPage {
  const meta = readPageMeta($);
  const layout: RtLayoutScores | null = readScorecard($) ?? readScoreboard($) ?? readMop($) ?? jsonLdOnly(meta);
  if (!layout) {
    throw new ParseError('Rotten Tomatoes page: none of the known score layouts (media-scorecard, score-board, mop-ratings-wrap, JSON-LD Tomatometer) is present', { url: ctx.url });
  }

  const tomatometer = layout.tomatometer ?? meta.jsonLd?.tomatometer ?? null;
  const criticReviews = layout.criticReviews ?? meta.jsonLd?.criticReviews ?? null;
  const url = ctx.url ?? meta.canonicalUrl;
  const observedAt = ctx.observedAt;

  const observations: RatingObservation[] = [
    ratingObservationSchema.parse({
      source: 'rotten_tomatoes',
      metric: 'critic',
      via: 'direct',
      value: tomatometer,
      scaleMax: 100,
      value0to100: to0to100(tomatometer, 100),
      voteCount: criticReviews,
      voteCountText: null,
      observedAt,
      url,
    }),
    ratingObservationSchema.parse({
      source: 'rotten_tomatoes',
      metric: 'audience',
      via: 'direct',
      value: layout.audienceScore,
      scaleMax: 100,
      value0to100: to0to100(layout.audienceScore, 100),
      voteCount: layout.audienceCount.value,
      voteCountText: layout.audienceCount.bandText,
      observedAt,
      url,
    }),
  ];

  return {
    title: layout.title ?? meta.title,
    year: layout.year ?? meta.year,
    url,
    layout: layout.layout,
    tomatometer,
    criticReviews,
    audienceScore: layout.audienceScore,
    audienceCount: layout.audienceCount.value,
    audienceCountText: layout.audienceCount.bandText,
    certifiedFresh: layout.certifiedFresh || meta.certifiedFreshHint,
    verifiedHot: layout.verifiedHot,
    observations,
  };
}

function jsonLdOnly(meta: ReturnType<typeof readPageMeta>): RtLayoutScores | null {
  // Alone, only a rating that names itself Tomatometer proves this is an RT page (Metacritic's is unnamed).
  if (!meta.jsonLd?.named) return null;
  return {
    layout: 'json-ld',
    tomatometer: meta.jsonLd.tomatometer,
    criticReviews: meta.jsonLd.criticReviews,
    audienceScore: null,
    audienceCount: { value: null, bandText: null },
    certifiedFresh: false,
    verifiedHot: false,
    title: null,
    year: null,
  };
}
