import { SANDBOX_KEYS } from '../../../config/load';
import { RateSchedule } from '../../../infra/sandbox/faults';
import type { SandboxHandle } from '../../../infra/sandbox/server';
import { get, OMDB_KEY, startSmallSandbox, TMDB_KEY } from './helpers';

let sb: SandboxHandle;
let clockMs = Date.parse('2026-11-01T12:00:00Z');
let tmdb: string;
let omdb: string;
const genres = () => get(`${tmdb}/genre/movie/list?${TMDB_KEY}`);
const omdbMovie = () => get(`${omdb}?${OMDB_KEY}&i=${sb.catalog.movies.find((m) => m.omdb)?.imdbId}`);

beforeAll(async () => {
  // A fake clock: rate limits and quotas only move when a test moves time.
  sb = await startSmallSandbox({ now: () => new Date(clockMs) });
  tmdb = sb.baseUrls.tmdb as string;
  omdb = sb.baseUrls.omdb as string;
});
afterEach(() => sb.reset());
afterAll(() => sb.close());

describe('deterministic schedule', () => {
  it('fails exactly every 1/rate-th request', () => {
    const s = new RateSchedule();
    expect(Array.from({ length: 8 }, () => s.hit(0.25))).toEqual([false, false, false, true, false, false, false, true]);
    const t = new RateSchedule();
    expect(Array.from({ length: 100 }, () => t.hit(0.57)).filter(Boolean)).toHaveLength(57);
    expect(Array.from({ length: 3 }, () => t.hit(1))).toEqual([true, true, true]);
    expect(Array.from({ length: 3 }, () => t.hit(0))).toEqual([false, false, false]);
  });
});

