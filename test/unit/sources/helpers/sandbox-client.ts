import { HttpClient, HttpClientOptions } from '../../../../activities/sources/http/http-client';
import { SandboxHandle, startSandbox } from '../../../../infra/sandbox';

export interface SandboxClientHarness {
  sandbox: SandboxHandle;
  http: HttpClient;
  /** Backoffs the client asked for in the current test. */
  slept: number[];
}

/**
 * Registers the hooks of a client test against a running sandbox: one server for the enclosing
 * describe (300 movies, seed 42, today 2026-01-15), its knobs reset before each test, and a new
 * HttpClient per test. Backoffs are recorded, not waited; a fake clock they advance keeps the
 * client's limiter consistent.
 */
export function useSandboxClient(options: (sandbox: SandboxHandle) => Omit<HttpClientOptions, 'sleep' | 'now'>): SandboxClientHarness {
  const t = {} as SandboxClientHarness;
  beforeAll(async () => {
    t.sandbox = await startSandbox({ catalog: { movies: 300, seed: 42, today: '2026-01-15' } });
  });
  afterAll(async () => {
    await t.sandbox.close();
  });
  beforeEach(() => {
    t.sandbox.reset();
    t.slept = [];
    let fakeNow = 0;
    t.http = new HttpClient({
      ...options(t.sandbox),
      sleep: async (ms) => {
        t.slept.push(ms);
        fakeNow += ms;
      },
      now: () => fakeNow,
    });
  });
  afterEach(async () => {
    await t.http.close();
  });
  return t;
}
