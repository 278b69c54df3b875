/**
 * The critic-site resolvers end to end against the real sandbox server (both site modules
 * mounted by infra/sandbox/server.ts): every movie of a small catalog is resolved through the
 * HttpClient and the robots-aware fetcher, and lands on its own page, on blocked_by_robots for
 * the disallowed subset, or on not_found when the site has no page for it.
 */
import { get as httpGet } from 'node:http';
import { HttpClient } from '../../../../activities/sources/http';
import { resolveMetacritic } from '../../../../activities/sources/metacritic/resolve';
import { PageFetcher } from '../../../../activities/sources/robots';
import { resolveRottenTomatoes } from '../../../../activities/sources/rotten-tomatoes/resolve';
import { SandboxHandle, startSandbox } from '../../../../infra/sandbox';
import { metacriticSlugBlockedByRobots } from '../../../../infra/sandbox/sites/metacritic';
import { rtSlugBlockedByRobots } from '../../../../infra/sandbox/sites/rotten-tomatoes';
import type { SandboxMovie } from '../../../../infra/sandbox/types';

const UA = 'movie-ratings-lakehouse/0.1 (+https://github.com/movie-ratings-lakehouse; data@example.org)';
const observedAt = '2026-11-01T05:00:00Z';

let sandbox: SandboxHandle;
let http: HttpClient;
let fetcher: PageFetcher;

beforeAll(async () => {
  sandbox = await startSandbox({ catalog: { seed: 7, movies: 150, today: '2026-11-01' } });
  http = new HttpClient({ userAgent: UA, connectTimeoutMs: 2000, readTimeoutMs: 5000, maxRetries: 2, sleep: async () => undefined });
  fetcher = new PageFetcher({ http, userAgent: UA });
});

afterAll(async () => {
  await http.close();
  await sandbox.close();
});

const wanted = (m: SandboxMovie) => ({ title: m.title, originalTitle: m.originalTitle, year: Number(m.releaseDate.slice(0, 4)) });

it('resolves every movie of the catalog on Rotten Tomatoes', async () => {
  const base = sandbox.baseUrls.rottenTomatoes as string;
  expect(base).toMatch(/\/rt$/);
  const wrong: string[] = [];
  const seen = { found: 0, blocked: 0, notFound: 0 };
  for (const m of sandbox.catalog.movies) {
    const r = await resolveRottenTomatoes(wanted(m), { fetcher, baseUrl: base, observedAt });
    const slug = m.rt?.slug;
    // Another movie with the same title and a year within ±1 would be a legitimate match too.
    const twins = sandbox.catalog.movies.filter((o) => o !== m && o.rt && o.title === m.title && Math.abs(Number(o.releaseDate.slice(0, 4)) - wanted(m).year) <= 1);
    if (!slug) {
      if (r.status === 'found' && !twins.length) wrong.push(`${m.tmdbId} has no page but resolved to ${r.url}`);
      if (r.status !== 'found') seen.notFound++;
      continue;
    }
    if (rtSlugBlockedByRobots(slug)) {
      seen.blocked++;
      if (r.status === 'found' && r.url.endsWith(`/m/${slug}`)) wrong.push(`${m.tmdbId} fetched a disallowed page`);
      continue;
    }
    if (r.status === 'found') {
      seen.found++;
      if (r.url !== `${base}/m/${slug}` && !twins.some((t) => r.url === `${base}/m/${t.rt?.slug}`)) wrong.push(`${m.tmdbId} "${m.title}": ${r.url} instead of /m/${slug}`);
      else if (r.url === `${base}/m/${slug}` && r.page.tomatometer !== m.rt?.tomatometer) wrong.push(`${m.tmdbId}: tomatometer ${r.page.tomatometer}`);
    } else wrong.push(`${m.tmdbId} "${m.title}" (${slug}): ${r.status}`);
  }
  expect(wrong).toEqual([]);
  expect(seen.found).toBeGreaterThan(100);
}, 120_000);

it('resolves Metacritic pages through the server (robots, 403 without a User-Agent)', async () => {
  const base = sandbox.baseUrls.metacritic as string;
  const movies = sandbox.catalog.movies.filter((m) => m.metacritic).slice(0, 40);
  const wrong: string[] = [];
  for (const m of movies) {
    const slug = m.metacritic?.slug as string;
    const r = await resolveMetacritic(wanted(m), { fetcher, baseUrl: base, observedAt });
    if (metacriticSlugBlockedByRobots(slug)) {
      if (r.status === 'found' && r.url === `${base}/movie/${slug}/`) wrong.push(`${m.tmdbId} fetched a disallowed page`);
    } else if (r.status !== 'found' || r.page.metascore !== m.metacritic?.metascore) {
      if (!(r.status === 'found' && r.url !== `${base}/movie/${slug}/`)) wrong.push(`${m.tmdbId} "${m.title}": ${JSON.stringify(r.status === 'found' ? r.url : r)}`);
    }
  }
  expect(wrong).toEqual([]);

  const status = await new Promise<number>((resolve, reject) => {
    httpGet(`${base}/movie/${movies[0].metacritic?.slug}/`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
  expect(status).toBe(403);
}, 120_000);
