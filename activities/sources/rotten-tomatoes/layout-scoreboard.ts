import type { CheerioAPI } from 'cheerio';
import { isObject, Json, readScriptJson } from '../critic-pages/page-json';
import type { RtLayoutScores } from './types';
import { cleanText, ParsedCount, parseCount, parsePercent } from '../critic-pages/values';

/**
 * ~2021–2023 layout: `<score-board tomatometerscore=".." audiencescore=".." tomatometerstate="certified-fresh">`
 * (renamed `<score-board-deprecated>` during 2023, same attributes, title/info as `h1.title` / `p.info`)
 * with `critics-count` / `audience-count` slot links, and `<script id="scoreDetails">` (also
 * seen as `score-details-json`) whose `scoreboard` scores are numbers, strings ("" = none) or
 * `{value: n}` objects depending on the year.
 */

function scoreOf(v: unknown): number | null {
  if (isObject(v)) return parsePercent(v.value ?? v.score);
  return parsePercent(v);
}

function isCertifiedFresh(state: unknown): boolean {
  return typeof state === 'string' && /^certified[-_ ]?fresh$/i.test(state.trim());
}

export function readScoreboard($: CheerioAPI): RtLayoutScores | null {
  const board = $('score-board').length ? $('score-board').first() : $('score-board-deprecated').first();
  const details = readScriptJson($, 'script#scoreDetails, script#score-details-json');
  const sb: Json | null = details && isObject(details.scoreboard) ? details.scoreboard : null;
  if (!board.length && !sb) return null;

  const attr = (name: string) => board.attr(name) ?? board.attr(name.replace(/score$|state$/, (m) => `-${m}`));

  const tomatometer = scoreOf(sb?.tomatometerScore) ?? parsePercent(attr('tomatometerscore'));
  const criticReviews =
    parseCount(sb?.tomatometerCount).value ?? parseCount(cleanText(board.find('[slot="critics-count"]').first().text())).value;

  const audienceScore = scoreOf(sb?.audienceScore) ?? parsePercent(attr('audiencescore'));
  let audienceCount: ParsedCount = { value: null, bandText: null };
  if (typeof sb?.audienceBandedRatingCount === 'string' && sb.audienceBandedRatingCount.trim() !== '') {
    const copy = typeof sb.audienceRatingCopy === 'string' ? sb.audienceRatingCopy : 'Ratings';
    audienceCount = parseCount(`${sb.audienceBandedRatingCount} ${copy}`);
  }
  if (audienceCount.value === null) audienceCount = parseCount(cleanText(board.find('[slot="audience-count"]').first().text()));
  if (audienceCount.value === null && audienceCount.bandText === null) audienceCount = parseCount(sb?.audienceCount);

  const certifiedFresh = isCertifiedFresh(sb?.tomatometerState) || isCertifiedFresh(attr('tomatometerstate'));

  const title =
    cleanText(board.find('[slot="title"], h1.title, .scoreboard__title').first().text()) || (typeof sb?.title === 'string' ? cleanText(sb.title) : '') || null;
  const info = cleanText(board.find('[slot="info"], p.info, .scoreboard__info').first().text()) || (typeof sb?.info === 'string' ? sb.info : '');
  const yearMatch = /^\s*(18[89]\d|19\d\d|20\d\d)\b/.exec(info);

  return {
    layout: 'scoreboard-2021',
    tomatometer,
    criticReviews,
    audienceScore,
    audienceCount,
    certifiedFresh,
    verifiedHot: false,
    title,
    year: yearMatch ? Number(yearMatch[1]) : null,
  };
}
