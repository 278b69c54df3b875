import { BadRequestError } from '../errors';
import type { HttpResponse } from '../http';
import { sleep as defaultSleep, SleepFn } from '../http/sleep';
import { PageHttp, RobotsCache } from './robots-cache';
import { browserLikeUserAgent, robotsProductToken } from './user-agent';

export interface PageFetcherOptions {
  http: PageHttp;
  /** `sources.userAgent` from config: the project's name and contact. */
  userAgent: string;
  /** Shared cache; by default one per fetcher. */
  robots?: RobotsCache;
  /** Crawl-delay beyond this is capped (a robots.txt asking for an hour would stall an activity). */
  maxCrawlDelayMs?: number;
  /** Redirect hops followed, each checked against robots.txt (default 5). */
  maxRedirects?: number;
  now?: () => number;
  sleep?: SleepFn;
}

export interface PageRequest {
  /** Rate-limit key of the HTTP client: 'rotten_tomatoes' | 'metacritic'. */
  site: string;
  /** The site's base URL; robots.txt is `<baseUrl>/robots.txt` and pages must live below it. */
  baseUrl: string;
  url: string;
  signal?: AbortSignal;
  /** Statuses returned instead of thrown (e.g. 404 while probing slugs). */
  passStatuses?: number[];
}

export type PageFetchResult =
  | { status: 'fetched'; response: HttpResponse }
  | {
      status: 'blocked_by_robots';
      url: string;
      /** 'disallowed' by a rule, or 'robots_unavailable' (5xx/unreachable robots.txt: disallow all for now). */
      reason: 'disallowed' | 'robots_unavailable';
    };

const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * Fetches HTML pages politely: robots.txt is consulted before every request (a disallowed page
 * is never requested), its Crawl-delay raises the gap between two requests to the site, and
 * redirects are followed here, hop by hop, so that a redirect cannot lead into a disallowed path.
 */
export class PageFetcher {
  readonly robots: RobotsCache;
  readonly userAgent: string;
  readonly productToken: string;
  private readonly nextSlot = new Map<string, number>();
  private readonly now: () => number;
  private readonly sleep: SleepFn;

  constructor(private readonly o: PageFetcherOptions) {
    this.userAgent = browserLikeUserAgent(o.userAgent);
    this.productToken = robotsProductToken(o.userAgent);
    this.robots = o.robots ?? new RobotsCache({ http: o.http, userAgent: this.userAgent });
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? defaultSleep;
  }

  async fetch(req: PageRequest): Promise<PageFetchResult> {
    let url = req.url;
    const maxRedirects = this.o.maxRedirects ?? 5;
    for (let hop = 0; ; hop++) {
      const base = new URL(req.baseUrl);
      if (new URL(url).origin !== base.origin) {
        throw new BadRequestError(`${url} is not on the configured site ${req.baseUrl}`, { url });
      }
      const policy = await this.robots.get(req.site, req.baseUrl, req.signal);
      if (!policy.isAllowed(url, this.productToken)) {
        return { status: 'blocked_by_robots', url, reason: policy.source === 'unreachable' ? 'robots_unavailable' : 'disallowed' };
      }
      await this.waitCrawlDelay(req.site, policy.crawlDelayMs(this.productToken), req.signal);
      const res = await this.o.http.get({
        site: req.site,
        url,
        signal: req.signal,
        headers: {
          'user-agent': this.userAgent,
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
          'accept-language': 'en-US,en;q=0.9',
        },
        passStatuses: [...REDIRECTS, ...(req.passStatuses ?? [])],
      });
      const location = res.headers['location'];
      if (REDIRECTS.includes(res.status) && location && hop < maxRedirects) {
        url = new URL(location, url).toString();
        continue;
      }
      return { status: 'fetched', response: res };
    }
  }

  /** Crawl-delay is per site and on top of the HTTP client's own rate limit. */
  private async waitCrawlDelay(site: string, delayMs: number | null, signal?: AbortSignal): Promise<void> {
    if (!delayMs) return;
    const gap = Math.min(delayMs, this.o.maxCrawlDelayMs ?? 60_000);
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(site) ?? 0);
    this.nextSlot.set(site, slot + gap);
    if (slot > now) await this.sleep(slot - now, signal);
  }
}
