import { Agent, request } from 'undici';
import { RateLimitedError, SourceError, TimeoutError, UpstreamError } from '../errors';
import { backoffDelay, parseRetryAfter } from './backoff';
import { RateLimit, RateLimiter } from './rate-limiter';
import { BodyTooLargeError, bodyText, decodeBody, readCapped } from './read-body';
import { redact, redactDeep } from './redact';
import { abortReason, sleep as defaultSleep, SleepFn } from './sleep';
import { errorForStatus, isRetryableStatus } from './status-errors';

export type { RateLimit } from './rate-limiter';

export type HttpLogEvent = { level: 'debug' | 'info' | 'warn'; msg: string; [k: string]: unknown };

export interface HttpClientOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Time allowed for the response headers and, separately, for the whole body. */
  readTimeoutMs: number;
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** secrets to redact from every error/log (keys, tokens) in addition to api_key/apikey query values and Bearer tokens */
  secrets?: string[];
  /** per-site limits, key = site name */
  limits?: Record<string, RateLimit>;
  log?: (event: HttpLogEvent) => void;
  /** injectable for tests */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** injectable for tests (jitter) */
  random?: () => number;
  /** injectable for tests (rate limiter clock) */
  now?: () => number;
  /** First backoff ceiling; doubles per retry (default 500 ms). */
  retryBaseMs?: number;
  /** Largest backoff ceiling (default 30 s). */
  retryMaxMs?: number;
  /** A Retry-After longer than this is not slept through: RateLimitedError is thrown at once with retryAfterMs (default 60 s). */
  maxRetryAfterMs?: number;
  /** Response body cap, after decompression (default 10 MB). */
  maxBodyBytes?: number;
  /** Redirects followed per request (default 5; 0 returns 3xx responses to the caller). */
  maxRedirects?: number;
  /** Keep-alive connections per origin (default 8). */
  connectionsPerOrigin?: number;
}

export interface HttpRequest {
  site: string;
  url: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** statuses returned to the caller instead of thrown (e.g. OMDb's 401s, TMDB 404); never retried */
  passStatuses?: number[];
}

export interface HttpResponse {
  status: number;
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>;
  body: string;
  /** the final URL (after redirects), redacted */
  url: string;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

/** Marks the per-attempt deadline firing, to tell it apart from the caller's abort. */
class DeadlineExceeded extends Error {}

type AttemptResult = { status: number; headers: Record<string, string>; body: string };

/**
 * The one HTTP client of the source adapters: keep-alive pools (one undici Agent, a pool per
 * origin), timeouts, retries with backoff + full jitter, Retry-After, per-site rate limits,
 * AbortSignal, typed errors and redaction of every secret from errors and logs.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly sleep: SleepFn;
  private readonly now: () => number;
  private readonly secrets: string[];
  private closed = false;

  constructor(private readonly o: HttpClientOptions) {
    this.sleep = o.sleep ?? defaultSleep;
    this.now = o.now ?? Date.now;
    this.secrets = (o.secrets ?? []).filter((s) => typeof s === 'string' && s.length > 0);
    this.agent = new Agent({
      connect: { timeout: o.connectTimeoutMs },
      headersTimeout: o.readTimeoutMs,
      bodyTimeout: o.readTimeoutMs,
      keepAliveTimeout: 10_000,
      connections: o.connectionsPerOrigin ?? 8,
    });
  }

  /** Source clients register the keys they send, so every error and log line of this client hides them. */
  addSecrets(secrets: (string | undefined | null)[]): void {
    for (const s of secrets) if (s && !this.secrets.includes(s)) this.secrets.push(s);
  }

