import { HttpClient, HttpClientOptions, HttpLogEvent } from '../../../../activities/sources/http/http-client';
import { startTestServer, TestServer } from './test-server';

/** What each test of a source client gets afresh: a test server, an HttpClient, and what the client recorded. */
export interface ClientHarness {
  server: TestServer;
  http: HttpClient;
  logs: HttpLogEvent[];
  /** Backoffs the client asked for: recorded, never waited. */
  slept: number[];
}

/**
 * Registers the hooks that give every test of the enclosing describe a new test server and an
 * HttpClient (`options` plus a recording log and sleep), and close both after it. The test's own
 * beforeEach runs after these, so it can install the server's handler.
 */
export function useClientHarness(options: Omit<HttpClientOptions, 'log' | 'sleep'>): ClientHarness {
  const t = {} as ClientHarness;
  beforeEach(async () => {
    t.server = await startTestServer();
    t.logs = [];
    t.slept = [];
    t.http = new HttpClient({
      ...options,
      log: (e) => t.logs.push(e),
      sleep: async (ms) => {
        t.slept.push(ms);
      },
    });
  });
  afterEach(async () => {
    await t.http.close();
    await t.server.close();
  });
  return t;
}
