import { PageFetcher, RobotsCache } from '../../sources/robots';
import { browserLikeUserAgent } from '../../sources/robots';
import type { CriticSite } from '../../sources/records';
import type { IngestContext } from '../context';
import { meteredHttp } from './request-meter';

/**
 * One PageFetcher per critic site per worker (keyed by the worker's IngestContext): robots.txt is
 * fetched once per cache lifetime, and Crawl-delay spacing, kept inside the fetcher, holds across
 * the activities of the worker instead of restarting with each of them.
 */
const fetchers = new WeakMap<IngestContext, Map<CriticSite, PageFetcher>>();

export function siteFetcher(ctx: IngestContext, site: CriticSite, userAgent: string): PageFetcher {
  let bySite = fetchers.get(ctx);
  if (!bySite) {
    bySite = new Map();
    fetchers.set(ctx, bySite);
  }
  let fetcher = bySite.get(site);
  if (!fetcher) {
    const http = meteredHttp(ctx.http());
    const robots = new RobotsCache({
      http,
      userAgent: browserLikeUserAgent(userAgent),
      log: (e) => ctx.log[e.level](e.msg, { site }),
    });
    fetcher = new PageFetcher({ http, userAgent, robots });
    bySite.set(site, fetcher);
  }
  return fetcher;
}