  /** Redacts with this client's secrets; exposed so callers build messages the same way. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }

  async get(req: HttpRequest): Promise<HttpResponse> {
    if (this.closed) throw new UpstreamError(`HTTP client is closed (${this.redact(req.url)})`);
    const maxRetries = Math.max(0, this.o.maxRetries);
    const maxRedirects = this.o.maxRedirects ?? 5;
    const limiter = this.limiter(req.site);
    let url = req.url;
    let redirects = 0;
    let attempt = 0;

    for (;;) {
      if (req.signal?.aborted) throw abortReason(req.signal);
      await limiter.acquire(req.signal);
      const what = `GET ${this.redact(url)}`;
      const started = this.now();
      let res: AttemptResult;
      try {
        res = await this.attempt(url, req);
      } catch (err) {
        if (req.signal?.aborted) throw abortReason(req.signal);
        const typed = err as SourceError;
        if (!typed.retryable || err instanceof BodyTooLargeError || attempt >= maxRetries) {
          throw this.final(typed, attempt);
        }
        const delay = this.backoff(attempt);
        this.emit({ level: 'warn', msg: `${typed.message}; retrying in ${delay} ms`, site: req.site, attempt, delayMs: delay });
        await this.sleep(delay, req.signal);
        attempt++;
        continue;
      }
      this.emit({ level: 'debug', msg: what, site: req.site, status: res.status, attempt, ms: this.now() - started });

      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && location && redirects < maxRedirects && !req.passStatuses?.includes(res.status)) {
        url = new URL(location, url).toString();
        redirects++;
        continue;
      }
      if (req.passStatuses?.includes(res.status) || res.status < 400) {
        return { status: res.status, headers: res.headers, body: res.body, url: this.redact(url) };
      }

      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], Date.now());
      const detail = this.redact(res.body.slice(0, 300).replace(/\s+/g, ' ').trim());
      if (isRetryableStatus(res.status) && attempt < maxRetries) {
        const tooLong = retryAfterMs !== undefined && retryAfterMs > (this.o.maxRetryAfterMs ?? 60_000);
        if (!tooLong) {
          const delay = retryAfterMs ?? this.backoff(attempt);
          // A 429 speaks for the whole site: hold back every request of this client, not just this one.
          if (res.status === 429) limiter.pauseUntil(this.now() + delay);
          this.emit({ level: 'warn', msg: `${what} → HTTP ${res.status}; retrying in ${delay} ms`, site: req.site, attempt, delayMs: delay, retryAfterMs });
          await this.sleep(delay, req.signal);
          attempt++;
          continue;
        }
      }
      const suffix = isRetryableStatus(res.status) ? ` (after ${attempt + 1} attempt${attempt ? 's' : ''})` : '';
      const error = errorForStatus(res.status, what + suffix, detail, {
        url: this.redact(url),
        retryAfterMs: res.status === 429 ? (retryAfterMs ?? this.backoff(attempt)) : retryAfterMs,
      });
      this.emit({ level: 'warn', msg: error.message, site: req.site, type: error.type, status: res.status });
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent.close();
  }

  private limiter(site: string): RateLimiter {
    let l = this.limiters.get(site);
    if (!l) {
      l = new RateLimiter(this.o.limits?.[site] ?? {}, this.now, this.sleep);
      this.limiters.set(site, l);
    }
    return l;
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, {
      baseMs: this.o.retryBaseMs ?? 500,
      maxMs: this.o.retryMaxMs ?? 30_000,
      random: this.o.random,
    });
  }

  /** One request, body included, under one deadline; every failure comes out as a SourceError. */
  private async attempt(url: string, req: HttpRequest): Promise<AttemptResult> {
    // One controller for undici, fed by the caller's signal and by our deadline. Linked by hand
    // (not AbortSignal.any) so nothing stays attached to a long-lived activity signal afterwards.
    const ctrl = new AbortController();
    const deadline = { hit: false };
    const onCallerAbort = () => ctrl.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = ctrl.signal;
    // undici's bodyTimeout only bounds the gap between chunks; this bounds the whole exchange.
    const timer = setTimeout(() => {
      deadline.hit = true;
      ctrl.abort(new DeadlineExceeded());
    }, this.o.connectTimeoutMs + this.o.readTimeoutMs);
    const what = () => `GET ${this.redact(url)}`;
    const maxBytes = this.o.maxBodyBytes ?? DEFAULT_MAX_BODY;
    try {
      const res = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        headers: { 'user-agent': this.o.userAgent, ...req.headers },
        signal,
        headersTimeout: this.o.readTimeoutMs,
        bodyTimeout: this.o.readTimeoutMs,
      });
      const headers = flattenHeaders(res.headers);
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.on('error', () => undefined).destroy();
        throw new BodyTooLargeError(`${what()}: response body of ${declared} bytes exceeds ${maxBytes}`, { url: this.redact(url) });
      }
      const raw = await readCapped(res.body, maxBytes, what);
      let decoded: Buffer;
      try {
        decoded = decodeBody(raw, headers['content-encoding'], maxBytes);
      } catch (err) {
        if (err instanceof RangeError) throw new BodyTooLargeError(`${what()}: decompressed body exceeds ${maxBytes} bytes`);
        // A broken compressed stream is a truncated transfer: worth another attempt.
        throw new UpstreamError(`${what()}: undecodable ${headers['content-encoding']} body`);
      }
      return { status: res.statusCode, headers, body: bodyText(decoded, headers['content-type']) };
    } catch (err) {
      throw this.classify(err, what(), url, deadline.hit);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private classify(err: unknown, what: string, url: string, deadlineHit: boolean): SourceError {
    if (err instanceof SourceError) return err;
    const details = { url: this.redact(url), cause: describe(err, this.secrets) };
    if (deadlineHit) {
      return new TimeoutError(`${what}: no complete response within ${this.o.connectTimeoutMs + this.o.readTimeoutMs} ms`, details);
    }
    const code = (err as { code?: string })?.code;
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TimeoutError(`${what}: connect timeout after ${this.o.connectTimeoutMs} ms`, details);
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return new TimeoutError(`${what}: no response headers within ${this.o.readTimeoutMs} ms`, details);
    if (code === 'UND_ERR_BODY_TIMEOUT') return new TimeoutError(`${what}: body stalled for ${this.o.readTimeoutMs} ms`, details);
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new BodyTooLargeError(`${what}: response body too large`, details);
    // Resets, refused connections, truncated bodies (content-length mismatch), parser errors.
    return new UpstreamError(`${what}: network error: ${describe(err, this.secrets)}`, details);
  }

  /** The error thrown to the caller once retries are over; says how many attempts were made. */
  private final(err: SourceError, attempt: number): SourceError {
    if (attempt === 0 || err instanceof BodyTooLargeError || !err.retryable) return err;
    const msg = `${err.message} (after ${attempt + 1} attempts)`;
    const Ctor = err instanceof TimeoutError ? TimeoutError : err instanceof RateLimitedError ? RateLimitedError : UpstreamError;
    return new Ctor(msg, err.details);
  }

  private emit(event: HttpLogEvent): void {
    if (!this.o.log) return;
    try {
      this.o.log(redactDeep(event, this.secrets));
    } catch {
      // A broken logger must never fail a fetch.
    }
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function describe(err: unknown, secrets: string[]): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return redact(`${code ? `${code} ` : ''}${err.message}`, secrets);
  }
  return redact(String(err), secrets);
}
