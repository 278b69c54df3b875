import { BadRequestError, RateLimitedError, TimeoutError } from '../../../../activities/sources/errors';
import type { HttpRequest, HttpResponse } from '../../../../activities/sources/http';
import { browserLikeUserAgent, PageFetcher, RobotsCache, RobotsPolicy, robotsProductToken, sitePath } from '../../../../activities/sources/robots';

const UA = 'movie-ratings-lakehouse/0.1 (+https://github.com/movie-ratings-lakehouse; data@example.org)';

/** A scripted HTTP fake: answers by URL, records every request. */
class FakeHttp {
  readonly calls: HttpRequest[] = [];
  constructor(private readonly routes: Record<string, Partial<HttpResponse> | Error | (() => Partial<HttpResponse> | Error)>) {}
  async get(req: HttpRequest): Promise<HttpResponse> {
    this.calls.push(req);
    let r = this.routes[req.url];
    if (typeof r === 'function') r = r();
    if (r instanceof Error) throw r;
    const res = { status: 200, headers: {}, body: '', url: req.url, ...(r ?? { status: 404 }) };
    if (res.status >= 400 && !req.passStatuses?.includes(res.status)) throw new Error(`unexpected throw path for ${res.status}`);
    return res as HttpResponse;
  }
  urls(): string[] {
    return this.calls.map((c) => c.url);
  }
}

describe('user agent', () => {
  it('is browser-shaped, honest, and yields the product token for robots groups', () => {
    const ua = browserLikeUserAgent(UA);
    expect(ua).toBe('Mozilla/5.0 (compatible; movie-ratings-lakehouse/0.1 (+https://github.com/movie-ratings-lakehouse; data@example.org))');
    expect(robotsProductToken(ua)).toBe('movie-ratings-lakehouse');
    expect(robotsProductToken(UA)).toBe('movie-ratings-lakehouse');
    expect(browserLikeUserAgent('Mozilla/5.0 (X11) Custom')).toBe('Mozilla/5.0 (X11) Custom');
  });
});

describe('RobotsPolicy', () => {
  const robots = ['User-agent: *', 'Disallow: /m/blocked$', 'Disallow: /search', 'Crawl-delay: 3', '', 'User-agent: movie-ratings-lakehouse', 'Disallow: /private/', 'Allow: /private/ok', ''].join('\n');

  it('matches paths below the base URL (sandbox prefix) and rejects other sites', () => {
    expect(sitePath('http://127.0.0.1:8787/rt/m/x?y=1', 'http://127.0.0.1:8787/rt')).toBe('/m/x?y=1');
    expect(sitePath('http://127.0.0.1:8787/rtx/m/x', 'http://127.0.0.1:8787/rt')).toBeNull();
    expect(sitePath('https://www.rottentomatoes.com/m/x', 'https://www.rottentomatoes.com')).toBe('/m/x');
    expect(sitePath('https://evil.test/m/x', 'https://www.rottentomatoes.com')).toBeNull();
  });

  it('uses the group for our token over "*", and "$" anchors', () => {
    const p = RobotsPolicy.fromText('http://h/rt', robots);
    expect(p.isAllowed('http://h/rt/private/x', 'movie-ratings-lakehouse')).toBe(false);
    expect(p.isAllowed('http://h/rt/private/ok', 'movie-ratings-lakehouse')).toBe(true);
    expect(p.isAllowed('http://h/rt/m/blocked', 'movie-ratings-lakehouse')).toBe(true); // our group has no such rule
    expect(p.isAllowed('http://h/rt/m/blocked', 'otherbot')).toBe(false);
    expect(p.isAllowed('http://h/rt/m/blocked_2019', 'otherbot')).toBe(true);
    expect(p.crawlDelayMs('otherbot')).toBe(3000);
    expect(p.crawlDelayMs('movie-ratings-lakehouse')).toBeNull();
  });

  it('allow-all and disallow-all', () => {
    expect(RobotsPolicy.allowAll('http://h', '404').isAllowed('http://h/anything', 'x')).toBe(true);
    expect(RobotsPolicy.disallowAll('http://h', '500').isAllowed('http://h/', 'x')).toBe(false);
  });
});

