import { loadConfig } from '../../../../config/load';
import { httpClientFromConfig } from '../../../../activities/sources/http/from-config';
import { HttpLogEvent } from '../../../../activities/sources/http/http-client';
import { omdbClientFromConfig } from '../../../../activities/sources/omdb/from-config';
import { tmdbClientFromConfig } from '../../../../activities/sources/tmdb/from-config';
import { sendJson, startTestServer, TestServer } from '../helpers/test-server';

describe('clients from config', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('uses the configured base URLs, keys, User-Agent, and redacts the keys', async () => {
    const config = loadConfig({
      env: {
        TMDB_READ_ACCESS_TOKEN: 'real-token-abcdef123',
        OMDB_API_KEY: 'omdb-real-42',
        TMDB_BASE_URL: `${server.url}/3`,
        OMDB_BASE_URL: `${server.url}/omdb/`,
      },
      readEnvFiles: false,
    });
    expect(config.sources.sandbox).toBe(false);
    const logs: HttpLogEvent[] = [];
    const http = httpClientFromConfig(config, { log: (e) => logs.push(e), maxRetries: 0 });
    server.handle((req, res) => sendJson(res, 401, { success: false, status_code: 7, status_message: `bad ${req.headers.authorization}` }));
    const tmdbErr = await tmdbClientFromConfig(config, http).genres().catch((e) => e);
    expect(server.requests[0].headers.authorization).toBe('Bearer real-token-abcdef123');
    expect(server.requests[0].headers['user-agent']).toBe(config.pipeline.sources.userAgent);
    expect(tmdbErr.message).toContain('TMDB_READ_ACCESS_TOKEN');
    server.handle((_req, res) => sendJson(res, 401, { Response: 'False', Error: 'Invalid API key!' }));
    const omdbErr = await omdbClientFromConfig(config, http).byImdbId('tt1').catch((e) => e);
    expect(server.requests[1].url).toContain('apikey=omdb-real-42');
    expect(omdbErr.message).toContain('OMDB_API_KEY');
    await http.close();
    const all = JSON.stringify([tmdbErr.message, omdbErr.message, tmdbErr.details, omdbErr.details, logs]);
    expect(all).not.toContain('real-token-abcdef123');
    expect(all).not.toContain('omdb-real-42');
  });

  it('points at the sandbox with its keys when no TMDB credentials are set', () => {
    const config = loadConfig({ env: {}, readEnvFiles: false });
    expect(config.sources.sandbox).toBe(true);
    expect(config.sources.tmdbBaseUrl).toMatch(/\/tmdb\/3$/);
  });
});
