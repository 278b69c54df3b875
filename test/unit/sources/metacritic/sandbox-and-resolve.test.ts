import { AuthError } from '../../../../activities/sources/errors';
import { parseMetacriticPage } from '../../../../activities/sources/metacritic/parse';
import { resolveMetacritic } from '../../../../activities/sources/metacritic/resolve';
import { parseMetacriticSearch } from '../../../../activities/sources/metacritic/search';
import { PageFetcher } from '../../../../activities/sources/robots';
import { metacriticSite, metacriticSlugBlockedByRobots } from '../../../../infra/sandbox/sites/metacritic';
import type { SandboxMetacritic } from '../../../../infra/sandbox/types';
import { expectedMcPage } from '../helpers/expected-pages';
import { catalogOf, MC_BASE, movie, SandboxHttp } from '../helpers/sandbox-harness';

const UA = 'movie-ratings-lakehouse/0.1 (+https://github.com/movie-ratings-lakehouse; data@example.org)';
const observedAt = '2025-03-01T05:00:00Z';

let blockedTitle = '';
for (let i = 0; !blockedTitle; i++) if (metacriticSlugBlockedByRobots(`blocked-film-${i}`)) blockedTitle = `Blocked Film ${i}`;

const variants: Partial<SandboxMetacritic>[] = [
  { layout: 'current', jsonLd: true, metascore: 67, criticReviews: 36, userScore: 8.9, userRatings: 1953 },
  { layout: 'current', jsonLd: false, metascore: 44, criticReviews: 44, userScore: null, userRatings: null },
  { layout: 'current', jsonLd: true, metascore: null, criticReviews: null, userScore: 5, userRatings: 12 },
  { layout: 'legacy', jsonLd: false, metascore: 94, criticReviews: 26, userScore: 8.9, userRatings: 1104 },
  { layout: 'legacy', jsonLd: false, metascore: 52, criticReviews: 9, userScore: null, userRatings: null },
];
const variantMovies = variants.map((v, i) =>
  movie({ tmdbId: 200 + i, title: `Kritik 'Film' ${i} & Co`, releaseDate: `200${i}-03-03`, metacritic: { slug: `kritik-film-${i}-and-co`, ...v } }),
);
const catalog = catalogOf([
  ...variantMovies,
  movie({ tmdbId: 1, title: 'Fight Club', releaseDate: '1999-10-15', metacritic: { slug: 'fight-club', metascore: 67 } }),
  movie({ tmdbId: 2, title: 'Mortal Kombat', releaseDate: '1995-08-18', metacritic: { slug: 'mortal-kombat', layout: 'legacy', metascore: 58 } }),
  movie({ tmdbId: 3, title: 'Mortal Kombat', releaseDate: '2021-04-23', metacritic: { slug: 'mortal-kombat-2021', metascore: 44 } }),
  movie({ tmdbId: 4, title: "Schindler's List", releaseDate: '1993-12-15', metacritic: { slug: 'schindlers-list', layout: 'legacy', metascore: 94 } }),
  movie({ tmdbId: 5, title: blockedTitle, releaseDate: '2011-01-01', metacritic: { slug: blockedTitle.toLowerCase().replace(/ /g, '-') } }),
]);

const get = (path: string, headers: Record<string, string> = { host: 'sandbox.test', 'user-agent': 'Mozilla/5.0 (compatible; test)' }) =>
  metacriticSite.handle({ method: 'GET', path, query: new URLSearchParams(), headers }, catalog);

