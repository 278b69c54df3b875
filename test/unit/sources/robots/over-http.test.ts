/**
 * The robots-aware fetcher and both resolvers over real HTTP: the project's HttpClient against a
 * throwaway node:http server that mounts the two sandbox site modules like the sandbox server does.
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../../../../activities/sources/http';
import { resolveMetacritic } from '../../../../activities/sources/metacritic/resolve';
import { PageFetcher } from '../../../../activities/sources/robots';
import { resolveRottenTomatoes } from '../../../../activities/sources/rotten-tomatoes/resolve';
import { metacriticSite } from '../../../../infra/sandbox/sites/metacritic';
import { rottenTomatoesSite } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import { catalogOf, movie } from '../helpers/sandbox-harness';

const catalog = catalogOf([
  movie({ tmdbId: 1, title: 'Amélie', releaseDate: '2001-04-25', rt: { slug: 'amelie', layout: 'scoreboard-2021', tomatometer: 89 }, metacritic: { slug: 'amelie', metascore: 69, userScore: null, userRatings: null } }),
]);

let server: Server;
let origin = '';
const seen: { path: string; ua: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: u.pathname, ua: req.headers['user-agent'] });
    const site = [rottenTomatoesSite, metacriticSite].find((s) => u.pathname.startsWith(`${s.prefix}/`));
    const path = site ? u.pathname.slice(site.prefix.length) : '';
    const out =
      site && path === '/robots.txt'
        ? { status: 200, headers: { 'Content-Type': 'text/plain' }, body: site.robotsTxt?.(catalog) ?? '' }
        : site?.handle({ method: req.method ?? 'GET', path, query: u.searchParams, headers: req.headers }, catalog);
    res.writeHead(out?.status ?? 404, out?.headers ?? {});
    res.end(out?.body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

it('resolves both sites through HttpClient with robots.txt checked first and an honest UA', async () => {
  const http = new HttpClient({ userAgent: 'movie-ratings-lakehouse/0.1 (data@example.org)', connectTimeoutMs: 2000, readTimeoutMs: 5000, maxRetries: 0 });
  try {
    const fetcher = new PageFetcher({ http, userAgent: 'movie-ratings-lakehouse/0.1 (data@example.org)' });
    const observedAt = '2025-03-01T05:00:00Z';
    const rt = await resolveRottenTomatoes({ title: 'Amelie', year: 2001 }, { fetcher, baseUrl: `${origin}/rt`, observedAt });
    expect(rt).toMatchObject({ status: 'found', url: `${origin}/rt/m/amelie`, page: { layout: 'scoreboard-2021', tomatometer: 89 } });
    const mc = await resolveMetacritic({ title: 'Amélie', year: 2001 }, { fetcher, baseUrl: `${origin}/metacritic`, observedAt });
    expect(mc).toMatchObject({ status: 'found', url: `${origin}/metacritic/movie/amelie/`, page: { metascore: 69, userScore: null } });
    expect(seen.map((s) => s.path)).toEqual(['/rt/robots.txt', '/rt/search', '/rt/m/amelie', '/metacritic/robots.txt', '/metacritic/search/Am%C3%A9lie/', '/metacritic/movie/amelie/']);
    expect(new Set(seen.map((s) => s.ua))).toEqual(new Set(['Mozilla/5.0 (compatible; movie-ratings-lakehouse/0.1 (data@example.org))']));
  } finally {
    await http.close();
  }
});
