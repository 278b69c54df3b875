/** Small builders for the responses the sites and the server send. */
import { createHash } from 'node:crypto';
import type { SandboxResponse } from './types';

export const REASONS: Record<number, string> = {
  200: 'OK',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** A weak ETag of the body, like CloudFront's W/"…". */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('hex').slice(0, 32)}"`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The plain error page a CDN or web server shows (the default for sites without their own). */
export function htmlErrorPage(status: number, extraHeaders: Record<string, string> = {}): SandboxResponse {
  const reason = REASONS[status] ?? 'Error';
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...extraHeaders },
    body: `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head><body><h1>${status} ${reason}</h1><p>The request could not be satisfied.</p></body></html>\n`,
  };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SandboxResponse {
  return { status, headers: { 'Content-Type': contentType }, body };
}

/**
 * Breaks a body so parsers must fail cleanly: JSON is cut mid-way (a proper prefix of an object is
 * never valid JSON); HTML keeps its start and then ends in unclosed tags and a truncated JSON
 * island, with no score left to find.
 */
export function malformBody(res: SandboxResponse): SandboxResponse {
  const type = headerValue(res.headers, 'content-type') ?? '';
  let body: string;
  if (type.includes('json')) {
    body = res.body.slice(0, Math.max(1, Math.floor(res.body.length / 2)));
  } else if (type.includes('html') || /^\s*</.test(res.body)) {
    const head = res.body.slice(0, Math.min(200, Math.floor(res.body.length / 3)));
    body = `${head.replace(/<script[\s\S]*$/i, '')}<body><div class="broken" data-testid="critic-score-info"<span <<script type="application/json">{"criticsScore":{"score":"`;
  } else {
    body = res.body.slice(0, Math.floor(res.body.length / 2)) + '\u0000\uFFFD';
  }
  return { ...res, body };
}

export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
