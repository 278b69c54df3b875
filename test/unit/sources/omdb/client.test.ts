import { AuthError, BadRequestError, NotFoundError, ParseError, QuotaExhaustedError, SourceError, TimeoutError, UpstreamError } from '../../../../activities/sources/errors';
import { OmdbClient } from '../../../../activities/sources/omdb/client';
import { useClientHarness } from '../helpers/client-harness';
import { sendJson } from '../helpers/test-server';
import { omdbFixture } from './fixtures';

const KEY = 'omdbkey42';

describe('OmdbClient', () => {
  const t = useClientHarness({ userAgent: 't', connectTimeoutMs: 300, readTimeoutMs: 300, maxRetries: 2 });
  let requestsLeft: number;

  const client = (apiKey: string | null = KEY) =>
    new OmdbClient({ http: t.http, baseUrl: `${t.server.url}/omdb/`, apiKey: apiKey ?? undefined, clock: () => new Date('2026-03-01T00:00:00Z') });

  beforeEach(() => {
    requestsLeft = 100;
    t.server.handle((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      if (!q.get('apikey')) return sendJson(res, 401, omdbFixture('errors/401-no-api-key.json'));
      if (q.get('apikey') !== KEY) return sendJson(res, 401, omdbFixture('errors/401-invalid-api-key.json'));
      if (requestsLeft-- <= 0) return sendJson(res, 401, omdbFixture('errors/401-request-limit-reached.json'));
      const id = q.get('i');
      if (id === 'tt3896198') return sendJson(res, 200, omdbFixture('title-current.json'));
      if (id === 'tt0000002') return sendJson(res, 200, omdbFixture('errors/200-unescaped-quotes.txt'));
      if (id === 'tt0000003') return sendJson(res, 200, omdbFixture('truncated-title.json'));
      if (id === 'tt0000004') return sendJson(res, 200, omdbFixture('errors/200-error-getting-data.json'));
      if (id === 'tt0000005') return; // hangs
      sendJson(res, 200, omdbFixture('errors/200-movie-not-found.json'));
    });
  });

  it('fetches a title by IMDb id: raw + parsed, key redacted from the URL', async () => {
    const res = await client().byImdbId('tt3896198');
    expect(res.raw).toBe(omdbFixture('title-current.json'));
    expect(res.parsed.details.imdbVotes).toBe(802014);
    expect(res.parsed.observations.map((o) => o.source)).toEqual(['imdb', 'rotten_tomatoes', 'metacritic']);
    expect(res.parsed.observations[1].url).toBe(res.url);
    expect(res.url).toContain('apikey=***');
    expect(res.url).not.toContain(KEY);
    const q = new URL(t.server.requests[0].url, 'http://x').searchParams;
    expect(Object.fromEntries(q)).toEqual({ apikey: KEY, i: 'tt3896198', plot: 'short', r: 'json' });
  });

  it('fails a bad key in under a second, once, naming OMDB_API_KEY', async () => {
    const started = Date.now();
    const err = await client('not-the-key-777').byImdbId('tt3896198').catch((e) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('OMDB_API_KEY');
    expect(JSON.stringify([err.message, err.details, t.logs])).not.toContain('not-the-key-777');
    expect(t.server.requests).toHaveLength(1);
    expect(t.slept).toEqual([]);
  });

  it('refuses to run without a key, and rejects non-IMDb ids, without a request', async () => {
    await expect(client(null).byImdbId('tt1')).rejects.toBeInstanceOf(AuthError);
    await expect(client().byImdbId('550')).rejects.toBeInstanceOf(BadRequestError);
    expect(t.server.requests).toHaveLength(0);
  });

  it('tells the daily limit (QuotaExhaustedError) from not found (NotFoundError)', async () => {
    requestsLeft = 1;
    await expect(client().byImdbId('tt7777777')).rejects.toBeInstanceOf(NotFoundError);
    const err = await client().byImdbId('tt3896198').catch((e) => e);
    expect(err).toBeInstanceOf(QuotaExhaustedError);
    expect(err.details.status).toBe(401);
  });

  it('reads the error out of invalid JSON, and gives ParseError for a truncated title', async () => {
    await expect(client().byImdbId('tt0000002')).rejects.toBeInstanceOf(NotFoundError);
    await expect(client().byImdbId('tt0000003')).rejects.toBeInstanceOf(ParseError);
    await expect(client().byImdbId('tt0000004')).rejects.toBeInstanceOf(UpstreamError);
  });

  it('times out without hanging', async () => {
    const started = Date.now();
    const err = await client().byImdbId('tt0000005').catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('never leaks the key through errors or logs', async () => {
    t.server.handle((req, res) => sendJson(res, 500, `{"Error":"boom at ${req.url}"}`));
    const err: SourceError = await client().byImdbId('tt3896198').catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(JSON.stringify([err.message, err.details, err.stack, t.logs])).not.toContain(KEY);
  });
});
