import { matchMovie } from '../../sources/critic-match';
import { ParseError } from '../../sources/errors';
import type { RatingObservation } from '../../sources/records';
import { sitePath, type PageFetcher } from '../../sources/robots';
import type { CriticCandidate } from './candidate-list';
import type { RequestMeter } from './request-meter';
import type { SitePages } from './site-pages';

/** What checking one movie on one critic site came to. */
export type MovieOutcome =
  | { status: 'found'; url: string; confidence: number; observations: RatingObservation[]; body: string }
  | { status: 'not_found' }
  | { status: 'blocked_by_robots'; url: string }
  /** robots.txt answered 5xx or not at all: says nothing about the movie (see outcome-rows.ts). */
  | { status: 'robots_unavailable'; url: string }
  /** A page exists but cannot be parsed (layout change): quarantined with its body. */
  | { status: 'error'; url: string | null; reason: string; body: string | null };

export interface CheckEnv {
  fetcher: PageFetcher;
  pages: SitePages;
  site: string;
  baseUrl: string;
  observedAt: string;
  meter: RequestMeter;
  signal?: AbortSignal;
}

/**
 * A movie with a known page: that page is fetched and parsed directly (one request instead of a
 * search); when it is gone (404/410), moved off the configured site or no longer this movie,
 * the movie is resolved again from scratch.
 */
export async function checkMovie(c: CriticCandidate, env: CheckEnv): Promise<MovieOutcome> {
  env.meter.nextMovie();
  if (c.knownUrl && sitePath(c.knownUrl, env.baseUrl) !== null) {
    const direct = await checkKnownPage(c, c.knownUrl, env);
    if (direct) return direct;
  }
  try {
    const r = await env.pages.resolve(
      { title: c.title, originalTitle: c.originalTitle, year: c.year },
      { fetcher: env.fetcher, baseUrl: env.baseUrl, observedAt: env.observedAt, signal: env.signal },
    );
    if (r.status === 'found') return { status: 'found', url: r.url, confidence: r.confidence, observations: r.page.observations, body: r.body };
    if (r.status === 'blocked_by_robots') return { status: r.reason === 'robots_unavailable' ? 'robots_unavailable' : 'blocked_by_robots', url: r.url };
    return { status: 'not_found' };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return { status: 'error', url: err.details.url ?? null, reason: err.message, body: env.meter.bodyOf(err.details.url) };
  }
}

async function checkKnownPage(c: CriticCandidate, url: string, env: CheckEnv): Promise<MovieOutcome | null> {
  const res = await env.fetcher.fetch({ site: env.site, baseUrl: env.baseUrl, url, signal: env.signal, passStatuses: [404, 410] });
  if (res.status === 'blocked_by_robots') return { status: res.reason === 'robots_unavailable' ? 'robots_unavailable' : 'blocked_by_robots', url: res.url };
  if (res.response.status !== 200) return null;
  let page;
  try {
    page = env.pages.parse(res.response.body, url, env.observedAt);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return { status: 'error', url, reason: err.message, body: res.response.body };
  }
  const match = matchMovie({ title: c.title, originalTitle: c.originalTitle, year: c.year }, { title: page.title, year: page.year });
  if (!match.accepted) return null;
  return { status: 'found', url, confidence: match.confidence, observations: page.observations, body: res.response.body };
}
