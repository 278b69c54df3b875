import { ParseError } from '../../../../activities/sources/errors';
import { PageFetcher } from '../../../../activities/sources/robots';
import { resolveRottenTomatoes } from '../../../../activities/sources/rotten-tomatoes/resolve';
import { rtSlugBlockedByRobots } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import { catalogOf, movie, RT_BASE, SandboxHttp } from '../helpers/sandbox-harness';

const UA = 'movie-ratings-lakehouse/0.1 (+https://github.com/movie-ratings-lakehouse; data@example.org)';
const observedAt = '2025-03-01T05:00:00Z';

// A title whose slug the sandbox's robots.txt disallows.
let blockedTitle = '';
for (let i = 0; !blockedTitle; i++) if (rtSlugBlockedByRobots(`blocked_film_${i}`)) blockedTitle = `Blocked Film ${i}`;
const blockedSlug = blockedTitle.toLowerCase().replace(/ /g, '_');

const catalog = catalogOf([
  movie({ tmdbId: 1, title: 'The Godfather', releaseDate: '1972-03-24', rt: { slug: 'godfather', layout: 'mop-2020', tomatometer: 90, criticReviews: 71, audienceScore: 98, audienceCountText: 'User Ratings: 885,688' } }),
  movie({ tmdbId: 2, title: 'Little Women', releaseDate: '1994-12-21', rt: { slug: 'little_women', layout: 'scoreboard-2021', tomatometer: 92 } }),
  movie({ tmdbId: 3, title: 'Little Women', releaseDate: '2019-12-25', rt: { slug: 'little_women_2019', layout: 'scorecard-2024', tomatometer: 95 } }),
  movie({ tmdbId: 4, title: 'Amélie', releaseDate: '2001-04-25', rt: { slug: 'amelie', layout: 'scorecard-2024', tomatometer: 89 } }),
  movie({ tmdbId: 5, title: blockedTitle, releaseDate: '2010-05-05', rt: { slug: blockedSlug, layout: 'scorecard-2024' } }),
  movie({ tmdbId: 6, title: 'No Page Here', releaseDate: '2012-01-01', rt: null }),
  movie({ tmdbId: 7, title: 'Parasite', releaseDate: '2019-05-30', rt: { slug: 'parasite_2019', layout: 'scorecard-2024', tomatometer: 99 } }),
]);

function setup(options: ConstructorParameters<typeof SandboxHttp>[1] = {}) {
  const http = new SandboxHttp(catalog, options);
  const fetcher = new PageFetcher({ http, userAgent: UA, sleep: async () => undefined });
  const resolve = (title: string, year: number, originalTitle?: string) => resolveRottenTomatoes({ title, year, originalTitle }, { fetcher, baseUrl: RT_BASE, observedAt });
  return { http, resolve };
}

describe('resolveRottenTomatoes against the sandbox site', () => {
  it('finds a page through search and returns the parsed page with confidence 1', async () => {
    const { http, resolve } = setup();
    const r = await resolve('The Godfather', 1972);
    expect(r).toMatchObject({ status: 'found', url: `${RT_BASE}/m/godfather`, confidence: 1 });
    if (r.status !== 'found') throw new Error('unreachable');
    expect(r.page).toMatchObject({ layout: 'mop-2020', tomatometer: 90, criticReviews: 71, audienceScore: 98, audienceCount: 885688 });
    expect(http.urls()).toEqual([`${RT_BASE}/robots.txt`, `${RT_BASE}/search?search=The%20Godfather`, `${RT_BASE}/m/godfather`]);
  });

  it('tells remakes apart by year (±1)', async () => {
    const { resolve } = setup();
    expect(await resolve('Little Women', 2019)).toMatchObject({ status: 'found', url: `${RT_BASE}/m/little_women_2019`, confidence: 1 });
    expect(await resolve('Little Women', 1995)).toMatchObject({ status: 'found', url: `${RT_BASE}/m/little_women`, confidence: 0.9 });
    expect(await resolve('Little Women', 2005)).toEqual({ status: 'not_found' });
  });

  it('matches without accents, and searches the original title when the title finds nothing', async () => {
    const { http, resolve } = setup();
    expect(await resolve('Amelie', 2001)).toMatchObject({ status: 'found', url: `${RT_BASE}/m/amelie` });
    // "Parasite" search finds the row; an original-title-only query would need the slug guess.
    const r = await resolve('기생충', 2019, 'Parasite');
    expect(r).toMatchObject({ status: 'found', url: `${RT_BASE}/m/parasite_2019` });
    expect(http.urls().filter((u) => u.includes('/search'))).toContain(`${RT_BASE}/search?search=Parasite`);
  });

  it('returns blocked_by_robots without ever requesting the disallowed page', async () => {
    const { http, resolve } = setup();
    expect(await resolve(blockedTitle, 2010)).toEqual({ status: 'blocked_by_robots', url: `${RT_BASE}/m/${blockedSlug}`, reason: 'disallowed' });
    expect(http.urls()).not.toContain(`${RT_BASE}/m/${blockedSlug}`);
  });

  it('returns not_found when no page exists (404s on every slug guess)', async () => {
    const { http, resolve } = setup();
    expect(await resolve('No Page Here', 2012)).toEqual({ status: 'not_found' });
    expect(http.urls()).toContain(`${RT_BASE}/m/no_page_here_2012`);
  });

  it('treats an unreachable robots.txt as disallow-all (RFC 9309) and a missing one as allow-all', async () => {
    const down = setup({ robots: { '/rt': { status: 503 } } });
    expect(await down.resolve('Amélie', 2001)).toMatchObject({ status: 'blocked_by_robots', reason: 'robots_unavailable' });
    expect(down.http.urls()).toEqual([`${RT_BASE}/robots.txt`]);
    const missing = setup({ robots: { '/rt': { status: 404 } } });
    expect(await missing.resolve(blockedTitle, 2010)).toMatchObject({ status: 'found' });
  });

  it('surfaces a page that no longer parses as ParseError (quarantine), not as not_found', async () => {
    const { resolve } = setup({ overrides: { [`${RT_BASE}/m/amelie`]: { status: 200, headers: {}, body: '<html><body>redesigned</body></html>', url: `${RT_BASE}/m/amelie` } } });
    await expect(resolve('Amélie', 2001)).rejects.toBeInstanceOf(ParseError);
  });
});
