import { parseRottenTomatoesPage } from '../../../../activities/sources/rotten-tomatoes/parse';
import { parseRtSearch } from '../../../../activities/sources/rotten-tomatoes/search';
import { rottenTomatoesSite, rtSlugBlockedByRobots } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import type { RtLayout, SandboxRt } from '../../../../infra/sandbox/types';
import { expectedRtPage } from '../helpers/expected-pages';
import { catalogOf, movie, RT_BASE } from '../helpers/sandbox-harness';

const ctx = { observedAt: '2025-03-01T05:00:00Z' };
const layouts: RtLayout[] = ['scorecard-2024', 'scoreboard-2021', 'mop-2020'];

// Every layout × (ids even/odd → kebab/camel slots, JSON island on/off) × scored/unscored.
const movies = layouts.flatMap((layout, li) =>
  [0, 1, 2, 3, 4, 5].map((k) => {
    const id = 100 + li * 10 + k;
    const unscored = k === 4;
    const rt: Partial<SandboxRt> = {
      slug: `film_${id}`,
      layout,
      tomatometer: unscored ? null : 40 + k * 11,
      criticReviews: unscored ? 2 : 1200 + k,
      audienceScore: unscored || k === 5 ? null : 50 + k * 9,
      audienceCountText: unscored || k === 5 ? null : layout === 'mop-2020' ? `User Ratings: 1,${k}34,567` : k === 3 ? 'Fewer than 50 Ratings' : `${k + 1}0,000+ Ratings`,
      certifiedFresh: k % 2 === 0 && !unscored,
      verifiedHot: layout === 'scorecard-2024' && k === 1,
    };
    return movie({ tmdbId: id, title: `Film "${id}" <b>&</b> 🎬`, releaseDate: `20${10 + k}-06-15`, rt });
  }),
);
const catalog = catalogOf(movies);
const get = (path: string, query = '') =>
  rottenTomatoesSite.handle({ method: 'GET', path, query: new URLSearchParams(query), headers: { host: 'sandbox.test' } }, catalog);

describe('sandbox Rotten Tomatoes site', () => {
  it.each(movies.map((m) => [m.rt?.layout, m.tmdbId, m] as const))('renders a %s page (movie %i) that parses back to the catalog values', (_layout, _id, m) => {
    const rt = m.rt as SandboxRt;
    const res = get(`/m/${rt.slug}`);
    expect(res?.status).toBe(200);
    const page = parseRottenTomatoesPage(res?.body ?? '', ctx);
    expect(page).toMatchObject({ ...expectedRtPage(m), url: `http://sandbox.test/rt/m/${rt.slug}` });
    if (rt.audienceCountText?.startsWith('User Ratings: ')) expect(page.audienceCount).toBe(Number(rt.audienceCountText.replace(/\D/g, '')));
    expect(page.criticReviews).toBe(rt.tomatometer === null && rt.layout === 'mop-2020' ? null : rt.criticReviews);
  });

  it('puts other films’ scores in the same slots on current-layout pages (decoys)', () => {
    const m = movies.find((x) => x.rt?.layout === 'scorecard-2024' && x.rt.tomatometer === null);
    const body = get(`/m/${m?.rt?.slug}`)?.body ?? '';
    expect(body).toMatch(/<carousel-slider[\s\S]*slot="critics-?[sS]core"[^>]*>\d+%/);
    expect(parseRottenTomatoesPage(body, ctx).tomatometer).toBeNull();
  });

  it('escapes hostile titles in markup and JSON islands', () => {
    const body = get('/m/film_100')?.body ?? '';
    expect(body).not.toContain('<b>&</b>');
    expect(body).toContain('Film &quot;100&quot; &lt;b&gt;&amp;&lt;/b&gt; 🎬');
    expect(body).toContain('\\u003cb>');
  });

  it('answers 404 for unknown slugs and leaves other paths to the server', () => {
    expect(get('/m/no_such_film')?.status).toBe(404);
    expect(get('/m/%E0%A4%A')?.status).toBe(404);
    expect(get('/tv/some_show/s01')).toBeUndefined();
  });

  it('serves a search page the resolver can read (movie rows with year)', () => {
    const res = get('/search', 'search=film 101');
    const rows = parseRtSearch(res?.body ?? '', RT_BASE);
    expect(rows).toEqual([{ url: `${RT_BASE}/m/film_101`, title: 'Film "101" <b>&</b> 🎬', year: 2011 }]);
    expect(parseRtSearch(get('/search', 'search=nothing matches')?.body ?? '', RT_BASE)).toEqual([]);
  });

  it('disallows a deterministic subset of movie pages in robots.txt', () => {
    const robots = rottenTomatoesSite.robotsTxt?.(catalog) ?? '';
    expect(robots).toMatch(/^User-agent: \*$/m);
    for (const m of movies) {
      const slug = m.rt?.slug as string;
      expect(robots.includes(`Disallow: /m/${slug}$`)).toBe(rtSlugBlockedByRobots(slug));
    }
    const sample = Array.from({ length: 2000 }, (_, i) => `slug_${i}`).filter(rtSlugBlockedByRobots).length;
    expect(sample).toBeGreaterThan(40);
    expect(sample).toBeLessThan(150);
  });
});
