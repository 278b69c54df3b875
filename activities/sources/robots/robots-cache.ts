import { RateLimitedError, SourceError } from '../errors';
import type { HttpRequest, HttpResponse } from '../http';
import { RobotsPolicy } from './robots-policy';

/** What the robots layer needs from the HTTP client (HttpClient satisfies it). */
export interface PageHttp {
  get(req: HttpRequest): Promise<HttpResponse>;
}

export interface RobotsCacheOptions {
  http: PageHttp;
  /** Sent when fetching robots.txt. */
  userAgent: string;
  /** How long a fetched (or missing) robots.txt is trusted; RFC 9309 says at most 24 h. */
  ttlMs?: number;
  /** How long "unreachable → disallow all" holds before robots.txt is asked again. */
  failureTtlMs?: number;
  now?: () => number;
  log?: (event: { level: 'info' | 'warn'; msg: string; [k: string]: unknown }) => void;
}

// 4xx/5xx come back to us instead of being thrown, so that we decide what they mean (RFC 9309
// §2.3.1); 408/429 stay with the HTTP client, which retries them honouring Retry-After.
const PASS_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i).filter((s) => s !== 408 && s !== 429);

/**
 * robots.txt per site base URL (`<baseUrl>/robots.txt`), fetched once and cached:
 * - 2xx: the file's rules;
 * - 4xx (404 included) or a redirect loop: no usable file → allow all (RFC 9309 §2.3.1.3);
 * - 5xx, timeouts, network errors: unreachable → disallow all (RFC 9309 §2.3.1.4) for
 *   `failureTtlMs`, then asked again. 429 is not swallowed: it surfaces as RateLimitedError.
 */
export class RobotsCache {
  private readonly entries = new Map<string, { policy: Promise<RobotsPolicy>; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly o: RobotsCacheOptions) {
    this.now = o.now ?? Date.now;
  }

  robotsUrl(baseUrl: string): string {
    return `${baseUrl.replace(/\/+$/, '')}/robots.txt`;
  }

  async get(site: string, baseUrl: string, signal?: AbortSignal): Promise<RobotsPolicy> {
    const key = baseUrl.replace(/\/+$/, '');
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.policy;
    const policy = this.load(site, key, signal);
    // Concurrent callers share one fetch; the expiry is set once we know the outcome.
    this.entries.set(key, { policy, expiresAt: Number.POSITIVE_INFINITY });
    try {
      const p = await policy;
      const ttl = p.source === 'unreachable' ? (this.o.failureTtlMs ?? 10 * 60_000) : (this.o.ttlMs ?? 24 * 3_600_000);
      this.entries.set(key, { policy, expiresAt: this.now() + ttl });
      return p;
    } catch (err) {
      this.entries.delete(key);
      throw err;
    }
  }

  /** Forget every cached robots.txt (tests, or after a configuration change). */
  clear(): void {
    this.entries.clear();
  }

  private async load(site: string, baseUrl: string, signal?: AbortSignal): Promise<RobotsPolicy> {
    const url = this.robotsUrl(baseUrl);
    let res: HttpResponse;
    try {
      res = await this.o.http.get({ site, url, headers: { 'user-agent': this.o.userAgent }, signal, passStatuses: PASS_STATUSES });
    } catch (err) {
      if (signal?.aborted || err instanceof RateLimitedError || !(err instanceof SourceError)) throw err;
      this.o.log?.({ level: 'warn', msg: `robots.txt unreachable (${err.message}): treating ${baseUrl} as disallowed for now`, site });
      return RobotsPolicy.disallowAll(baseUrl, `robots.txt unreachable: ${err.type}`);
    }
    if (res.status >= 200 && res.status < 300) return RobotsPolicy.fromText(baseUrl, res.body);
    if (res.status >= 500) {
      this.o.log?.({ level: 'warn', msg: `robots.txt answered HTTP ${res.status}: treating ${baseUrl} as disallowed for now`, site });
      return RobotsPolicy.disallowAll(baseUrl, `robots.txt HTTP ${res.status}`);
    }
    // 4xx, or a redirect chain the client gave up on: no usable file.
    return RobotsPolicy.allowAll(baseUrl, `robots.txt HTTP ${res.status}`);
  }
}