describe('RobotsCache', () => {
  it('fetches <baseUrl>/robots.txt once per base URL and shares concurrent fetches', async () => {
    const http = new FakeHttp({ 'http://h/rt/robots.txt': { body: 'User-agent: *\nDisallow: /x\n' } });
    const cache = new RobotsCache({ http, userAgent: UA });
    const [a, b] = await Promise.all([cache.get('rotten_tomatoes', 'http://h/rt/', undefined), cache.get('rotten_tomatoes', 'http://h/rt', undefined)]);
    await cache.get('rotten_tomatoes', 'http://h/rt');
    expect(a).toBe(b);
    expect(http.urls()).toEqual(['http://h/rt/robots.txt']);
    expect(http.calls[0].headers).toEqual({ 'user-agent': UA });
    expect(a.source).toBe('fetched');
  });

  it('treats 404 (and other 4xx) as allow-all', async () => {
    for (const status of [404, 403, 410]) {
      const cache = new RobotsCache({ http: new FakeHttp({ 'http://h/robots.txt': { status } }), userAgent: UA });
      const p = await cache.get('s', 'http://h');
      expect([p.source, p.isAllowed('http://h/m/x', 'bot')]).toEqual(['missing', true]);
    }
  });

  it('treats 5xx and network failures as disallow-all, and asks again after the failure TTL', async () => {
    let now = 1_000;
    let answer: Partial<HttpResponse> | Error = { status: 503 };
    const http = new FakeHttp({ 'http://h/robots.txt': () => answer });
    const log: string[] = [];
    const cache = new RobotsCache({ http, userAgent: UA, now: () => now, failureTtlMs: 60_000, log: (e) => log.push(e.msg) });
    expect((await cache.get('s', 'http://h')).isAllowed('http://h/m/x', 'bot')).toBe(false);
    answer = new TimeoutError('connect timeout');
    now += 30_000;
    expect((await cache.get('s', 'http://h')).source).toBe('unreachable'); // still cached
    now += 31_000;
    const p = await cache.get('s', 'http://h');
    expect([p.source, p.note]).toEqual(['unreachable', 'robots.txt unreachable: TimeoutError']);
    answer = { status: 200, body: '' };
    now += 61_000;
    expect((await cache.get('s', 'http://h')).isAllowed('http://h/m/x', 'bot')).toBe(true);
    expect(http.calls).toHaveLength(3);
    expect(log[0]).toMatch(/HTTP 503: treating http:\/\/h as disallowed/);
  });

  it('lets a 429 surface as RateLimitedError instead of caching a verdict', async () => {
    const http = new FakeHttp({ 'http://h/robots.txt': new RateLimitedError('429', { retryAfterMs: 5000 }) });
    const cache = new RobotsCache({ http, userAgent: UA });
    await expect(cache.get('s', 'http://h')).rejects.toBeInstanceOf(RateLimitedError);
    await expect(cache.get('s', 'http://h')).rejects.toBeInstanceOf(RateLimitedError);
    expect(http.calls).toHaveLength(2);
    expect(http.calls[0].passStatuses).not.toContain(429);
    expect(http.calls[0].passStatuses).toContain(503);
  });
});

describe('PageFetcher', () => {
  const robots = { body: 'User-agent: *\nDisallow: /m/secret\nCrawl-delay: 2\n' };

  it('never requests a disallowed page and sends a browser-like honest UA on allowed ones', async () => {
    const http = new FakeHttp({ 'http://h/rt/robots.txt': robots, 'http://h/rt/m/ok': { body: '<html>ok</html>' } });
    const fetcher = new PageFetcher({ http, userAgent: UA, sleep: async () => undefined });
    const blocked = await fetcher.fetch({ site: 'rotten_tomatoes', baseUrl: 'http://h/rt', url: 'http://h/rt/m/secret' });
    expect(blocked).toEqual({ status: 'blocked_by_robots', url: 'http://h/rt/m/secret', reason: 'disallowed' });
    const ok = await fetcher.fetch({ site: 'rotten_tomatoes', baseUrl: 'http://h/rt', url: 'http://h/rt/m/ok' });
    expect(ok.status === 'fetched' && ok.response.body).toBe('<html>ok</html>');
    expect(http.urls()).toEqual(['http://h/rt/robots.txt', 'http://h/rt/m/ok']);
    expect(http.calls[1].headers?.['user-agent']).toMatch(/^Mozilla\/5\.0 \(compatible; movie-ratings-lakehouse\/0\.1/);
  });

  it('reports robots_unavailable when robots.txt answers 5xx', async () => {
    const http = new FakeHttp({ 'http://h/robots.txt': { status: 500 } });
    const fetcher = new PageFetcher({ http, userAgent: UA });
    expect(await fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/m/x' })).toEqual({ status: 'blocked_by_robots', url: 'http://h/m/x', reason: 'robots_unavailable' });
    expect(http.urls()).toEqual(['http://h/robots.txt']);
  });

  it('honours Crawl-delay between requests to one site (capped by maxCrawlDelayMs)', async () => {
    let now = 0;
    const waits: number[] = [];
    const http = new FakeHttp({ 'http://h/robots.txt': robots, 'http://h/a': {}, 'http://h/b': {}, 'http://h/c': {} });
    const fetcher = new PageFetcher({ http, userAgent: UA, now: () => now, sleep: async (ms) => void waits.push(ms) });
    await fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/a' });
    now += 500;
    await fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/b' });
    expect(waits).toEqual([1500]);
    const capped = new PageFetcher({ http: new FakeHttp({ 'http://h/robots.txt': { body: 'User-agent: *\nCrawl-delay: 3600\n' }, 'http://h/a': {} }), userAgent: UA, now: () => 0, maxCrawlDelayMs: 10_000, sleep: async (ms) => void waits.push(ms) });
    await capped.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/a' });
    await capped.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/a' });
    expect(waits).toEqual([1500, 10_000]);
  });

  it('follows redirects itself and stops at a disallowed target', async () => {
    const http = new FakeHttp({
      'http://h/robots.txt': robots,
      'http://h/m/old': { status: 301, headers: { location: '/m/new' } },
      'http://h/m/new': { body: 'new page' },
      'http://h/m/sneaky': { status: 302, headers: { location: 'http://h/m/secret' } },
    });
    const fetcher = new PageFetcher({ http, userAgent: UA, sleep: async () => undefined });
    const moved = await fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/m/old' });
    expect(moved.status === 'fetched' && moved.response.body).toBe('new page');
    expect(await fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://h/m/sneaky' })).toMatchObject({ status: 'blocked_by_robots', url: 'http://h/m/secret' });
    expect(http.urls()).not.toContain('http://h/m/secret');
  });

  it('refuses URLs outside the configured site', async () => {
    const fetcher = new PageFetcher({ http: new FakeHttp({}), userAgent: UA });
    await expect(fetcher.fetch({ site: 's', baseUrl: 'http://h', url: 'http://elsewhere/m/x' })).rejects.toBeInstanceOf(BadRequestError);
  });
});
