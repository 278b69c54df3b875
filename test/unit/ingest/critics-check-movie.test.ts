import { checkMovie, type CheckEnv } from '../../../activities/ingest/critics/check-movie';
import { meteredHttp, RequestMeter, withMeter } from '../../../activities/ingest/critics/request-meter';
import { SITE_PAGES } from '../../../activities/ingest/critics/site-pages';
import type { CriticCandidate } from '../../../activities/ingest/critics/candidate-list';
import type { HttpResponse } from '../../../activities/sources/http';
import { PageFetcher } from '../../../activities/sources/robots';
import { rtSlugBlockedByRobots } from '../../../infra/sandbox/sites/rotten-tomatoes';
import { catalogOf, movie, RT_BASE, SandboxHttp, type HarnessOptions } from '../sources/helpers/sandbox-harness';

/** checkMovie on the sandbox's Rotten Tomatoes pages, in process (no server). */
const observedAt = '2026-03-31T06:00:00.000Z';
let blockedTitle = '';
for (let i = 0; !blockedTitle; i++) if (rtSlugBlockedByRobots(`kept_out_${i}`)) blockedTitle = `Kept Out ${i}`;

const catalog = catalogOf([
  movie({ tmdbId: 1, title: 'The Godfather', releaseDate: '1972-03-24', rt: { slug: 'godfather', layout: 'mop-2020', tomatometer: 90, criticReviews: 71, audienceScore: 98 } }),
  movie({ tmdbId: 2, title: 'Little Women', releaseDate: '2019-12-25', rt: { slug: 'little_women_2019', tomatometer: 95 } }),
  movie({ tmdbId: 3, title: blockedTitle, releaseDate: '2010-05-05', rt: { slug: blockedTitle.toLowerCase().replace(/ /g, '_') } }),
]);
const want = (tmdbId: number, title: string, year: number, knownUrl: string | null = null): CriticCandidate => ({ tmdbId, title, originalTitle: null, year, knownUrl });

function setup(options: HarnessOptions = {}) {
  const http = new SandboxHttp(catalog, options);
  const meter = new RequestMeter();
  const fetcher = new PageFetcher({ http: meteredHttp(http), userAgent: 'test-agent/1.0 (+https://example.org)', sleep: async () => undefined });
  const env: CheckEnv = { fetcher, pages: SITE_PAGES.rotten_tomatoes, site: 'rotten_tomatoes', baseUrl: RT_BASE, observedAt, meter };
  const check = (c: CriticCandidate) => withMeter(meter, () => checkMovie(c, env));
  return { http, meter, check };
}

describe('checkMovie', () => {
  it('fetches a known page directly: one page request, no search', async () => {
    const { http, meter, check } = setup();
    const r = await check(want(1, 'The Godfather', 1972, `${RT_BASE}/m/godfather`));
    expect(r).toMatchObject({ status: 'found', url: `${RT_BASE}/m/godfather`, confidence: 1 });
    if (r.status !== 'found') throw new Error('unreachable');
    expect(r.observations.map((o) => [o.metric, o.value, o.observedAt])).toEqual([
      ['critic', 90, observedAt],
      ['audience', 98, observedAt],
    ]);
    expect(r.body).toContain('Godfather');
    expect(http.urls()).toEqual([`${RT_BASE}/robots.txt`, `${RT_BASE}/m/godfather`]);
    expect(meter.requests).toBe(2);
  });

  it('resolves again when the known page is gone (404) or is another movie now', async () => {
    const gone = setup();
    expect(await gone.check(want(1, 'The Godfather', 1972, `${RT_BASE}/m/the_godfather_old`))).toMatchObject({ status: 'found', url: `${RT_BASE}/m/godfather` });
    expect(gone.http.urls()).toContain(`${RT_BASE}/search?search=The%20Godfather`);

    const other = setup();
    expect(await other.check(want(2, 'Little Women', 2019, `${RT_BASE}/m/godfather`))).toMatchObject({ status: 'found', url: `${RT_BASE}/m/little_women_2019` });
    expect(other.http.urls().slice(0, 3)).toEqual([`${RT_BASE}/robots.txt`, `${RT_BASE}/m/godfather`, `${RT_BASE}/search?search=Little%20Women`]);
  });

  it('ignores a known URL that is not on the configured site (the base URL changed)', async () => {
    const { http, check } = setup();
    expect(await check(want(1, 'The Godfather', 1972, 'https://www.rottentomatoes.com/m/godfather'))).toMatchObject({ status: 'found', url: `${RT_BASE}/m/godfather` });
    expect(http.urls().some((u) => u.startsWith('https://www.rottentomatoes.com'))).toBe(false);
  });

  it('a known page that no longer parses is an error carrying the page body (for quarantine)', async () => {
    const url = `${RT_BASE}/m/godfather`;
    const broken: HttpResponse = { status: 200, headers: {}, body: '<html><body>redesigned</body></html>', url };
    const { check } = setup({ overrides: { [url]: broken } });
    const r = await check(want(1, 'The Godfather', 1972, url));
    expect(r).toMatchObject({ status: 'error', url, body: broken.body });
    expect(r.status === 'error' && r.reason).toMatch(/Rotten Tomatoes page/);
  });

  it('a page found by search that does not parse is an error with the body the meter kept', async () => {
    const url = `${RT_BASE}/m/godfather`;
    const { check } = setup({ overrides: { [url]: { status: 200, headers: {}, body: '<html><body>nothing here</body></html>', url } } });
    expect(await check(want(1, 'The Godfather', 1972))).toMatchObject({ status: 'error', url, body: '<html><body>nothing here</body></html>' });
  });

  it('robots: disallowed is blocked_by_robots (page never requested); unreachable robots.txt is robots_unavailable', async () => {
    const blocked = setup();
    const r = await blocked.check(want(3, blockedTitle, 2010));
    expect(r).toMatchObject({ status: 'blocked_by_robots' });
    expect(blocked.http.urls()).not.toContain(r.status === 'blocked_by_robots' ? r.url : '');

    const down = setup({ robots: { '/rt': { status: 503 } } });
    expect(await down.check(want(1, 'The Godfather', 1972, `${RT_BASE}/m/godfather`))).toMatchObject({ status: 'robots_unavailable' });
    expect(await down.check(want(2, 'Little Women', 2019))).toMatchObject({ status: 'robots_unavailable' });
    expect(down.http.urls()).toEqual([`${RT_BASE}/robots.txt`]);
  });

  it('not_found when no page exists', async () => {
    const { check } = setup();
    expect(await check(want(9, 'No Such Film', 2001))).toEqual({ status: 'not_found' });
  });
});
