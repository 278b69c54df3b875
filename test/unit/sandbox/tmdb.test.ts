import { SANDBOX_KEYS } from '../../../config/load';
import { addDays } from '../../../infra/sandbox/dates';
import { discoverMovies, moviesChangedBetween, moviesReleasedBetween, moviesWithTag } from '../../../infra/sandbox/catalog-queries';
import type { SandboxHandle } from '../../../infra/sandbox/server';
import { get, startSmallSandbox, TMDB_KEY, TODAY } from './helpers';

let sb: SandboxHandle;
let tmdb: string;
const api = (path: string, query = '') => get(`${tmdb}${path}?${TMDB_KEY}${query ? `&${query}` : ''}`);

beforeAll(async () => {
  // No rate limit here: these tests fire requests back to back (rate limits have their own tests).
  sb = await startSmallSandbox({ faults: { tmdb: { rateLimitPerSecond: null } } });
  tmdb = sb.baseUrls.tmdb as string;
});
afterAll(() => sb.close());

const INVALID_KEY = { success: false, status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' };

describe('TMDB authentication', () => {
  it('accepts the api_key query parameter and the Bearer read access token', async () => {
    expect((await api('/genre/movie/list')).status).toBe(200);
    const bearer = await get(`${tmdb}/genre/movie/list`, { headers: { Authorization: `Bearer ${SANDBOX_KEYS.tmdbReadAccessToken}` } });
    expect(bearer.status).toBe(200);
  });

  it.each([
    ['no key', `${'/genre/movie/list'}`, {}],
    ['a wrong api_key', '/genre/movie/list?api_key=wrong', {}],
    ['a wrong token', '/genre/movie/list', { Authorization: 'Bearer wrong' }],
    ['the api key sent as a token', '/genre/movie/list', { Authorization: `Bearer ${SANDBOX_KEYS.tmdbApiKey}` }],
  ])('answers %s with the real 401 body, code 7', async (_name, path, headers) => {
    const res = await get(`${tmdb}${path}`, { headers });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual(INVALID_KEY);
    expect(res.headers.get('x-cache')).toBe('Error from cloudfront');
  });
});

describe('TMDB response conventions', () => {
  it('sends CloudFront-like headers without X-RateLimit and an ETag that answers 304', async () => {
    const res = await api('/movie/popular');
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(res.headers.get('server')).toBe('openresty');
    expect([...res.headers.keys()].filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    const again = await fetch(`${tmdb}/movie/popular?${TMDB_KEY}`, { headers: { 'If-None-Match': res.headers.get('etag') as string } });
    expect(again.status).toBe(304);
  });

  it('answers unknown paths and ids with 404 code 34', async () => {
    const body = { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' };
    for (const path of ['/movie/1', '/movie/abc', '/tv/1', '/movie/1/credits']) {
      const res = await api(path);
      expect([path, res.status, res.json()]).toEqual([path, 404, body]);
    }
  });
});

describe('GET /discover/movie', () => {
  const from = addDays(TODAY, -400);

  it('lists a release window 20 per page, in popularity order, with totals', async () => {
    const expected = discoverMovies(sb.catalog, { releaseDateGte: from, releaseDateLte: TODAY });
    expect(expected.length).toBeGreaterThan(20);
    const res = await api('/discover/movie', `primary_release_date.gte=${from}&primary_release_date.lte=${TODAY}`);
    const body = res.json() as { page: number; results: Record<string, unknown>[]; total_pages: number; total_results: number };
    expect(body.page).toBe(1);
    expect(body.results).toHaveLength(20);
    expect(body.total_results).toBe(expected.length);
    expect(body.total_pages).toBe(Math.ceil(expected.length / 20));
    expect(body.results.map((r) => r.id)).toEqual(expected.slice(0, 20).map((m) => m.tmdbId));
    const item = body.results[0];
    expect(Object.keys(item).sort()).toEqual(
      ['adult', 'backdrop_path', 'genre_ids', 'id', 'original_language', 'original_title', 'overview', 'popularity', 'poster_path', 'release_date', 'softcore', 'title', 'video', 'vote_average', 'vote_count'].sort(),
    );
    for (const r of body.results) expect((r.release_date as string) >= from && (r.release_date as string) <= TODAY).toBe(true);
  });

  it('walks every page of a window to exactly the catalog rows (release_date.* and sort_by)', async () => {
    const lo = addDays(TODAY, -3650);
    const expected = moviesReleasedBetween(sb.catalog, lo, TODAY).map((m) => m.tmdbId);
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const body = (await api('/discover/movie', `release_date.gte=${lo}&release_date.lte=${TODAY}&sort_by=primary_release_date.asc&page=${page}`)).json() as {
        results: { id: number; release_date: string }[];
        total_pages: number;
      };
      seen.push(...body.results.map((r) => r.id));
      if (page >= body.total_pages) break;
    }
    expect(seen.slice().sort((a, b) => a - b)).toEqual(expected);
  });

  it('rejects pages outside 1..500 with 400 code 22, and does not cap total_pages', async () => {
    const message = 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.';
    for (const page of ['0', '501', 'abc', '1.5']) {
      const res = await api('/discover/movie', `page=${page}`);
      expect([page, res.status, res.json()]).toEqual([page, 400, { success: false, status_code: 22, status_message: message }]);
    }
    expect((await api('/discover/movie', 'page=500')).json()).toMatchObject({ page: 500, results: [] });
  });

  it('rejects a malformed date with 400 code 23', async () => {
    const res = await api('/discover/movie', 'primary_release_date.gte=2024-02-30');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ status_code: 23 });
  });

  it('hides adult titles unless include_adult=true', async () => {
    const adult = moviesWithTag(sb.catalog, 'adult')[0];
    const q = `primary_release_date.gte=${adult.releaseDate}&primary_release_date.lte=${adult.releaseDate}`;
    const ids = (s: string) => ((JSON.parse(s) as { results: { id: number }[] }).results ?? []).map((r) => r.id);
    expect(ids((await api('/discover/movie', q)).text)).not.toContain(adult.tmdbId);
    expect(ids((await api('/discover/movie', `${q}&include_adult=true`)).text)).toContain(adult.tmdbId);
  });
});

