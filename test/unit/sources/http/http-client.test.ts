import { gzipSync } from 'node:zlib';
import { HttpClient, HttpClientOptions, HttpLogEvent } from '../../../../activities/sources/http/http-client';
import { AuthError, BadRequestError, NotFoundError, RateLimitedError, SourceError, TimeoutError, UpstreamError } from '../../../../activities/sources/errors';
import { sendJson, startTestServer, TestServer } from '../helpers/test-server';

const SECRET = 'k3y-SECRET-0123456789';

describe('HttpClient', () => {
  let server: TestServer;
  let client: HttpClient;
  let slept: number[];
  let logs: HttpLogEvent[];
  let fakeNow: number;

  function makeClient(extra: Partial<HttpClientOptions> = {}): HttpClient {
    return new HttpClient({
      userAgent: 'lakehouse-test/1.0 (test@example.org)',
      connectTimeoutMs: 1000,
      readTimeoutMs: 1000,
      maxRetries: 3,
      secrets: [SECRET],
      log: (e) => logs.push(e),
      // Retries are exercised without waiting: record the requested delays and advance a fake clock.
      sleep: async (ms) => {
        slept.push(ms);
        fakeNow += ms;
      },
      now: () => fakeNow,
      random: () => 0.5,
      ...extra,
    });
  }

  beforeEach(async () => {
    server = await startTestServer();
    slept = [];
    logs = [];
    fakeNow = 1_000_000;
    client = makeClient();
  });

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('returns status, lower-cased headers and the body, sending the User-Agent', async () => {
    server.handle((_req, res) => sendJson(res, 200, { ok: 'é' }, { 'X-Thing': 'v' }));
    const res = await client.get({ site: 'tmdb', url: `${server.url}/a?b=1`, headers: { accept: 'application/json' } });
    expect(res).toMatchObject({ status: 200, body: '{"ok":"é"}', url: `${server.url}/a?b=1` });
    expect(res.headers['x-thing']).toBe('v');
    expect(server.requests[0].headers['user-agent']).toBe('lakehouse-test/1.0 (test@example.org)');
    expect(server.requests[0].headers.accept).toBe('application/json');
  });

  it('retries 5xx with backoff and succeeds', async () => {
    let n = 0;
    server.handle((_req, res) => (++n <= 2 ? sendJson(res, 503, 'busy') : sendJson(res, 200, { n })));
    const res = await client.get({ site: 's', url: server.url });
    expect(JSON.parse(res.body)).toEqual({ n: 3 });
    // full jitter with random 0.5: half of 500, then half of 1000
    expect(slept).toEqual([250, 500]);
  });

  it('gives UpstreamError after maxRetries + 1 attempts of 5xx', async () => {
    server.handle((_req, res) => sendJson(res, 500, { status_message: 'oops' }));
    const err = await client.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.retryable).toBe(true);
    expect(err.details.status).toBe(500);
    expect(err.message).toMatch(/after 4 attempts/);
    expect(err.message).toContain('oops');
    expect(server.requests).toHaveLength(4);
  });

  it('rides out a 429 storm honouring Retry-After (seconds and HTTP-date)', async () => {
    let n = 0;
    server.handle((_req, res) => {
      n++;
      if (n <= 2) return sendJson(res, 429, { status_code: 25 }, { 'retry-after': '2' });
      if (n === 3) return sendJson(res, 429, {}, { 'retry-after': new Date(Date.now() + 5000).toUTCString() });
      sendJson(res, 200, { ok: true });
    });
    const res = await client.get({ site: 'tmdb', url: server.url });
    expect(res.status).toBe(200);
    expect(slept.slice(0, 2)).toEqual([2000, 2000]);
    // HTTP-date has second precision
    expect(slept[2]).toBeGreaterThan(3000);
    expect(slept[2]).toBeLessThanOrEqual(5000);
  });

  it('429 without Retry-After backs off; RateLimitedError with retryAfterMs when retries run out', async () => {
    server.handle((_req, res) => sendJson(res, 429, {}, { 'retry-after': '7' }));
    const err = await client.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.details.retryAfterMs).toBe(7000);
    expect(server.requests).toHaveLength(4);

    server.handle((_req, res) => sendJson(res, 429, {}));
    slept = [];
    const err2 = await client.get({ site: 's2', url: server.url }).catch((e) => e);
    expect(err2).toBeInstanceOf(RateLimitedError);
    expect(err2.details.retryAfterMs).toEqual(expect.any(Number));
    expect(slept).toEqual([250, 500, 1000]);
  });

  it('does not sleep through an overlong Retry-After: RateLimitedError at once', async () => {
    server.handle((_req, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }));
    const err = await client.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.details.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it.each([
    [401, AuthError],
    [403, AuthError],
    [404, NotFoundError],
    [400, BadRequestError],
    [422, BadRequestError],
  ])('maps %i to a non-retryable typed error without retrying', async (status, Type) => {
    server.handle((_req, res) => sendJson(res, status, { status_message: 'no' }));
    const started = Date.now();
    const err = await client.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(Type);
    expect(err.retryable).toBe(false);
    expect(err.details.status).toBe(status);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('returns passStatuses to the caller, unretried', async () => {
    server.handle((_req, res) => sendJson(res, 401, { Response: 'False', Error: 'Invalid API key!' }));
    const res = await client.get({ site: 'omdb', url: server.url, passStatuses: [401] });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).Error).toBe('Invalid API key!');
    expect(server.requests).toHaveLength(1);
  });

  it('times out on missing headers with TimeoutError, without hanging', async () => {
    server.handle(() => {
      /* never answers */
    });
    const c = makeClient({ readTimeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const err = await c.get({ site: 's', url: server.url }).catch((e) => e);
    await c.close();
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/after 2 attempts/);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out on a body that stalls mid-way', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
    });
    const c = makeClient({ readTimeoutMs: 150, maxRetries: 0 });
    const err = await c.get({ site: 's', url: server.url }).catch((e) => e);
    await c.close();
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it('times out a body that trickles forever (whole-exchange deadline)', async () => {
    let timer: NodeJS.Timeout | undefined;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      timer = setInterval(() => res.write('.'), 30);
      res.on('close', () => clearInterval(timer));
    });
    const c = makeClient({ connectTimeoutMs: 100, readTimeoutMs: 200, maxRetries: 0 });
    const started = Date.now();
    const err = await c.get({ site: 's', url: server.url }).catch((e) => e);
    clearInterval(timer);
    await c.close();
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('retries a body cut short by a connection reset, then UpstreamError', async () => {
    server.handle((req, res) => {
      res.writeHead(200, { 'content-length': '1000', 'content-type': 'application/json' });
      res.write('{"results":[1,2,');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const err = await client.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toMatch(/network error/);
    expect(server.requests).toHaveLength(4);
  });

  it('recovers when a truncated body is followed by a good one', async () => {
    let n = 0;
    server.handle((req, res) => {
      if (++n === 1) {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('{"cut');
        setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      sendJson(res, 200, { whole: true });
    });
    const res = await client.get({ site: 's', url: server.url });
    expect(JSON.parse(res.body)).toEqual({ whole: true });
  });

  it('refuses bodies over the cap (declared or streamed) without retrying', async () => {
    const c = makeClient({ maxBodyBytes: 1000 });
    server.handle((_req, res) => sendJson(res, 200, 'x'.repeat(5000)));
    const err = await c.get({ site: 's', url: server.url }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toMatch(/exceeds 1000/);
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked, no length
      for (let i = 0; i < 10; i++) res.write('y'.repeat(500));
      res.end();
    });
    const err2 = await c.get({ site: 's', url: server.url }).catch((e) => e);
    await c.close();
    expect(err2).toBeInstanceOf(UpstreamError);
    expect(err2.message).toMatch(/larger than 1000/);
    expect(server.requests).toHaveLength(2);
  });

  it('gives UpstreamError when nothing listens (connection refused)', async () => {
    const url = server.url;
    await server.close();
    const err = await client.get({ site: 's', url }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(slept).toHaveLength(3);
    server = await startTestServer(); // for afterEach
  });

  it('follows redirects and reports the final URL', async () => {
    server.handle((req, res) => {
      if (req.url === '/m/old') {
        res.writeHead(301, { location: '/m/new' });
        return res.end();
      }
      sendJson(res, 200, { at: req.url });
    });
    const res = await client.get({ site: 'rt', url: `${server.url}/m/old` });
    expect(res.url).toBe(`${server.url}/m/new`);
    expect(JSON.parse(res.body)).toEqual({ at: '/m/new' });
  });

  it('decodes a gzip body the server compressed anyway', async () => {
    server.handle((_req, res) => {
      const z = gzipSync(Buffer.from('{"z":1}'));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': z.length });
      res.end(z);
    });
    const res = await client.get({ site: 's', url: server.url });
    expect(res.body).toBe('{"z":1}');
  });

  describe('redaction', () => {
    it('never shows the key in errors or log events', async () => {
      server.handle((req, res) => sendJson(res, req.url?.includes('x=5') ? 500 : 401, { echo: req.url, key: SECRET }));
      const errors: SourceError[] = [];
      for (const url of [
        `${server.url}/3/movie/1?api_key=${SECRET}`,
        `${server.url}/?apikey=${SECRET}&i=tt1&x=5`,
        `${server.url}/?i=tt1&token=${encodeURIComponent(SECRET)}`,
      ]) {
        errors.push(await client.get({ site: 's', url, headers: { authorization: `Bearer ${SECRET}` } }).catch((e) => e));
      }
      const everything = JSON.stringify(errors.map((e) => [e.message, e.details, String(e.stack)])) + JSON.stringify(logs);
      expect(errors.every((e) => e instanceof SourceError)).toBe(true);
      expect(logs.length).toBeGreaterThan(0);
      expect(everything).not.toContain(SECRET);
      expect(everything).toContain('api_key=***');
      expect(everything).toContain('apikey=***');
    });

    it('redacts the URL of a successful response', async () => {
      server.handle((_req, res) => sendJson(res, 200, {}));
      const res = await client.get({ site: 's', url: `${server.url}/x?api_key=${SECRET}` });
      expect(res.url).toBe(`${server.url}/x?api_key=***`);
    });
  });

  describe('AbortSignal', () => {
    it('aborts an in-flight request promptly', async () => {
      server.handle(() => {
        /* never answers */
      });
      const c = makeClient({ readTimeoutMs: 10_000 });
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 50);
      const err = await c.get({ site: 's', url: server.url, signal: ac.signal }).catch((e) => e);
      await c.close();
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(SourceError);
      expect(err.name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.requests).toHaveLength(1);
    });

    it('aborts a Retry-After sleep promptly (real timers)', async () => {
      server.handle((_req, res) => sendJson(res, 429, {}, { 'retry-after': '30' }));
      const c = makeClient({ sleep: undefined, now: undefined });
      const ac = new AbortController();
      const reason = new Error('activity cancelled');
      const started = Date.now();
      setTimeout(() => ac.abort(reason), 100);
      const err = await c.get({ site: 's', url: server.url, signal: ac.signal }).catch((e) => e);
      await c.close();
      expect(err).toBe(reason);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('rejects at once when already aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      await expect(client.get({ site: 's', url: server.url, signal: ac.signal })).rejects.toThrow();
      expect(server.requests).toHaveLength(0);
    });
  });

  it('applies the per-site limiter to all requests of the client', async () => {
    const c = makeClient({ limits: { rt: { minIntervalMs: 2000 } } });
    server.handle((_req, res) => sendJson(res, 200, {}));
    await Promise.all([1, 2, 3].map(() => c.get({ site: 'rt', url: server.url })));
    await c.get({ site: 'other', url: server.url });
    await c.close();
    // three concurrent requests get slots 0, 2000 and 4000 ms out (each fake sleep advances the
    // clock, so the third waits the remaining 2000); the other site is not held back
    expect(slept).toEqual([2000, 2000]);
    expect(fakeNow).toBe(1_004_000);
  });
});
