import type { CheerioAPI } from 'cheerio';
import { cleanText } from '../critic-pages/values';
import type { McLayoutScores } from './types';
import { parseBasedOn, parseMetascore, parseUserScore } from './values';

/**
 * ≤2022 markup: `.metascore_w.larger` (critic) and `.metascore_w.user.larger` (user) inside
 * `.metascore_anchor` links, counts in `.based_on` ("based on 34 Critic Reviews",
 * "based on 1,953 Ratings"), title in `.product_page_title h1`. Review lists and "more movies"
 * rails carry smaller `.metascore_w` badges of other reviews/films, so the large ones win.
 */

export function readLegacy($: CheerioAPI): McLayoutScores | null {
  const badges = $('.metascore_w');
  if (!badges.length && !$('.product_page_title').length) return null;

  const pick = (selectors: string[]) => {
    for (const sel of selectors) {
      const el = $(sel).first();
      if (el.length) return cleanText(el.text());
    }
    return '';
  };
  const metascore = parseMetascore(
    pick([
      '.metascore_w.larger:not(.user)',
      '.ms_wrapper .metascore_w:not(.user)',
      '.metascore_anchor .metascore_w:not(.user)',
      '.main_details .metascore_w:not(.user)',
    ]),
  );
  const userScore = parseUserScore(pick(['.metascore_w.user.larger', '.us_wrapper .metascore_w', '.metascore_anchor .metascore_w.user']));

  const basedOn = $('.based_on, .summary .count')
    .toArray()
    .map((el) => cleanText($(el).text()));
  const criticText = basedOn.find((t) => /critic/i.test(t));
  const userText = basedOn.find((t) => /rating/i.test(t) && !/critic/i.test(t));

  const title = cleanText($('.product_page_title h1').first().text()) || null;
  const yearText = cleanText($('.product_page_title .release_year, .release_year, .release_date').first().text());
  const ym = /\b(18[89]\d|19\d\d|20\d\d)\b/.exec(yearText);

  return {
    layout: 'legacy',
    metascore,
    criticReviews: criticText ? parseBasedOn(criticText) : null,
    userScore,
    userRatings: userText ? parseBasedOn(userText) : null,
    title,
    year: ym ? Number(ym[1]) : null,
  };
}
