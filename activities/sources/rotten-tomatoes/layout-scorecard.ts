import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { isObject, Json, readScriptJson } from '../critic-pages/page-json';
import type { RtLayoutScores } from './types';
import { cleanText, parseCount, parsePercent } from '../critic-pages/values';

/**
 * 2024+ layout: `<script id="media-scorecard-json">` (criticsScore / audienceScore) and the
 * `<media-scorecard>` element's slots. Slot names exist in camelCase ("criticsScore") and
 * kebab-case ("critics-score"), and carousels of other films reuse the same slots, so slots
 * are only ever read inside the scorecard element.
 */

const SLOTS = {
  criticsScore: ['criticsScore', 'critics-score'],
  criticsReviews: ['criticsReviews', 'critics-reviews'],
  audienceScore: ['audienceScore', 'audience-score'],
  audienceReviews: ['audienceReviews', 'audience-reviews'],
} as const;

function slotText(card: Cheerio<AnyNode>, names: readonly string[]): string | null {
  for (const name of names) {
    const el = card.find(`[slot="${name}"]`).first();
    if (el.length) return cleanText(el.text());
  }
  return null;
}

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

export function readScorecard($: CheerioAPI): RtLayoutScores | null {
  const card = $('media-scorecard').first().length ? $('media-scorecard').first() : $('div.media-scorecard').first();
  const json = readScriptJson($, 'script#media-scorecard-json');
  if (!card.length && !json) return null;

  const critics = obj(json?.criticsScore);
  const audience = obj(json?.audienceScore);
  const audienceHidden = json?.hideAudienceScore === true || card.attr('hideaudiencescore') === 'true';

  const tomatometer =
    parsePercent(critics.score) ?? parsePercent(critics.scorePercent) ?? parsePercent(slotText(card, SLOTS.criticsScore));
  const criticReviews =
    parseCount(critics.reviewCount).value ?? parseCount(slotText(card, SLOTS.criticsReviews) ?? undefined).value;

  let audienceScore =
    parsePercent(audience.score) ?? parsePercent(audience.scorePercent) ?? parsePercent(slotText(card, SLOTS.audienceScore));
  let audienceCount = parseCount(audience.bandedRatingCount);
  if (audienceCount.value === null) audienceCount = parseCount(slotText(card, SLOTS.audienceReviews) ?? undefined);
  if (audienceCount.value === null && audienceCount.bandText === null) audienceCount = parseCount(audience.ratingCount);
  if (audienceHidden) audienceScore = null;

  const criticIcon = card.find('score-icon-critics').first();
  const audienceIcon = card.find('score-icon-audience').first();
  const certifiedFresh = critics.certified === true || criticIcon.attr('certified') === 'true';
  const verifiedHot = !audienceHidden && (audience.certified === true || audienceIcon.attr('certified') === 'true');

  const hero = readScriptJson($, 'script#media-hero-json');
  const heroContent = obj(hero?.content);
  const heroTitle = typeof heroContent.title === 'string' ? cleanText(heroContent.title) : '';
  const title = heroTitle || cleanText($('media-hero [slot="title"]').first().text()) || null;

  const props: string[] = Array.isArray(heroContent.metadataProps) ? heroContent.metadataProps.map(String) : [];
  for (const el of $('media-hero [slot="metadataProp"], media-hero [slot="metadata-prop"]').toArray()) {
    props.push($(el).text());
  }
  // "Released Jul 21, 2023" / "In Theaters ..." name the release; a "Streaming ..." date can be years later.
  const yearOf = (p: string) => /\b(18[89]\d|19\d\d|20\d\d)\b/.exec(p)?.[1];
  const release = props.find((p) => /released|in theaters/i.test(p) && yearOf(p)) ?? props.find((p) => !/streaming/i.test(p) && yearOf(p));
  const year = release ? Number(yearOf(release)) : null;

  return {
    layout: 'scorecard-2024',
    tomatometer,
    criticReviews,
    audienceScore,
    audienceCount: audienceHidden ? { value: null, bandText: null } : audienceCount,
    certifiedFresh,
    verifiedHot,
    title,
    year,
  };
}
