/**
 * Typed failures of the source clients. Activities turn them into Temporal failures:
 * `retryable: false` ones become non-retryable ApplicationFailures with the same type name.
 * Messages never contain secrets (see http/redact.ts).
 */
export type SourceErrorType =
  | 'AuthError'
  | 'NotFoundError'
  | 'RateLimitedError'
  | 'QuotaExhaustedError'
  | 'UpstreamError'
  | 'TimeoutError'
  | 'ParseError'
  | 'RobotsDisallowedError'
  | 'BadRequestError';

export class SourceError extends Error {
  constructor(
    readonly type: SourceErrorType,
    message: string,
    readonly retryable: boolean,
    readonly details: { status?: number; url?: string; retryAfterMs?: number; cause?: unknown; raw?: string } = {},
  ) {
    super(message);
    this.name = type;
  }
}

export class AuthError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('AuthError', message, false, details);
  }
}
export class NotFoundError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('NotFoundError', message, false, details);
  }
}
export class RateLimitedError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('RateLimitedError', message, true, details);
  }
}
/** A daily/monthly quota is used up: stop and resume later; never record "no data". */
export class QuotaExhaustedError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('QuotaExhaustedError', message, false, details);
  }
}
export class UpstreamError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('UpstreamError', message, true, details);
  }
}
export class TimeoutError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('TimeoutError', message, true, details);
  }
}
/** The response arrived but is not what the source documents: quarantine the payload. */
export class ParseError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('ParseError', message, false, details);
  }
}
export class RobotsDisallowedError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('RobotsDisallowedError', message, false, details);
  }
}
export class BadRequestError extends SourceError {
  constructor(message: string, details: SourceError['details'] = {}) {
    super('BadRequestError', message, false, details);
  }
}
