import type { CheerioAPI } from 'cheerio';
import { ParseError, SourceError } from '../errors';
import { ratingObservationSchema } from '../records';
import { loadPage } from './load-page';

export interface CriticParseContext {
  /** ISO-8601 with offset; stamped on every observation. */
  observedAt: string;
  /** Where the page came from; else the page's canonical URL. */
  url?: string;
}

/**
 * The contract both critic-page parsers keep: a bad observation stamp is the caller's bug (a
 * TypeError, before any parsing); typed source errors pass through; anything else that broken
 * markup trips in the DOM library (e.g. absurd nesting) becomes a ParseError, never a crash.
 */
export function parseCriticPage<C extends CriticParseContext, P>(
  html: string,
  ctx: C,
  names: { parser: string; page: string },
  read: ($: CheerioAPI, ctx: C) => P,
): P {
  if (!ratingObservationSchema.shape.observedAt.safeParse(ctx.observedAt).success) {
    throw new TypeError(`${names.parser}: ctx.observedAt must be an ISO-8601 timestamp with offset, got ${ctx.observedAt}`);
  }
  try {
    return read(loadPage(html, names.page, ctx.url), ctx);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new ParseError(`${names.page} could not be parsed: ${(err as Error)?.message ?? String(err)}`, { url: ctx.url, cause: err });
  }
}
