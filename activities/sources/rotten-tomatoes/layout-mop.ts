import type { CheerioAPI } from 'cheerio';
import type { RtLayoutScores } from './types';
import { cleanText, parseCount } from '../critic-pages/values';

/**
 * ≤2020 layout: `.mop-ratings-wrap` with two `.mop-ratings-wrap__half` blocks (Tomatometer,
 * then `.audience-score`), percentages in `.mop-ratings-wrap__percentage`, the critic count in
 * `small.mop-ratings-wrap__text--small`, the audience count as "User Ratings: 885,688" (or
 * "Verified Ratings: ...") and the certified icon as a `certified_fresh` class. Sidebars on the
 * same page list other films with `tMeterScore` and icon classes, so reads stay inside the wrap.
 */

/** "90%" or "98%\n liked it" → number; "want to see" percentages are anticipation, not scores. */
function percentFrom(text: string): number | null {
  const t = cleanText(text);
  if (/want to see/i.test(t)) return null;
  const m = /(\d{1,3})\s*%/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n : null;
}

export function readMop($: CheerioAPI): RtLayoutScores | null {
  const wrap = $('.mop-ratings-wrap').first();
  if (!wrap.length) return null;

  const halves = wrap.find('.mop-ratings-wrap__half');
  const criticHalf = halves.not('.audience-score').first();
  const audienceHalf = halves.filter('.audience-score').first();

  const tomatometer = percentFrom(criticHalf.find('.mop-ratings-wrap__percentage').first().text());
  let criticReviews = parseCount(criticHalf.find('small.mop-ratings-wrap__text--small').first().text()).value;
  if (criticReviews === null) {
    const total = criticHalf
      .find('.mop-ratings-wrap__text--small')
      .toArray()
      .map((el) => cleanText($(el).text()))
      .find((t) => /count/i.test(t) && /\d/.test(t));
    criticReviews = total ? parseCount(total).value : null;
  }

  // Before release the audience half shows "want to see" anticipation instead of a score.
  const anticipation = /want to see/i.test(cleanText(audienceHalf.text()));
  const audienceScore = anticipation ? null : percentFrom(audienceHalf.find('.mop-ratings-wrap__percentage').first().text());
  const countText = audienceHalf
    .find('.mop-ratings-wrap__text--small')
    .toArray()
    .map((el) => cleanText($(el).text()))
    .find((t) => /ratings?/i.test(t) && /\d/.test(t));
  const audienceCount = countText ? parseCount(countText) : { value: null, bandText: null };

  const icon = criticHalf.find('.mop-ratings-wrap__icon').first();
  const certifiedFresh = icon.hasClass('certified_fresh') || icon.hasClass('certified-fresh');

  const title = cleanText(wrap.find('h1.mop-ratings-wrap__title--top, h1.mop-ratings-wrap__title').first().text()) || null;
  const yearText =
    cleanText($('#heroImageContainer .year, span.year').first().text()) ||
    ($('ul.content-meta time[datetime]').first().attr('datetime') ?? '');
  const ym = /\b(18[89]\d|19\d\d|20\d\d)\b/.exec(yearText);

  return {
    layout: 'mop-2020',
    tomatometer,
    criticReviews,
    audienceScore,
    audienceCount,
    certifiedFresh,
    verifiedHot: false,
    title,
    year: ym ? Number(ym[1]) : null,
  };
}
