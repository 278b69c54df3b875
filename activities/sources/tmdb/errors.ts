import { AuthError, BadRequestError, NotFoundError, RateLimitedError, SourceError, UpstreamError } from '../errors';
import { redact } from '../http/redact';
import { unwrapSavedResponse } from '../http/saved-response';
import { tmdbErrorEnvelopeSchema } from './schemas';

/**
 * TMDB's error envelope → typed errors (codes from TMDB's errors table, shared SOURCES.md §1.4).
 * Auth failures must name the variable to fix and must not be retried.
 */

/** Credential problems (invalid/suspended key, failed auth, unverified account...). */
export const TMDB_AUTH_CODES = new Set([3, 7, 10, 14, 16, 17, 30, 31, 32, 33, 35, 36, 45]);
export const TMDB_NOT_FOUND_CODES = new Set([6, 21, 34, 37]);
export const TMDB_RATE_LIMIT_CODES = new Set([25]);
export const TMDB_BAD_REQUEST_CODES = new Set([2, 4, 5, 18, 19, 20, 22, 23, 26, 27, 28, 42, 44, 47]);
export const TMDB_UPSTREAM_CODES = new Set([9, 11, 15, 24, 43, 46]);
/** Codes TMDB sends with a successful write ("Success.", "updated", "deleted", "nothing to update"): not errors. */
const TMDB_SUCCESS_CODES = new Set([1, 12, 13, 40]);

export const TMDB_CREDENTIAL_VARS = ['TMDB_API_KEY', 'TMDB_READ_ACCESS_TOKEN'] as const;
export type TmdbCredentialVar = (typeof TMDB_CREDENTIAL_VARS)[number];

export interface TmdbErrorContext {
  /** The variable holding the credential actually sent; both are named when unknown. */
  credentialVar?: TmdbCredentialVar;
  url?: string;
}

function authHint(ctx: TmdbErrorContext): string {
  const which = ctx.credentialVar ?? TMDB_CREDENTIAL_VARS.join(' or ');
  return `check ${which} (environment or .env; see config/env.example)`;
}

function fromCode(code: number, message: string, status: number | undefined, ctx: TmdbErrorContext): SourceError {
  const text = `TMDB error ${code}${status ? ` (HTTP ${status})` : ''}: ${redact(message)}`;
  const details = { status, url: ctx.url };
  if (TMDB_AUTH_CODES.has(code)) return new AuthError(`${text} — ${authHint(ctx)}`, details);
  if (TMDB_NOT_FOUND_CODES.has(code)) return new NotFoundError(text, details);
  if (TMDB_RATE_LIMIT_CODES.has(code)) return new RateLimitedError(text, details);
  if (TMDB_BAD_REQUEST_CODES.has(code)) return new BadRequestError(text, details);
  if (TMDB_UPSTREAM_CODES.has(code)) return new UpstreamError(text, details);
  return fromStatus(status, text, ctx) ?? new BadRequestError(text, details);
}

function fromStatus(status: number | undefined, text: string, ctx: TmdbErrorContext): SourceError | null {
  if (status === undefined || status < 400) return null;
  const details = { status, url: ctx.url };
  if (status === 401 || status === 403) return new AuthError(`${text} — ${authHint(ctx)}`, details);
  if (status === 404) return new NotFoundError(text, details);
  if (status === 429) return new RateLimitedError(text, details);
  if (status >= 500) return new UpstreamError(text, details);
  return new BadRequestError(text, details);
}

/**
 * The typed error a TMDB body (and optionally its HTTP status) represents, or null when the body
 * is not an error. Recognises the envelope with or without `success`; a non-JSON body is only an
 * error when the status says so (e.g. a CloudFront 502 page).
 */
export function detectTmdbError(text: string, status?: number, ctx: TmdbErrorContext = {}): SourceError | null {
  const saved = unwrapSavedResponse(String(text));
  const body = saved.body;
  status ??= saved.status;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const snippet = redact(String(body).slice(0, 120).replace(/\s+/g, ' ').trim());
    return fromStatus(status, `TMDB returned a non-JSON body${snippet ? `: ${snippet}` : ''}`, ctx);
  }
  const env = tmdbErrorEnvelopeSchema.safeParse(json);
  if (env.success) {
    const { success, status_code: code, status_message: message = '' } = env.data;
    const record = json as Record<string, unknown>;
    // A real resource never carries a status_code; guard anyway against a payload that has both.
    const looksLikeResource = 'id' in record || 'results' in record || 'genres' in record;
    const isError = success === false || (!TMDB_SUCCESS_CODES.has(code) && !looksLikeResource && success !== true);
    if (isError) return fromCode(code, message, status, ctx);
  }
  return fromStatus(status, `TMDB answered HTTP ${status}`, ctx);
}
