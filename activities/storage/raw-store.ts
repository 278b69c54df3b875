import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Bronze: every fetched payload, gzip, under `<rawPrefix>/<source>/dt=<day>/<key>.<kind>.gz`.
 * Keys are deterministic and the bytes too (gzip header without name or mtime), so a retry
 * overwrites the same object with the same content instead of adding one.
 */

export type RawKind = 'json' | 'html';

export interface RawPut {
  source: string;
  /** The run's day, YYYY-MM-DD (UTC). */
  day: string;
  /** Deterministic key within the day, e.g. `movie-603`; [a-z0-9._-] only. */
  key: string;
  body: string;
  kind: RawKind;
}

export class RawKeyError extends Error {
  override readonly name = 'RawKeyError';
}

const PART = /^[a-z0-9][a-z0-9._-]{0,199}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkPart(what: string, value: string): string {
  // `..` is refused even though S3 has no directories: keys must never look like traversal.
  if (!PART.test(value) || value.includes('..')) {
    throw new RawKeyError(
      `Invalid raw ${what} ${JSON.stringify(value)}: use 1-200 characters of [a-z0-9._-], starting with a letter or digit, without ".."`,
    );
  }
  return value;
}

function checkDay(day: string): string {
  const m = DAY.exec(day);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== day) throw new RawKeyError(`Invalid raw day ${JSON.stringify(day)}: expected a real YYYY-MM-DD date`);
  return day;
}

/**
 * Turns any id into a valid key part (lowercase, other characters → `-`), for callers that build
 * keys from source ids such as `tt0133093` or a URL slug. Distinct inputs may collide, so callers
 * should prefer ids that are already safe.
 */
export function sanitizeRawKey(value: string): string {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '')
    .slice(0, 200);
  return checkPart('key', s);
}

export function rawObjectKey(prefix: string, p: Pick<RawPut, 'source' | 'day' | 'key' | 'kind'>): string {
  if (p.kind !== 'json' && p.kind !== 'html') throw new RawKeyError(`Invalid raw kind ${JSON.stringify(p.kind)}`);
  return `${checkPart('prefix', prefix)}/${checkPart('source', p.source)}/dt=${checkDay(p.day)}/${checkPart('key', p.key)}.${p.kind}.gz`;
}

/** Same text → same bytes: Node's gzip writes mtime 0 and no file name; the level is pinned. */
export function gzipDeterministic(body: string): Buffer {
  return gzipSync(Buffer.from(body, 'utf8'), { level: 6 });
}

export class RawStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {
    checkPart('prefix', prefix);
  }

  async put(p: RawPut): Promise<string> {
    const objectKey = rawObjectKey(this.prefix, p);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: objectKey,
        Body: gzipDeterministic(p.body),
        // Stored as an opaque gzip file: a Content-Encoding header would make some readers inflate it.
        ContentType: 'application/gzip',
        Metadata: { 'payload-type': p.kind === 'json' ? 'application/json' : 'text/html' },
      }),
    );
    return objectKey;
  }

  async get(objectKey: string): Promise<string> {
    if (!objectKey.startsWith(`${this.prefix}/`) || objectKey.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new RawKeyError(`Not a raw object key of this store: ${JSON.stringify(objectKey)}`);
    }
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    if (!res.Body) throw new Error(`S3 returned no body for ${objectKey}`);
    const bytes = Buffer.from(await res.Body.transformToByteArray());
    return gunzipSync(bytes).toString('utf8');
  }
}
