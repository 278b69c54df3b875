import { TextDecoder } from 'node:util';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { UpstreamError } from '../errors';

/** Thrown (as an UpstreamError) when a response is larger than the client accepts; never retried. */
export class BodyTooLargeError extends UpstreamError {
  constructor(message: string, details: UpstreamError['details'] = {}) {
    super(message, details);
  }
}

/** Reads a response stream into one buffer, refusing to hold more than `maxBytes`. */
export async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array> & { destroy(err?: Error): void; on(ev: 'error', fn: () => void): unknown },
  maxBytes: number,
  describe: () => string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      // Swallow the abort error the destroyed stream emits: the size error is what the caller gets.
      body.on('error', () => undefined);
      body.destroy();
      throw new BodyTooLargeError(`${describe()}: response body larger than ${maxBytes} bytes`);
    }
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Undoes Content-Encoding (we never ask for one, but some servers compress anyway). */
export function decodeBody(raw: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: maxBytes };
  if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, opts);
  if (enc === 'deflate') return inflateSync(raw, opts);
  if (enc === 'br') return brotliDecompressSync(raw, opts);
  return raw;
}

/** Text in the charset the server declares (UTF-8 when none or unknown). */
export function bodyText(raw: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(raw);
}
