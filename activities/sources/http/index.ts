export { HttpClient } from './http-client';
export type { HttpClientOptions, HttpRequest, HttpResponse, HttpLogEvent, RateLimit } from './http-client';
export { redact, redactDeep, REDACTED } from './redact';
export { parseRetryAfter, backoffDelay } from './backoff';
export { RateLimiter } from './rate-limiter';
export { sleep, abortReason } from './sleep';
export type { SleepFn } from './sleep';
export type { Fetched } from './fetched';
export { criticMinIntervalMs, httpClientFromConfig, SOURCE_SITES } from './from-config';
