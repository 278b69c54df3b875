import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { cleanText } from '../critic-pages/values';
import { ParseError } from '../errors';
import type { McLayoutScores } from './types';
import { parseBasedOn, parseMetascore, parseUserScore } from './values';

/**
 * Post-2023 markup: `[data-testid="critic-score-info"]` and `[data-testid="user-score-info"]`
 * blocks (class `c-productScoreInfo`), the score in `.c-siteReviewScore span` (its `title` says
 * "Metascore 66 out of 100" / "User score 8.9 out of 10"), the count in
 * `.c-productScoreInfo_reviewsTotal`. Critic review lists further down reuse
 * `.c-siteReviewScore`, so reads stay inside the two blocks.
 *
 * What makes a page this layout (not just a stray `data-testid`): the hero title header, or at
 * least one score block with a readable score. Real pages always print the score box, with "tbd"
 * when there is no score yet, so a score block without one is a broken page, not a missing score.
 * A garbled page (a bare `critic-score-info` div and no hero, like the sandbox's `malformedRate`
 * body) is therefore not recognised, and a recognised page with an empty score block is a
 * ParseError: quarantined, never recorded as "no scores".
 */

/** What a score box shows: a number (range-checked later) or "tbd". */
const SCORE_TOKEN = /^(?:\d{1,3}(?:\.\d+)?|tbd)$/i;

function scoreText(block: Cheerio<AnyNode>): string {
  const box = block.find('.c-siteReviewScore').first();
  const inner = cleanText(box.find('span').first().text()) || cleanText(box.text());
  if (inner) return inner;
  // Some renders leave the box empty and keep the number only in its title attribute.
  const m = /(\d{1,3}(?:\.\d)?|tbd)\s+out of/i.exec(box.attr('title') ?? '');
  return m ? m[1] : '';
}

function countOf(block: Cheerio<AnyNode>): number | null {
  return parseBasedOn(block.find('.c-productScoreInfo_reviewsTotal').first().text());
}

export function readCurrent($: CheerioAPI, url?: string): McLayoutScores | null {
  let critic = $('[data-testid="critic-score-info"]').first();
  let user = $('[data-testid="user-score-info"]').first();
  if (!critic.length || !user.length) {
    // Without test ids, tell the blocks apart by the user-score box class or their count text.
    const blocks = $('.c-productScoreInfo').toArray().map((el) => $(el));
    const isUser = (b: Cheerio<AnyNode>) =>
      b.find('.c-siteReviewScore_user, [class*="c-siteReviewScore_background-user"]').length > 0 ||
      /user (ratings|score)/i.test(b.text());
    if (!critic.length) critic = blocks.find((b) => !isUser(b)) ?? critic;
    if (!user.length) user = blocks.find((b) => isUser(b)) ?? user;
  }
  if (!critic.length && !user.length) return null;

  const title =
    cleanText($('[data-testid="hero-title"] h1').first().text()) ||
    cleanText($('.c-productHero_title h1').first().text()) ||
    cleanText($('.c-productHero_title').first().text()) ||
    null;
  const found = [
    { name: 'critic', block: critic },
    { name: 'user', block: user },
  ].filter((b) => b.block.length > 0);
  const unreadable = found.filter((b) => !SCORE_TOKEN.test(scoreText(b.block)));
  // Neither a title header nor one readable score: not a Metacritic movie page in this layout.
  if (!title && unreadable.length === found.length) return null;
  if (unreadable.length) {
    throw new ParseError(
      `Metacritic page: the ${unreadable.map((b) => b.name).join(' and ')} score block shows no score (not even "tbd"); broken or truncated page`,
      { url },
    );
  }

  let year: number | null = null;
  for (const el of $('[data-testid="hero-metadata"] .c-heroMetadata_item, .c-heroMetadata .c-heroMetadata_item').toArray()) {
    const m = /^(18[89]\d|19\d\d|20\d\d)$/.exec(cleanText($(el).text()));
    if (m) {
      year = Number(m[1]);
      break;
    }
  }

  return {
    layout: 'current',
    metascore: critic.length ? parseMetascore(scoreText(critic)) : null,
    criticReviews: critic.length ? countOf(critic) : null,
    userScore: user.length ? parseUserScore(scoreText(user)) : null,
    userRatings: user.length ? countOf(user) : null,
    title,
    year,
  };
}