describe('sandbox Metacritic site', () => {
  it.each(variantMovies.map((m) => [m.metacritic?.layout, m.tmdbId, m] as const))('renders a %s page (movie %i) that parses back to the catalog values', (_l, _id, m) => {
    const mc = m.metacritic as SandboxMetacritic;
    const res = get(`/movie/${mc.slug}/`);
    expect(res?.status).toBe(200);
    expect(parseMetacriticPage(res?.body ?? '', { observedAt })).toMatchObject({
      ...expectedMcPage(m),
      url: `http://sandbox.test/metacritic/movie/${mc.slug}/`,
      criticReviews: mc.criticReviews,
    });
  });

  it('answers 403 to requests without a User-Agent, 404 to unknown slugs', () => {
    expect(get('/movie/fight-club/', { host: 'sandbox.test' })?.status).toBe(403);
    expect(get('/movie/fight-club/', { host: 'sandbox.test', 'user-agent': '  ' })?.status).toBe(403);
    expect(get('/movie/fight-club')?.status).toBe(200);
    expect(get('/movie/no-such-film/')?.status).toBe(404);
    expect(get('/game/some-game/')).toBeUndefined();
  });

  it('serves search results with title and year', () => {
    const rows = parseMetacriticSearch(get('/search/mortal%20kombat/')?.body ?? '', MC_BASE);
    expect(rows).toEqual([
      { url: `${MC_BASE}/movie/mortal-kombat/`, title: 'Mortal Kombat', year: 1995 },
      { url: `${MC_BASE}/movie/mortal-kombat-2021/`, title: 'Mortal Kombat', year: 2021 },
    ]);
  });

  it('reads legacy search markup too', () => {
    const html = `<ul class="search_results"><li class="result first_result"><h3 class="product_title basic_stat"><a href="/movie/fight-club">Fight Club</a></h3><p>Movie, 1999</p></li></ul>`;
    expect(parseMetacriticSearch(html, 'https://www.metacritic.com')).toEqual([{ url: 'https://www.metacritic.com/movie/fight-club/', title: 'Fight Club', year: 1999 }]);
  });
});

describe('resolveMetacritic against the sandbox site', () => {
  function setup(options: ConstructorParameters<typeof SandboxHttp>[1] = {}) {
    const http = new SandboxHttp(catalog, options);
    const fetcher = new PageFetcher({ http, userAgent: UA, sleep: async () => undefined });
    const resolve = (title: string, year: number) => resolveMetacritic({ title, year }, { fetcher, baseUrl: MC_BASE, observedAt });
    return { http, resolve };
  }

  it('finds pages via search, telling remakes apart by year', async () => {
    const { http, resolve } = setup();
    expect(await resolve('Mortal Kombat', 2021)).toMatchObject({ status: 'found', url: `${MC_BASE}/movie/mortal-kombat-2021/`, confidence: 1 });
    expect(await resolve('Mortal Kombat', 1995)).toMatchObject({ status: 'found', url: `${MC_BASE}/movie/mortal-kombat/`, confidence: 1 });
    expect(http.urls()).toContain(`${MC_BASE}/search/Mortal%20Kombat/?category=2`);
    for (const c of http.calls) expect(c.headers?.['user-agent']).toMatch(/movie-ratings-lakehouse/);
  });

  it('finds a page by slug when search has no row, apostrophes dropped', async () => {
    const { resolve } = setup({ overrides: { [`${MC_BASE}/search/Schindler's%20List/?category=2`]: { status: 200, headers: {}, body: '<p>No Results Found</p>', url: '' } } });
    const r = await resolve("Schindler's List", 1993);
    expect(r).toMatchObject({ status: 'found', url: `${MC_BASE}/movie/schindlers-list/` });
    if (r.status === 'found') expect(r.page).toMatchObject({ layout: 'legacy', metascore: 94 });
  });

  it('returns blocked_by_robots and not_found', async () => {
    const { http, resolve } = setup();
    expect(await resolve(blockedTitle, 2011)).toMatchObject({ status: 'blocked_by_robots', reason: 'disallowed' });
    expect(http.urls().some((u) => u.endsWith(`/movie/${blockedTitle.toLowerCase().replace(/ /g, '-')}/`))).toBe(false);
    expect(await resolve('Fight Club', 2005)).toEqual({ status: 'not_found' });
  });

  it('lets a 403 (site blocking the client) surface as AuthError', async () => {
    const { resolve } = setup({ overrides: { [`${MC_BASE}/movie/fight-club/`]: { status: 403, headers: {}, body: 'Access Denied', url: '' } } });
    await expect(resolve('Fight Club', 1999)).rejects.toBeInstanceOf(AuthError);
  });
});
