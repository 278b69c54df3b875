/**
 * Secret redaction for every error message and log line of the source clients.
 * Keys travel in query strings (TMDB `api_key`, OMDb `apikey`) and headers (Bearer tokens),
 * so URLs and upstream bodies must pass through here before they are shown anywhere.
 */

export const REDACTED = '***';

// Query/form parameters whose values are credentials. `apiKey` is covered by the `i` flag.
const KEY_PARAM = /([?&;]|\b)(api_?key|access_token|token|key)=([^&#\s"'<>]+)/gi;
const BEARER = /\b(Bearer)(\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const AUTH_HEADER = /("?authorization"?\s*[:=]\s*"?)(?!Bearer\b)([^\s"][^"\r\n,}]*)/gi;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces credential values in `text`: `api_key=`/`apikey=` query values, Bearer tokens,
 * raw Authorization header values, and every configured secret (also in its URL-encoded form).
 */
export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = String(text);
  // Configured secrets first, longest first, so a secret containing another is fully removed.
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  }
  out = out.replace(KEY_PARAM, (_m, pre: string, name: string) => `${pre}${name}=${REDACTED}`);
  out = out.replace(BEARER, (_m, word: string, space: string) => `${word}${space}${REDACTED}`);
  out = out.replace(AUTH_HEADER, (_m, pre: string) => `${pre}${REDACTED}`);
  return out;
}

/** Redacts every string inside a log event (one level of nesting into arrays/objects is enough for our events). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined | null)[] = [], depth = 0): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redact(value.message, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v, secrets, depth + 1);
  return out as T;
}
