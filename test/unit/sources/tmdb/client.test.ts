import { HttpClient } from '../../../../activities/sources/http/http-client';
import { AuthError, BadRequestError, NotFoundError, ParseError, SourceError, TimeoutError, UpstreamError } from '../../../../activities/sources/errors';
import { TmdbClient } from '../../../../activities/sources/tmdb/client';
import { useClientHarness } from '../helpers/client-harness';
import { sendJson } from '../helpers/test-server';
import { fakeTmdb } from './fake-tmdb';

const KEY = 'tmdb-test-key-8f3a2b1c9d';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.tmdb-test-token';

describe('TmdbClient', () => {
  const t = useClientHarness({ userAgent: 'lakehouse-test', connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetries: 5 });

  function client(o: Partial<ConstructorParameters<typeof TmdbClient>[0]> = {}): TmdbClient {
    return new TmdbClient({
      http: t.http,
      baseUrl: `${t.server.url}/3/`,
      apiKey: KEY,
      clock: () => new Date('2026-03-01T00:00:00Z'),
      log: (e) => t.logs.push(e),
      ...o,
    });
  }

  beforeEach(() => {
    t.server.handle(fakeTmdb({ apiKey: KEY, token: TOKEN }));
  });

  describe('auth', () => {
    it('fails an invalid key in under a second, once, naming TMDB_API_KEY, never showing the key', async () => {
      const bad = 'wrong-key-1234567890';
      const started = Date.now();
      const err = await client({ apiKey: bad }).movieDetails(550).catch((e) => e);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(err).toBeInstanceOf(AuthError);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain('TMDB_API_KEY');
      expect(err.message).not.toContain(bad);
      expect(JSON.stringify(t.logs)).not.toContain(bad);
      expect(t.server.requests).toHaveLength(1);
      expect(t.slept).toEqual([]);
    });

    it('sends a read access token as a Bearer header and names TMDB_READ_ACCESS_TOKEN on failure', async () => {
      const ok = await client({ apiKey: undefined, readAccessToken: TOKEN }).genres();
      expect(ok.parsed).toEqual([{ id: 28, name: 'Action' }]);
      expect(t.server.requests[0].url).not.toContain('api_key');
      const err = await client({ apiKey: undefined, readAccessToken: 'bad-token-xyz' }).genres().catch((e) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(err.message).toContain('TMDB_READ_ACCESS_TOKEN');
      expect(JSON.stringify([err.message, t.logs])).not.toContain('bad-token-xyz');
    });

    it('refuses to run without credentials, before any request', async () => {
      const err = await client({ apiKey: undefined }).genres().catch((e) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(err.message).toMatch(/TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN/);
      expect(t.server.requests).toHaveLength(0);
    });
  });

  it('fetches details with append_to_response and returns raw + parsed', async () => {
    const res = await client().movieDetails(550);
    expect(JSON.parse(res.raw).append).toBe('external_ids,credits,release_dates');
    expect(res.parsed.movie).toMatchObject({ tmdbId: 550, imdbId: 'tt0000001', title: 'Détails', directors: ['D'], topCast: ['A'] });
    expect(res.parsed.observations[0]).toMatchObject({ value: 7.5, voteCount: 10, observedAt: '2026-03-01T00:00:00.000Z' });
    expect(res.url).toContain('api_key=***');
    expect(res.url).not.toContain(KEY);
    expect(res.fetchedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(t.server.requests[0].url).toContain('/3/movie/550?');
  });

  it('maps TMDB 404 to NotFoundError and a malformed 200 body to ParseError', async () => {
    await expect(client().movieDetails(404)).rejects.toBeInstanceOf(NotFoundError);
    const err = await client().movieDetails(666).catch((e) => e);
    expect(err).toBeInstanceOf(ParseError);
  });

  it('rejects bad arguments locally (typed, no request)', async () => {
    const c = client();
    expect(() => c.movieDetails(0)).toThrow(BadRequestError);
    expect(() => c.listPage('popular', 501)).toThrow(BadRequestError);
    expect(() => c.changesPage({ from: '2024-01-01', to: '2024-01-20' }, 1)).toThrow(BadRequestError);
    expect(() => c.findByImdbId('550')).toThrow(BadRequestError);
    expect(() => c.movieDetails(1, { append: Array.from({ length: 21 }, (_, i) => `a${i}`) })).toThrow(BadRequestError);
    expect(t.server.requests).toHaveLength(0);
  });

  it('finds by IMDb id', async () => {
    const res = await client().findByImdbId('tt0137523');
    expect(res.parsed.items[0]).toMatchObject({ tmdbId: 1, mediaType: 'movie' });
    expect(t.server.requests[0].url).toContain('external_source=imdb_id');
  });

  it('stops a list at min(total_pages, 500) and flags the truncation', async () => {
    t.server.handle(fakeTmdb({ apiKey: KEY, listTotalPages: 503 }));
    const pages: number[] = [];
    let truncated = false;
    for await (const p of client().listPages('popular')) {
      pages.push(p.page);
      truncated ||= p.truncated;
    }
    expect(pages).toHaveLength(500);
    expect(pages[499]).toBe(500);
    expect(truncated).toBe(true);
    expect(t.logs.some((l) => l.level === 'warn' && /503 > 500/.test(l.msg))).toBe(true);
  }, 30_000);

  it('resumes a list from a checkpointed page', async () => {
    const pages: number[] = [];
    for await (const p of client().listPages('top_rated', { startPage: 2 })) pages.push(p.page);
    expect(pages).toEqual([2, 3]);
  });

  describe('discoverPages', () => {
    // 2024-01-05 is a "hot" day with 520 pages; the other days have 3
    const pagesPerDay = (d: string) => (d === '2024-01-05' ? 520 : 3);

    it('splits windows over 500 pages by halving, and takes 500 pages of a single hot day', async () => {
      t.server.handle(fakeTmdb({ apiKey: KEY, pagesPerDay }));
      const seen = new Map<string, { pages: number; truncated: boolean }>();
      for await (const p of client().discoverPages({ from: '2024-01-01', to: '2024-01-08' })) {
        const k = `${p.window.from}..${p.window.to}`;
        const s = seen.get(k) ?? { pages: 0, truncated: false };
        seen.set(k, { pages: s.pages + 1, truncated: s.truncated || p.truncated });
        expect(p.cursor).toEqual({ from: p.window.from, to: p.window.to, page: p.page });
        expect(p.fetched.raw).toContain('"results"');
      }
      expect([...seen.entries()]).toEqual([
        ['2024-01-01..2024-01-04', { pages: 12, truncated: false }],
        ['2024-01-05..2024-01-05', { pages: 500, truncated: true }],
        ['2024-01-06..2024-01-06', { pages: 3, truncated: false }],
        ['2024-01-07..2024-01-08', { pages: 6, truncated: false }],
      ]);
      expect(t.logs.some((l) => l.truncated === true)).toBe(true);
      const discoverUrls = t.server.requests.map((r) => new URL(r.url, 'http://x').searchParams);
      expect(discoverUrls.every((q) => q.get('sort_by') === 'primary_release_date.asc')).toBe(true);
      expect(discoverUrls.every((q) => Number(q.get('page')) <= 500)).toBe(true);
    }, 30_000);

    it('resumes after a checkpoint inside a split window', async () => {
      t.server.handle(fakeTmdb({ apiKey: KEY, pagesPerDay }));
      const got: string[] = [];
      const resume = { from: '2024-01-05', to: '2024-01-05', page: 498 };
      for await (const p of client().discoverPages({ from: '2024-01-01', to: '2024-01-08' }, { resume })) {
        got.push(`${p.window.from}..${p.window.to}#${p.page}`);
      }
      expect(got).toEqual([
        '2024-01-05..2024-01-05#499',
        '2024-01-05..2024-01-05#500',
        '2024-01-06..2024-01-08#1',
        ...Array.from({ length: 8 }, (_, i) => `2024-01-06..2024-01-08#${i + 2}`),
      ]);
    });

    it('yields an empty window once so callers can checkpoint it', async () => {
      t.server.handle(fakeTmdb({ apiKey: KEY, pagesPerDay: () => 0 }));
      const got = [];
      for await (const p of client().discoverPages({ from: '2024-01-01', to: '2024-01-02' })) got.push(p);
      expect(got).toHaveLength(1);
      expect(got[0].fetched.parsed.items).toEqual([]);
    });
  });

  describe('changesPages', () => {
    it('walks ≤ 14-day windows and loops on total_pages, ignoring total_results', async () => {
      const got: string[] = [];
      const adults: (boolean | null)[] = [];
      for await (const p of client().changesPages({ from: '2024-01-01', to: '2024-01-30' })) {
        got.push(`${p.window.from}..${p.window.to}#${p.page}`);
        adults.push(...p.fetched.parsed.items.map((i) => i.adult));
      }
      expect(got).toEqual([
        '2024-01-01..2024-01-14#1',
        '2024-01-01..2024-01-14#2',
        '2024-01-15..2024-01-28#1',
        '2024-01-15..2024-01-28#2',
        '2024-01-29..2024-01-30#1',
        '2024-01-29..2024-01-30#2',
      ]);
      expect(adults).toContain(null);
    });

    it('resumes in the chunk holding the checkpoint', async () => {
      const got: string[] = [];
      const resume = { from: '2024-01-15', to: '2024-01-28', page: 1 };
      for await (const p of client().changesPages({ from: '2024-01-01', to: '2024-01-30' }, { resume })) {
        got.push(`${p.window.from}#${p.page}`);
      }
      expect(got).toEqual(['2024-01-15#2', '2024-01-29#1', '2024-01-29#2']);
    });
  });

  it('rides out a 429 storm honouring Retry-After', async () => {
    let n = 0;
    const inner = fakeTmdb({ apiKey: KEY });
    t.server.handle((req, res) => {
      if (++n <= 4) {
        return sendJson(res, 429, { status_code: 25, status_message: 'Your request count (46) is over the allowed limit of 40.' }, { 'retry-after': '1' });
      }
      inner(req, res);
    });
    const res = await client().genres();
    expect(res.parsed).toHaveLength(1);
    expect(t.slept.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(4);
  });

  it('gives TimeoutError (not a hang) when TMDB does not answer', async () => {
    t.server.handle(() => undefined);
    const h = new HttpClient({ userAgent: 't', connectTimeoutMs: 200, readTimeoutMs: 200, maxRetries: 1, sleep: async () => undefined });
    const started = Date.now();
    const err = await client({ http: h }).genres().catch((e) => e);
    await h.close();
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives UpstreamError for a body cut by a reset, after retries', async () => {
    t.server.handle((req, res) => {
      res.writeHead(200, { 'content-length': '500', 'content-type': 'application/json' });
      res.write('{"genres":[{"id":28,');
      setTimeout(() => req.socket.destroy(), 5);
    });
    const err = await client().genres().catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(t.server.requests).toHaveLength(6);
  });

  it('never leaks the key: errors, logs, URLs', async () => {
    t.server.handle((req, res) => sendJson(res, 500, { echo: req.url }));
    const errors: SourceError[] = [await client().genres().catch((e) => e)];
    t.server.handle(fakeTmdb({ apiKey: KEY }));
    errors.push(await client().movieDetails(666).catch((e) => e));
    errors.push(await client().movieDetails(404).catch((e) => e));
    const all = JSON.stringify([errors.map((e) => [e.message, e.details, e.stack]), t.logs]);
    expect(errors.every((e) => e instanceof SourceError)).toBe(true);
    expect(all).not.toContain(KEY);
  });

  it('aborts a page walk promptly via AbortSignal', async () => {
    t.server.handle(fakeTmdb({ apiKey: KEY, listTotalPages: 400 }));
    const ac = new AbortController();
    const got: number[] = [];
    const err = await (async () => {
      for await (const p of client().listPages('popular', { signal: ac.signal })) {
        got.push(p.page);
        if (p.page === 3) ac.abort(new Error('cancelled'));
      }
    })().catch((e) => e);
    expect(err).toEqual(new Error('cancelled'));
    expect(got).toEqual([1, 2, 3]);
  });
});
