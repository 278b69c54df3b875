import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { cleanText } from '../critic-pages/values';
import type { McLayoutScores } from './types';
import { parseBasedOn, parseMetascore, parseUserScore } from './values';

/**
 * Post-2023 markup: `[data-testid="critic-score-info"]` and `[data-testid="user-score-info"]`
 * blocks (class `c-productScoreInfo`), the score in `.c-siteReviewScore span` (its `title` says
 * "Metascore 66 out of 100" / "User score 8.9 out of 10"), the count in
 * `.c-productScoreInfo_reviewsTotal`. Critic review lists further down reuse
 * `.c-siteReviewScore`, so reads stay inside the two blocks.
 */

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

export function readCurrent($: CheerioAPI): McLayoutScores | null {
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
