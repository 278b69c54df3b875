import { AuthError, BadRequestError, NotFoundError, RateLimitedError, SourceError, UpstreamError } from '../errors';

/** Statuses worth another attempt: the server may answer differently in a moment. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The typed error for a final (non-retried or retries-exhausted) HTTP status.
 * `what` is the already-redacted request description, e.g. "GET http://host/path?api_key=***".
 */
export function errorForStatus(
  status: number,
  what: string,
  detail: string,
  extra: { url: string; retryAfterMs?: number },
): SourceError {
  const msg = `${what} → HTTP ${status}${detail ? `: ${detail}` : ''}`;
  const details = { status, url: extra.url, retryAfterMs: extra.retryAfterMs };
  if (status === 401 || status === 403) return new AuthError(msg, details);
  if (status === 404 || status === 410) return new NotFoundError(msg, details);
  if (status === 429) return new RateLimitedError(msg, details);
  if (status >= 500 || status === 408) return new UpstreamError(msg, details);
  if (status >= 400) return new BadRequestError(msg, details);
  return new UpstreamError(msg, details);
}
