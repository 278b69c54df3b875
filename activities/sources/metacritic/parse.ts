import type { CheerioAPI } from 'cheerio';
import { parseCriticPage } from '../critic-pages/parse-page';
import { ParseError } from '../errors';
import { RatingObservation, ratingObservationSchema, to0to100 } from '../records';
import { readCurrent } from './layout-current';
import { readLegacy } from './layout-legacy';
import { readPageMeta } from './page-meta';
import type { McLayoutScores, McParseContext, MetacriticPage } from './types';

export type { MetacriticPage, MetacriticPageLayout, McParseContext } from './types';

/**
 * Reads a Metacritic movie page: Metascore (0..100) with its critic count, user score (0..10,
 * "tbd" → null) with its rating count. The current data-testid markup is tried first, then the
 * legacy `.metascore_w` markup; JSON-LD fills a missing Metascore and is the last resort alone.
 *
 * A page that is not recognisably a Metacritic movie page is a ParseError (quarantined, never
 * recorded as "no scores"): no layout at all, a garbled one (see `readCurrent`), or an HTML
 * document cut short — one that opens `<html>` but never closes it, where the last number read
 * could be "6" of "67". Score-less real pages ("tbd") are complete and parse with nulls.
 */
export function parseMetacriticPage(html: string, ctx: McParseContext): MetacriticPage {
  return parseCriticPage(html, ctx, { parser: 'parseMetacriticPage', page: 'Metacritic page' }, ($, c) => {
    if (isCutShort(html)) {
      throw new ParseError('Metacritic page: the HTML document never ends (no </html>); truncated page', { url: c.url });
    }
    return read($, c);
  });
}

/** A whole document (doctype or <html> first) without its closing </html>. Fragments are not checked. */
function isCutShort(html: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html[\s>])/i.test(html) && !/<\/html\s*>/i.test(html);
}

function read($: CheerioAPI, ctx: McParseContext): MetacriticPage {
  const meta = readPageMeta($);
  const layout: McLayoutScores | null = readCurrent($, ctx.url) ?? readLegacy($) ?? jsonLdOnly(meta);
  if (!layout) {
    throw new ParseError(
      'Metacritic page: none of the known score layouts (data-testid score blocks with a readable score or under the title header, .metascore_w, JSON-LD) is present',
      { url: ctx.url },
    );
  }

  const metascore = layout.metascore ?? meta.jsonLd?.metascore ?? null;
  const criticReviews = layout.criticReviews ?? meta.jsonLd?.criticReviews ?? null;
  const url = ctx.url ?? meta.canonicalUrl;
  const base = { source: 'metacritic', via: 'direct', voteCountText: null, observedAt: ctx.observedAt, url } as const;
  const observations: RatingObservation[] = [
    ratingObservationSchema.parse({
      ...base,
      metric: 'critic',
      value: metascore,
      scaleMax: 100,
      value0to100: to0to100(metascore, 100),
      voteCount: criticReviews,
    }),
    ratingObservationSchema.parse({
      ...base,
      metric: 'user',
      value: layout.userScore,
      scaleMax: 10,
      value0to100: to0to100(layout.userScore, 10),
      voteCount: layout.userRatings,
    }),
  ];

  return {
    title: layout.title ?? meta.title,
    year: meta.year ?? layout.year,
    url,
    layout: layout.layout,
    metascore,
    criticReviews,
    userScore: layout.userScore,
    userRatings: layout.userRatings,
    observations,
  };
}

function jsonLdOnly(meta: ReturnType<typeof readPageMeta>): McLayoutScores | null {
  if (!meta.jsonLd) return null;
  return { layout: 'json-ld', metascore: meta.jsonLd.metascore, criticReviews: meta.jsonLd.criticReviews, userScore: null, userRatings: null, title: null, year: null };
}
