import { ApplicationFailure } from '@temporalio/common';
import { loadConfig } from '../../../config';
import { ConfigError } from '../../../config/errors';
import { startOffset } from '../../../activities/ingest/critics/batch-offset';
import { meteredHttp, RequestMeter, withMeter } from '../../../activities/ingest/critics/request-meter';
import { checkSite, siteSettings } from '../../../activities/ingest/critics/site-settings';
import { StagedRows } from '../../../activities/ingest/critics/staged-rows';
import { outcomeRows } from '../../../activities/ingest/critics/outcome-rows';
import type { HttpRequest, HttpResponse } from '../../../activities/sources/http';
import type { SilverRow, SilverWriter } from '../../../activities/warehouse/silver';

describe('startOffset', () => {
  it('starts at the requested offset, or past it where an earlier attempt heartbeated', () => {
    expect(startOffset(0, undefined, 10)).toBe(0);
    expect(startOffset(4, { offset: 7 }, 10)).toBe(7);
    // A checkpoint behind the workflow's offset (another batch's) never moves it back.
    expect(startOffset(4, { offset: 2 }, 10)).toBe(4);
    expect(startOffset(4, { offset: 'x' }, 10)).toBe(4);
    expect(startOffset(4, { offset: 99 }, 10)).toBe(10);
    expect(startOffset(12, undefined, 10)).toBe(10);
  });

  it('refuses a negative or fractional offset as non-retryable', () => {
    expect(() => startOffset(-1, undefined, 10)).toThrow(ApplicationFailure);
    expect(() => startOffset(1.5, undefined, 10)).toThrow(/Invalid candidate offset/);
  });
});

describe('request meter', () => {
  const fake = (delayMs: number) => ({
    get: async (req: HttpRequest): Promise<HttpResponse> => {
      await new Promise((r) => setTimeout(r, delayMs));
      return { status: req.url.endsWith('/404') ? 404 : 200, headers: {}, body: `body of ${req.url}`, url: req.url };
    },
  });

  it('charges each request to the activity call that made it, even when calls interleave on one fetcher', async () => {
    const http = meteredHttp(fake(2));
    const a = new RequestMeter();
    const b = new RequestMeter();
    await Promise.all([
      withMeter(a, async () => {
        for (let i = 0; i < 5; i++) await http.get({ site: 's', url: `http://x/a${i}` });
      }),
      withMeter(b, async () => {
        for (let i = 0; i < 3; i++) await http.get({ site: 's', url: `http://x/b${i}` });
      }),
    ]);
    expect([a.requests, b.requests]).toEqual([5, 3]);
    await http.get({ site: 's', url: 'http://x/outside' }); // no meter: not counted anywhere
    expect([a.requests, b.requests]).toEqual([5, 3]);
  });

  it("keeps the current movie's 200 bodies by URL, and forgets them for the next movie", async () => {
    const http = meteredHttp(fake(0));
    const m = new RequestMeter();
    await withMeter(m, async () => {
      await http.get({ site: 's', url: 'http://x/page' });
      await http.get({ site: 's', url: 'http://x/404', passStatuses: [404] });
    });
    expect(m.bodyOf('http://x/page')).toBe('body of http://x/page');
    expect(m.bodyOf('http://x/redirected-from')).toBe('body of http://x/page');
    m.nextMovie();
    expect(m.bodyOf('http://x/page')).toBeNull();
  });
});

describe('StagedRows', () => {
  const ctx = { site: 'metacritic' as const, runId: 'r', day: '2026-03-31', checkedAt: '2026-03-31T06:00:00Z', rawObjectKey: null };

  it('stages each table once per flush with all the pending rows, and counts them', async () => {
    const calls: [string, number][] = [];
    const writer = { stage: async (t: string, rows: readonly SilverRow[]) => void calls.push([t, rows.length]) } as unknown as SilverWriter;
    const s = new StagedRows();
    for (let id = 1; id <= 3; id++) s.add(outcomeRows({ status: 'not_found' }, { ...ctx, tmdbId: id }));
    s.add(outcomeRows({ status: 'error', url: 'u', reason: 'bad', body: null }, { ...ctx, tmdbId: 4 }));
    expect(s.movies).toBe(4);
    await s.flush(writer);
    expect(calls).toEqual([
      ['critic_pages', 4],
      ['quarantine', 1],
    ]);
    await s.flush(writer); // nothing pending: no statement
    expect(calls).toHaveLength(2);
    expect(s.counts).toEqual({ critic_pages: 4, quarantine: 1 });
    expect(s.movies).toBe(0);
  });
});

describe('site settings', () => {
  const config = loadConfig();
  const withSources = (rt: string | undefined) => ({ config: { ...config, sources: { ...config.sources, rottenTomatoesBaseUrl: rt as string } } });

  it('reads the site’s limits and base URL (trailing slash dropped)', () => {
    const s = siteSettings(withSources('http://127.0.0.1:9/rt/'), 'rotten_tomatoes');
    expect(s).toMatchObject({ site: 'rotten_tomatoes', configKey: 'rottenTomatoes', baseUrl: 'http://127.0.0.1:9/rt' });
    expect(s.requestsPerActivity).toBe(config.pipeline.sources.rottenTomatoes.requestsPerActivity);
  });

  it('a missing or non-http base URL is a ConfigError', () => {
    expect(() => siteSettings(withSources(''), 'rotten_tomatoes')).toThrow(ConfigError);
    expect(() => siteSettings(withSources('ftp://x/rt'), 'rotten_tomatoes')).toThrow(/misconfigured/);
  });

  it('an unknown site is refused as non-retryable', () => {
    expect(checkSite('metacritic')).toBe('metacritic');
    expect(() => checkSite('imdb')).toThrow(ApplicationFailure);
  });
});