describe('lists', () => {
  it('/movie/popular, /movie/top_rated share the envelope; now_playing adds dates', async () => {
    for (const path of ['/movie/popular', '/movie/top_rated']) {
      const body = (await api(path)).json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['page', 'results', 'total_pages', 'total_results']);
    }
    const now = (await api('/movie/now_playing')).json() as { dates: { minimum: string; maximum: string }; results: { release_date: string }[] };
    expect(now.dates).toEqual({ minimum: addDays(TODAY, -42), maximum: addDays(TODAY, 5) });
    expect(now.results.length).toBeGreaterThan(0);
    for (const r of now.results) expect(r.release_date >= now.dates.minimum && r.release_date <= now.dates.maximum).toBe(true);
  });

  it('top_rated is ordered by vote average', async () => {
    const body = (await api('/movie/top_rated')).json() as { results: { vote_average: number }[] };
    const avgs = body.results.map((r) => r.vote_average);
    expect(avgs).toEqual([...avgs].sort((a, b) => b - a));
  });
});

describe('GET /movie/changes', () => {
  it('pages ids 100 at a time for a window of up to 14 days, adult sometimes null', async () => {
    const start = addDays(TODAY, -14);
    const expected = moviesChangedBetween(sb.catalog, start, TODAY).map((m) => m.tmdbId);
    expect(expected.length).toBeGreaterThan(100);
    const ids: number[] = [];
    const adults = new Set<unknown>();
    let total = 0;
    for (let page = 1; ; page++) {
      const body = (await api('/movie/changes', `start_date=${start}&end_date=${TODAY}&page=${page}`)).json() as {
        results: { id: number; adult: boolean | null }[];
        page: number;
        total_pages: number;
      };
      expect(body.results.length).toBeLessThanOrEqual(100);
      ids.push(...body.results.map((r) => r.id));
      body.results.forEach((r) => adults.add(r.adult));
      total = body.total_pages;
      if (page >= body.total_pages) break;
    }
    expect(total).toBe(Math.ceil(expected.length / 100));
    expect(ids).toEqual(expected);
    expect(adults.has(null)).toBe(true);
  });

  it('defaults to the last 24 hours', async () => {
    const body = (await api('/movie/changes')).json() as { total_results: number };
    expect(body.total_results).toBe(moviesChangedBetween(sb.catalog, addDays(TODAY, -1), TODAY).length);
  });

  it('rejects windows over 14 days with 422 code 20 and bad dates with 400 code 23', async () => {
    const long = await api('/movie/changes', `start_date=${addDays(TODAY, -15)}&end_date=${TODAY}`);
    expect(long.status).toBe(422);
    expect(long.json()).toEqual({ success: false, status_code: 20, status_message: 'Invalid date range: Should be a range no longer than 14 days.' });
    const bad = await api('/movie/changes', 'start_date=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ success: false, status_code: 23 });
  });
});

describe('GET /movie/{id}', () => {
  it('returns the details with appended external_ids (no id), credits and release_dates', async () => {
    const m = sb.catalog.movies.find((x) => x.imdbId && x.directors.length > 0) as (typeof sb.catalog.movies)[number];
    type Person = { name: string; job?: string };
    const body = (await api(`/movie/${m.tmdbId}`, 'append_to_response=external_ids,credits,release_dates')).json() as {
      external_ids: Record<string, unknown>;
      credits: { cast: Person[]; crew: Person[] };
      release_dates: { results: { release_dates: Record<string, unknown>[] }[] };
      spoken_languages: Record<string, unknown>[];
    };
    expect(body).toMatchObject({ id: m.tmdbId, imdb_id: m.imdbId, title: m.title, release_date: m.releaseDate, runtime: m.runtime, genres: m.genres });
    expect(body.external_ids.imdb_id).toBe(m.imdbId);
    expect(body.external_ids).not.toHaveProperty('id');
    expect(body.credits.crew.filter((c) => c.job === 'Director').map((c) => c.name)).toEqual(m.directors);
    expect(body.credits.cast.map((c) => c.name)).toEqual(m.cast);
    expect(body.release_dates.results[0].release_dates[0]).toHaveProperty('type');
    expect(body.spoken_languages[0]).toHaveProperty('english_name');
  });

  it('serves hostile titles intact', async () => {
    for (const tag of ['emoji', 'backslash', 'sql', 'long-text']) {
      const m = moviesWithTag(sb.catalog, tag)[0];
      const body = (await api(`/movie/${m.tmdbId}`)).json() as { title: string; overview: string };
      expect([tag, body.title, body.overview]).toEqual([tag, m.title, m.overview]);
    }
  });

  it('answers a movie without IMDb id with imdb_id null', async () => {
    const m = moviesWithTag(sb.catalog, 'no-imdb')[0];
    const body = (await api(`/movie/${m.tmdbId}`, 'append_to_response=external_ids')).json() as { imdb_id: unknown; external_ids: { imdb_id: unknown } };
    expect([body.imdb_id, body.external_ids.imdb_id]).toEqual([null, null]);
  });

  it('rejects more than 20 appends with 400 code 27', async () => {
    const m = sb.catalog.movies[0];
    const appends = Array.from({ length: 21 }, (_, i) => `x${i}`).join(',');
    const res = await api(`/movie/${m.tmdbId}`, `append_to_response=${appends}`);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ status_code: 27 });
    expect((await api(`/movie/${m.tmdbId}`, `append_to_response=${appends.split(',').slice(0, 20).join(',')}`)).status).toBe(200);
  });

  it('serves /movie/{id}/external_ids with an id', async () => {
    const m = sb.catalog.movies[1];
    expect((await api(`/movie/${m.tmdbId}/external_ids`)).json()).toMatchObject({ id: m.tmdbId, imdb_id: m.imdbId });
  });
});

describe('genres and find', () => {
  it('lists the real genre ids', async () => {
    const body = (await api('/genre/movie/list')).json() as { genres: { id: number; name: string }[] };
    expect(body.genres).toHaveLength(19);
    expect(body.genres).toContainEqual({ id: 10770, name: 'TV Movie' });
  });

  it('finds a movie by IMDb id, with media_type, and answers unknown ids with empty arrays', async () => {
    const m = sb.catalog.movies.find((x) => x.imdbId) as (typeof sb.catalog.movies)[number];
    const body = (await api(`/find/${m.imdbId}`, 'external_source=imdb_id')).json() as { movie_results: Record<string, unknown>[] };
    expect(body.movie_results).toHaveLength(1);
    expect(body.movie_results[0]).toMatchObject({ id: m.tmdbId, media_type: 'movie' });
    expect((await api('/find/tt0000001', 'external_source=imdb_id')).json()).toEqual({
      movie_results: [],
      person_results: [],
      tv_results: [],
      tv_episode_results: [],
      tv_season_results: [],
    });
    expect((await api(`/find/${m.imdbId}`)).status).toBe(400);
  });
});
