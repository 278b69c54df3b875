import {
  AuthError,
  BadRequestError,
  NotFoundError,
  QuotaExhaustedError,
  SourceError,
  UpstreamError,
} from '../errors';
import { redact } from '../http/redact';
import { unwrapSavedResponse } from '../http/saved-response';

/**
 * OMDb's `{"Response":"False","Error":"..."}` → typed errors (shared SOURCES.md §2). Bad or
 * missing keys and the daily limit both come as HTTP 401, told apart only by the text; not-found
 * comes as HTTP 200. Error strings have been seen with unescaped quotes (invalid JSON), so the
 * text is also pulled out with a regex.
 */

export const OMDB_KEY_VAR = 'OMDB_API_KEY';

/** The Error text of an OMDb error body, or null when the body is not one. */
export function omdbErrorText(body: string): string | null {
  // r=xml answers errors as <root response="False"><error>...</error></root>.
  const xml = /<root\b[^>]*response="False"[^>]*>\s*<error>([\s\S]*?)<\/error>/i.exec(body);
  if (xml) return xml[1].trim();
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null) return null;
    const r = json as Record<string, unknown>;
    if (typeof r.Error === 'string' && r.Response !== 'True') return r.Error;
    return null;
  } catch {
    // Invalid JSON: only a body that still looks like OMDb's error envelope counts.
    if (!/"Response"\s*:\s*"False"/i.test(body) && !/^\s*\{\s*"Error"/.test(body)) return null;
    const m = /"Error"\s*:\s*"([\s\S]*?)"\s*(?:,\s*"Response"\s*:\s*"False"\s*)?\}\s*$/.exec(body);
    return m ? m[1] : null;
  }
}

export interface OmdbErrorContext {
  url?: string;
}

/** The typed error for an OMDb error text (and HTTP status), e.g. "Request limit reached!" → QuotaExhaustedError. */
export function omdbErrorFromText(text: string, status: number | undefined, ctx: OmdbErrorContext = {}): SourceError {
  const details = { status, url: ctx.url };
  const shown = `OMDb error${status ? ` (HTTP ${status})` : ''}: ${redact(text)}`;
  if (/request limit reached/i.test(text)) {
    return new QuotaExhaustedError(`${shown} — the daily request limit of this ${OMDB_KEY_VAR} is used up; resume tomorrow or use a patron key`, details);
  }
  if (/invalid api key|no api key provided|api key/i.test(text)) {
    return new AuthError(`${shown} — check ${OMDB_KEY_VAR} (environment or .env; see config/env.example)`, details);
  }
  if (/not found|incorrect imdb id/i.test(text)) return new NotFoundError(shown, details);
  if (/error getting data/i.test(text)) return new UpstreamError(shown, details);
  if (/something went wrong|too many results|must provide|parameter/i.test(text)) return new BadRequestError(shown, details);
  if (status === 401 || status === 403) return new AuthError(`${shown} — check ${OMDB_KEY_VAR}`, details);
  if (status !== undefined && status >= 500) return new UpstreamError(shown, details);
  return new BadRequestError(shown, details);
}

/**
 * The typed error an OMDb body (and optionally its HTTP status) represents, or null when it is
 * not an error. A non-JSON body counts only when the status says so.
 */
export function detectOmdbError(raw: string, status?: number, ctx: OmdbErrorContext = {}): SourceError | null {
  const saved = unwrapSavedResponse(String(raw));
  status ??= saved.status;
  const text = omdbErrorText(saved.body);
  if (text !== null) return omdbErrorFromText(text, status, ctx);
  if (status === undefined || status < 400) return null;
  const details = { status, url: ctx.url };
  if (status === 401 || status === 403) return new AuthError(`OMDb answered HTTP ${status} — check ${OMDB_KEY_VAR}`, details);
  if (status === 404) return new NotFoundError(`OMDb answered HTTP 404`, details);
  if (status >= 500) return new UpstreamError(`OMDb answered HTTP ${status}`, details);
  return new BadRequestError(`OMDb answered HTTP ${status}`, details);
}
