import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpRequest, HttpResponse } from '../../sources/http';
import type { PageHttp } from '../../sources/robots';

/**
 * Counts the requests one activity call makes through a PageFetcher shared by the whole worker:
 * the fetcher's HTTP goes through `meteredHttp`, which charges the meter of the async context
 * that made the call, so concurrent activities on one worker each count only their own.
 * It also keeps the bodies of the current movie's pages, because a page that fails to parse
 * must be kept as a raw object for the quarantine row (the resolver's ParseError has only its URL).
 */
export class RequestMeter {
  requests = 0;
  private bodies = new Map<string, string>();
  private lastHtml: string | null = null;

  record(req: HttpRequest, res: HttpResponse): void {
    if (res.status === 200) {
      this.bodies.set(req.url, res.body);
      this.lastHtml = res.body;
    }
  }

  /** The body fetched for `url`, else the last 200 body of the movie (a redirect changes the URL). */
  bodyOf(url: string | undefined): string | null {
    return (url !== undefined ? this.bodies.get(url) : undefined) ?? this.lastHtml;
  }

  /** Forget the previous movie's pages. */
  nextMovie(): void {
    this.bodies = new Map();
    this.lastHtml = null;
  }
}

const current = new AsyncLocalStorage<RequestMeter>();

export function withMeter<T>(meter: RequestMeter, fn: () => Promise<T>): Promise<T> {
  return current.run(meter, fn);
}

export function meteredHttp(http: PageHttp): PageHttp {
  return {
    async get(req: HttpRequest): Promise<HttpResponse> {
      const meter = current.getStore();
      // Counted before the call: a request that fails still cost the site a request.
      if (meter) meter.requests += 1;
      const res = await http.get(req);
      meter?.record(req, res);
      return res;
    },
  };
}
