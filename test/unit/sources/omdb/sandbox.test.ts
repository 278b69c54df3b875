import { AuthError, NotFoundError, QuotaExhaustedError, SourceError } from '../../../../activities/sources/errors';
import { HttpClient } from '../../../../activities/sources/http/http-client';
import { OmdbClient } from '../../../../activities/sources/omdb/client';
import { SandboxHandle, startSandbox } from '../../../../infra/sandbox';

describe('OmdbClient against the sandbox', () => {
  let sandbox: SandboxHandle;
  let http: HttpClient;

  const client = () => new OmdbClient({ http, baseUrl: sandbox.baseUrls.omdb as string, apiKey: sandbox.keys.omdbApiKey });

  beforeAll(async () => {
    sandbox = await startSandbox({ catalog: { movies: 300, seed: 42, today: '2026-01-15' } });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    http = new HttpClient({ userAgent: 'lakehouse-test', connectTimeoutMs: 1000, readTimeoutMs: 2000, maxRetries: 3, sleep: async () => undefined });
  });
  afterEach(async () => {
    await http.close();
  });

  it('parses every OMDb title of the catalog and matches its numbers', async () => {
    const withOmdb = sandbox.catalog.movies.filter((m) => m.imdbId && m.omdb).slice(0, 150);
    expect(withOmdb.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const m of withOmdb) {
      try {
        const { parsed } = await client().byImdbId(m.imdbId!);
        expect(parsed.details).toMatchObject({ imdbId: m.imdbId, imdbVotes: m.omdb!.imdbVotes, boxOffice: m.omdb!.boxOffice, metascore: m.omdb!.metascore });
        expect(parsed.observations.some((o) => o.source === 'rotten_tomatoes')).toBe(m.omdb!.ratings.rottenTomatoes);
      } catch (e) {
        failures.push(`${m.imdbId} [${m.tags.join(',')}]: ${(e as SourceError).message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it('types the sandbox errors: unknown id, bad key, quota', async () => {
    await expect(client().byImdbId('tt0000001')).rejects.toBeInstanceOf(NotFoundError);
    sandbox.setFaults('omdb', { invalidKey: true });
    const auth = await client().byImdbId('tt0000001').catch((e) => e);
    expect(auth).toBeInstanceOf(AuthError);
    expect(auth.message).toContain('OMDB_API_KEY');
    sandbox.setFaults('omdb', { invalidKey: false, quotaExhausted: true });
    await expect(client().byImdbId('tt0000001')).rejects.toBeInstanceOf(QuotaExhaustedError);
  });
});
