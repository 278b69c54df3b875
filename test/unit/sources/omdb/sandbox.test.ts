import { AuthError, NotFoundError, QuotaExhaustedError, SourceError } from '../../../../activities/sources/errors';
import { OmdbClient } from '../../../../activities/sources/omdb/client';
import { useSandboxClient } from '../helpers/sandbox-client';

describe('OmdbClient against the sandbox', () => {
  const t = useSandboxClient(() => ({ userAgent: 'lakehouse-test', connectTimeoutMs: 1000, readTimeoutMs: 2000, maxRetries: 3 }));

  const client = () => new OmdbClient({ http: t.http, baseUrl: t.sandbox.baseUrls.omdb as string, apiKey: t.sandbox.keys.omdbApiKey });

  it('parses every OMDb title of the catalog and matches its numbers', async () => {
    const withOmdb = t.sandbox.catalog.movies.filter((m) => m.imdbId && m.omdb).slice(0, 150);
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
    t.sandbox.setFaults('omdb', { invalidKey: true });
    const auth = await client().byImdbId('tt0000001').catch((e) => e);
    expect(auth).toBeInstanceOf(AuthError);
    expect(auth.message).toContain('OMDB_API_KEY');
    t.sandbox.setFaults('omdb', { invalidKey: false, quotaExhausted: true });
    await expect(client().byImdbId('tt0000001')).rejects.toBeInstanceOf(QuotaExhaustedError);
  });
});
