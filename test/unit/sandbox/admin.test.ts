import type { SandboxHandle } from '../../../infra/sandbox/server';
import { get, post, startSmallSandbox, TMDB_KEY, TODAY } from './helpers';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSmallSandbox();
});
afterEach(() => sb.reset());
afterAll(() => sb.close());

const genres = () => get(`${sb.baseUrls.tmdb}/genre/movie/list?${TMDB_KEY}`);

describe('/__admin over HTTP (for tests in another process)', () => {
  it('POST /__admin/faults with {site, faults} sets one site', async () => {
    const res = await post(`${sb.url}/__admin/faults`, { site: 'tmdb', faults: { errorRate: 1, errorStatus: 504 } });
    expect(res.status).toBe(200);
    expect((res.json() as Record<string, { errorRate: number }>).tmdb.errorRate).toBe(1);
    expect(sb.faults('tmdb').errorStatus).toBe(504);
    expect((await genres()).status).toBe(504);
  });

  it('POST /__admin/faults with {<site>: knobs} sets several, "all" and aliases included', async () => {
    await post(`${sb.url}/__admin/faults`, { all: { latencyMs: 1 }, rt: { forbidden: true }, omdb: { dailyLimit: 5 } });
    expect(sb.faults('metacritic').latencyMs).toBe(1);
    expect(sb.faults('rottenTomatoes').forbidden).toBe(true);
    expect(sb.faults('omdb').dailyLimit).toBe(5);
    const current = (await get(`${sb.url}/__admin/faults`)).json() as Record<string, { latencyMs: number }>;
    expect(Object.keys(current)).toEqual(['tmdb', 'omdb', 'rottenTomatoes', 'metacritic']);
  });

  it('rejects bad bodies with 400 and a message naming the problem', async () => {
    const unknownSite = await post(`${sb.url}/__admin/faults`, { site: 'imdb', faults: {} });
    expect(unknownSite.status).toBe(400);
    expect((unknownSite.json() as { error: string }).error).toMatch(/site/);
    const badKnob = await post(`${sb.url}/__admin/faults`, { site: 'tmdb', faults: { errorRate: 'high' } });
    expect(badKnob.status).toBe(400);
    expect((badKnob.json() as { error: string }).error).toMatch(/errorRate/);
    expect((await post(`${sb.url}/__admin/faults`, '{not json')).status).toBe(400);
    expect((await get(`${sb.url}/__admin/nope`)).status).toBe(404);
  });

  it('GET /__admin/stats counts requests per site and status, with keys masked', async () => {
    await genres();
    await genres();
    await get(`${sb.baseUrls.tmdb}/genre/movie/list?api_key=wrong`);
    const stats = (await get(`${sb.url}/__admin/stats`)).json() as {
      requests: number;
      sites: Record<string, { requests: number; byStatus: Record<string, number>; faults: Record<string, number> }>;
      recent: { url: string; status: number }[];
    };
    expect(stats.requests).toBe(3);
    expect(stats.sites.tmdb.byStatus).toEqual({ 200: 2, 401: 1 });
    expect(stats.sites.tmdb.faults.unauthorized).toBe(1);
    expect(stats.recent).toHaveLength(3);
    for (const r of stats.recent) expect(r.url).toContain('api_key=***');
    expect(JSON.stringify(stats)).not.toContain(sb.keys.tmdbApiKey);
  });

  it('POST /__admin/reset clears knobs, counters and stats; {site} resets one site\'s knobs', async () => {
    sb.setFaults('tmdb', { invalidKey: true });
    sb.setFaults('omdb', { invalidKey: true });
    await genres();
    await post(`${sb.url}/__admin/reset`, { site: 'tmdb' });
    expect(sb.faults('tmdb').invalidKey).toBe(false);
    expect(sb.faults('omdb').invalidKey).toBe(true);
    const res = await post(`${sb.url}/__admin/reset`, {});
    expect(res.status).toBe(200);
    expect(sb.faults('omdb').invalidKey).toBe(false);
    expect(sb.stats().requests).toBe(0);
  });

  it('GET /__admin/catalog and /__admin/catalog/movies expose the catalog to other processes', async () => {
    const summary = (await get(`${sb.url}/__admin/catalog`)).json() as { today: string; seed: number; movies: number; tags: Record<string, number> };
    expect(summary).toMatchObject({ today: TODAY, seed: 7, movies: 400 });
    expect(summary.tags.tbd).toBeGreaterThan(0);
    const tbd = (await get(`${sb.url}/__admin/catalog/movies?tag=tbd&limit=2`)).json() as { total: number; movies: { tags: string[] }[] };
    expect(tbd.total).toBe(summary.tags.tbd);
    expect(tbd.movies).toHaveLength(2);
    const changed = (await get(`${sb.url}/__admin/catalog/movies?changedFrom=${TODAY}&changedTo=${TODAY}&limit=1000`)).json() as { total: number };
    expect(changed.total).toBe(sb.catalog.movies.filter((m) => m.changedOn.includes(TODAY)).length);
    expect((await get(`${sb.url}/__admin/catalog/movies?changedFrom=nope`)).status).toBe(400);
  });

  it('GET / lists the sites and keys; unknown prefixes get a 404 naming the sites', async () => {
    const index = (await get(`${sb.url}/`)).json() as { sites: Record<string, string>; keys: Record<string, string> };
    expect(index.sites.tmdb).toBe(`${sb.url}/tmdb/3`);
    expect(index.sites.omdb).toBe(`${sb.url}/omdb/`);
    expect(index.keys.omdbApiKey).toBe(sb.keys.omdbApiKey);
    const missing = await get(`${sb.url}/imdb/title`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('/tmdb/3');
  });
});

describe('site mounting', () => {
  it('mounts the RT and Metacritic modules when present and serves robots.txt per site', async () => {
    for (const site of ['tmdb', 'omdb'] as const) {
      const robots = await get(`${sb.baseUrls[site]?.replace(/\/$/, '')}/robots.txt`);
      expect([site, robots.status, robots.text]).toEqual([site, 200, expect.stringContaining('User-agent')]);
    }
    for (const site of ['rottenTomatoes', 'metacritic'] as const) {
      if (!sb.baseUrls[site]) continue; // module not written yet
      expect((await get(`${sb.baseUrls[site]}/robots.txt`)).status).toBe(200);
    }
  });

  it('works without them', async () => {
    const bare = await startSmallSandbox({ sites: { rottenTomatoes: null, metacritic: null } });
    try {
      expect(Object.keys(bare.baseUrls)).toEqual(['tmdb', 'omdb']);
      expect((await get(`${bare.url}/rt/m/anything`)).status).toBe(404);
      expect((await get(`${bare.baseUrls.tmdb}/genre/movie/list?${TMDB_KEY}`)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });

  it('applies faults to any mounted site, with the default HTML error page', async () => {
    const custom = await startSmallSandbox({
      sites: { rottenTomatoes: { prefix: '/rt', handle: (req) => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: `<html>${req.path}</html>` }) } },
      faults: { rottenTomatoes: { errorRate: 0.5 } },
    });
    try {
      const a = await get(`${custom.baseUrls.rottenTomatoes}/m/x`);
      const b = await get(`${custom.baseUrls.rottenTomatoes}/m/x`);
      expect([a.status, a.text]).toEqual([200, '<html>/m/x</html>']);
      expect(b.status).toBe(503);
      expect(b.headers.get('content-type')).toContain('text/html');
      expect((await get(`${custom.baseUrls.rottenTomatoes}/robots.txt`)).status).toBe(404);
    } finally {
      await custom.close();
    }
  });
});