describe('error rate', () => {
  it('answers the chosen share of requests with the 5xx in the site body, same pattern every run', async () => {
    sb.setFaults('tmdb', { errorRate: 0.5, errorStatus: 502 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await genres()).status);
    expect(statuses).toEqual([200, 502, 200, 502, 200, 502]);
    sb.resetFaults('tmdb');
    sb.setFaults('tmdb', { errorRate: 1, errorStatus: 503 });
    const res = await genres();
    expect([res.status, res.json()]).toEqual([503, { success: false, status_code: 9, status_message: 'Service offline: This service is temporarily offline, try again later.' }]);
    expect(sb.stats().sites.tmdb.faults.error).toBe(4);
  });

  it('answers OMDb 5xx with an HTML page, not JSON', async () => {
    sb.setFaults('omdb', { errorRate: 1, errorStatus: 500 });
    const res = await omdbMovie();
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('leaves robots.txt alone unless faultRobots is set', async () => {
    sb.setFaults('all', { errorRate: 1 });
    expect((await get(`${tmdb}/robots.txt`)).status).toBe(200);
    sb.setFaults('tmdb', { faultRobots: true });
    expect((await get(`${tmdb}/robots.txt`)).status).toBe(503);
  });
});

describe('latency', () => {
  it('delays responses by latencyMs', async () => {
    sb.setFaults('tmdb', { latencyMs: 300 });
    const t0 = Date.now();
    expect((await genres()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('lets a client time out on a long delay', async () => {
    sb.setFaults('tmdb', { latencyMs: 60_000 });
    await expect(fetch(`${tmdb}/genre/movie/list?${TMDB_KEY}`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});

describe('truncated and malformed bodies', () => {
  it('truncates: Content-Length larger than the bytes sent, then the socket is destroyed', async () => {
    sb.setFaults('tmdb', { truncateRate: 1 });
    const res = await fetch(`${tmdb}/movie/popular?${TMDB_KEY}`);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    await expect(res.text()).rejects.toThrow();
    expect(sb.stats().sites.tmdb.faults.truncated).toBe(1);
  });

  it('sends invalid JSON with status 200', async () => {
    sb.setFaults('tmdb', { malformedRate: 1 });
    const res = await genres();
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
    sb.setFaults('omdb', { malformedRate: 1 });
    const o = await omdbMovie();
    expect(() => JSON.parse(o.text)).toThrow();
  });

  it('breaks HTML pages so no score is left to read', async () => {
    const html = await import('../../../infra/sandbox/responses');
    const page = { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<html><head><title>x</title></head><body><div data-testid="critic-score-info"><span>88</span></div></body></html>` };
    const broken = html.malformBody(page).body;
    expect(broken).not.toContain('88');
    expect(broken).not.toMatch(/<\/html>\s*$/);
  });
});

describe('429 storm and rate limit', () => {
  it('answers the next N requests 429 with Retry-After and the code-25 body, then recovers', async () => {
    sb.setFaults('tmdb', { tooManyRequests: 3, retryAfterSeconds: 2 });
    for (let i = 0; i < 3; i++) {
      const res = await genres();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.json()).toMatchObject({ success: false, status_code: 25 });
      expect((res.json() as { status_message: string }).status_message).toMatch(/^Your request count \(\d+\) is over the allowed limit of 40\.$/);
    }
    expect(sb.faults('tmdb').tooManyRequests).toBe(0);
    expect((await genres()).status).toBe(200);
  });

  it('limits each key to rateLimitPerSecond (40 by default) and refills with time', async () => {
    expect(sb.faults('tmdb').rateLimitPerSecond).toBe(40);
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) statuses.push((await genres()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    const limited = await genres();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((limited.json() as { status_message: string }).status_message).toBe('Your request count (43) is over the allowed limit of 40.');
    // Another key has its own bucket.
    const bearer = await get(`${tmdb}/genre/movie/list`, { headers: { Authorization: `Bearer ${SANDBOX_KEYS.tmdbReadAccessToken}` } });
    expect(bearer.status).toBe(200);
    clockMs += 1000;
    expect((await genres()).status).toBe(200);
  });

  it('takes a custom rate (knob) and can be switched off', async () => {
    sb.setFaults('tmdb', { rateLimitPerSecond: 2 });
    expect([(await genres()).status, (await genres()).status, (await genres()).status]).toEqual([200, 200, 429]);
    clockMs += 500;
    expect((await genres()).status).toBe(200);
    sb.setFaults('tmdb', { rateLimitPerSecond: null });
    for (let i = 0; i < 5; i++) expect((await genres()).status).toBe(200);
  });

  it('rejects a bad key before rate limiting', async () => {
    sb.setFaults('tmdb', { tooManyRequests: 5 });
    expect((await get(`${tmdb}/genre/movie/list?api_key=bad`)).status).toBe(401);
  });
});

describe('keys and quotas', () => {
  it('invalidKey rejects the real keys with each site\'s 401 body', async () => {
    sb.setFaults('all', { invalidKey: true });
    const t = await genres();
    expect([t.status, (t.json() as { status_code: number }).status_code]).toEqual([401, 7]);
    const o = await omdbMovie();
    expect([o.status, o.json()]).toEqual([401, { Response: 'False', Error: 'Invalid API key!' }]);
  });

  it('OMDb: dailyLimit then 401 "Request limit reached!", reset on the next UTC day', async () => {
    sb.setFaults('omdb', { dailyLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await omdbMovie()).status).toBe(200);
    const limited = await omdbMovie();
    expect([limited.status, limited.json()]).toEqual([401, { Response: 'False', Error: 'Request limit reached!' }]);
    clockMs += 24 * 3600 * 1000;
    expect((await omdbMovie()).status).toBe(200);
  });

  it('OMDb: quotaExhausted reaches the limit now; the default limit is 1000 a day', async () => {
    expect(sb.faults('omdb').dailyLimit).toBe(1000);
    sb.setFaults('omdb', { quotaExhausted: true });
    expect((await omdbMovie()).json()).toEqual({ Response: 'False', Error: 'Request limit reached!' });
    sb.setFaults('omdb', { quotaExhausted: false });
    expect((await omdbMovie()).status).toBe(200);
  });

  it('forbidden answers 403 (a site blocking the client)', async () => {
    sb.setFaults('tmdb', { forbidden: true });
    expect((await genres()).status).toBe(403);
  });

  it('maxPage lowers the page cap so window splitting can be tested on a small catalog', async () => {
    sb.setFaults('tmdb', { maxPage: 3 });
    expect((await get(`${tmdb}/discover/movie?${TMDB_KEY}&page=3`)).status).toBe(200);
    const res = await get(`${tmdb}/discover/movie?${TMDB_KEY}&page=4`);
    expect([res.status, (res.json() as { status_code: number }).status_code]).toEqual([400, 22]);
    expect((res.json() as { total_pages?: number }).total_pages).toBeUndefined();
  });
});

describe('knob validation', () => {
  it('rejects unknown knobs and out-of-range values', () => {
    expect(() => sb.setFaults('tmdb', { errorRate: 2 })).toThrow();
    expect(() => sb.setFaults('tmdb', { errorStatus: 404 })).toThrow();
    expect(() => sb.setFaults('tmdb', { nope: true } as never)).toThrow();
  });

  it('resetFaults returns to the startup knobs', () => {
    sb.setFaults('all', { latencyMs: 5, invalidKey: true });
    sb.resetFaults();
    expect(sb.faults('omdb')).toMatchObject({ latencyMs: 0, invalidKey: false, dailyLimit: 1000 });
    expect(sb.faults('tmdb').rateLimitPerSecond).toBe(40);
  });
});
