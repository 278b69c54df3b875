import { AuthError, ParseError, SourceError } from '../../../../activities/sources/errors';
import { HttpClient } from '../../../../activities/sources/http/http-client';
import { TmdbClient } from '../../../../activities/sources/tmdb/client';
import { useSandboxClient } from '../helpers/sandbox-client';

describe('TmdbClient against the sandbox', () => {
  const t = useSandboxClient((sandbox) => ({
    userAgent: 'lakehouse-test',
    connectTimeoutMs: 1000,
    readTimeoutMs: 2000,
    maxRetries: 6,
    secrets: [sandbox.keys.tmdbApiKey],
  }));

  const client = (o: Partial<ConstructorParameters<typeof TmdbClient>[0]> = {}) =>
    new TmdbClient({ http: t.http, baseUrl: t.sandbox.baseUrls.tmdb as string, apiKey: t.sandbox.keys.tmdbApiKey, ...o });

  it('walks discover by window (split at a lowered page cap) and finds every non-adult movie once', async () => {
    t.sandbox.setFaults('tmdb', { maxPage: 3 });
    const ids: number[] = [];
    for await (const p of client({ maxPage: 3 }).discoverPages({ from: '1920-01-01', to: '2026-01-15' })) {
      ids.push(...p.fetched.parsed.items.map((i) => i.tmdbId));
    }
    const expected = t.sandbox.catalog.movies.filter((m) => !m.adult && m.releaseDate <= '2026-01-15').map((m) => m.tmdbId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.sort());
  }, 30_000);

  it('fetches details that match the catalog, with credits and the vote observation', async () => {
    const m = t.sandbox.catalog.movies.find((x) => x.imdbId && x.directors.length > 0 && x.voteCount > 0)!;
    const res = await client().movieDetails(m.tmdbId);
    expect(res.parsed.movie).toMatchObject({ tmdbId: m.tmdbId, imdbId: m.imdbId, title: m.title, directors: m.directors });
    expect(res.parsed.observations[0]).toMatchObject({ source: 'tmdb', voteCount: m.voteCount });
  });

  it('parses every movie of the catalog without an error', async () => {
    t.sandbox.setFaults('tmdb', { rateLimitPerSecond: null });
    const failures: string[] = [];
    for (const m of t.sandbox.catalog.movies) {
      await client()
        .movieDetails(m.tmdbId)
        .catch((e: SourceError) => failures.push(`${m.tmdbId} [${m.tags.join(',')}]: ${e.message}`));
    }
    expect(failures).toEqual([]);
  }, 30_000);

  // The client's limiter paces a burst of concurrent requests; retries (honouring Retry-After)
  // absorb the odd 429 when a loaded machine delays sends and they reach the server bunched.
  it("paces concurrent requests with the client's limiter and completes under the sandbox's 40/s limit", async () => {
    const paced = new HttpClient({
      userAgent: 'lakehouse-test',
      connectTimeoutMs: 2000,
      readTimeoutMs: 5000,
      maxRetries: 5,
      limits: { tmdb: { requestsPerSecond: 30 } },
    });
    const c = client({ http: paced });
    const started = Date.now();
    try {
      const res = await Promise.all(t.sandbox.catalog.movies.slice(0, 90).map((m) => c.movieDetails(m.tmdbId)));
      expect(res).toHaveLength(90);
    } finally {
      await paced.close();
    }
    // burst of 30, then 60 more at 30/s: at least ~2 s
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it('walks /movie/changes over 30 days in 14-day windows', async () => {
    const pages: string[] = [];
    for await (const p of client().changesPages({ from: '2025-12-16', to: '2026-01-14' })) {
      pages.push(`${p.window.from}..${p.window.to}#${p.page}`);
    }
    expect(pages.filter((p) => p.endsWith('#1'))).toEqual([
      '2025-12-16..2025-12-29#1',
      '2025-12-30..2026-01-12#1',
      '2026-01-13..2026-01-14#1',
    ]);
  });

  it('fails an invalid key in under a second, naming TMDB_API_KEY', async () => {
    t.sandbox.setFaults('tmdb', { invalidKey: true });
    const started = Date.now();
    const err = await client().genres().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('TMDB_API_KEY');
    expect(err.message).not.toContain(t.sandbox.keys.tmdbApiKey);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rides out a 429 storm honouring Retry-After', async () => {
    t.sandbox.setFaults('tmdb', { tooManyRequests: 5, retryAfterSeconds: 2 });
    const res = await client().genres();
    expect(res.parsed.length).toBeGreaterThan(10);
    expect(t.slept.filter((ms) => ms === 2000)).toHaveLength(5);
  });

  it('retries truncated bodies and 5xx, and types malformed ones', async () => {
    t.sandbox.setFaults('tmdb', { truncateRate: 0.5 });
    await expect(client().genres()).resolves.toBeDefined();
    t.sandbox.setFaults('tmdb', { truncateRate: 0, errorRate: 0.5 });
    await expect(client().genres()).resolves.toBeDefined();
    t.sandbox.setFaults('tmdb', { errorRate: 0, malformedRate: 1 });
    await expect(client().genres()).rejects.toBeInstanceOf(ParseError);
  });
});
