import { ParseError } from '../errors';
import { redact } from '../http/redact';
import { unwrapSavedResponse } from '../http/saved-response';
import { detectTmdbError } from './errors';

/** A short, redacted excerpt of a body for error messages. */
export function snippet(body: string, max = 120): string {
  const s = redact(String(body).replace(/\s+/g, ' ').trim());
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Decodes a TMDB body for a parser: throws the typed error when the body is TMDB's error
 * envelope, ParseError when it is not a JSON object; never a TypeError.
 */
export function readTmdbJson(text: string, what: string, url?: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new ParseError(`${what}: body is not text`, { url });
  const { body, status } = unwrapSavedResponse(text);
  const known = detectTmdbError(body, status, { url });
  if (known) throw known;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new ParseError(`${what}: not valid JSON (${(err as Error).message}): ${snippet(body)}`, { url });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ParseError(`${what}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`, { url });
  }
  return json as Record<string, unknown>;
}

/** The first zod issues, readable in one line. */
export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
