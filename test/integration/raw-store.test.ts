import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { loadConfig } from '../../config';
import { s3Client } from '../../activities/clients';
import { ensureBucket } from '../../activities/storage/s3-client';
import { RawKeyError, RawStore } from '../../activities/storage/raw-store';

/** Bronze on the real S3 server: deterministic keys and bytes, text back byte for byte. */
describe('RawStore on the real S3 server', () => {
  const config = loadConfig();
  const s3 = s3Client(config);
  const store = new RawStore(s3, config.pipeline.s3.bucket, config.pipeline.s3.rawPrefix);
  // A source name of its own so the test never touches real bronze objects.
  const source = `it-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await ensureBucket(s3, config.pipeline.s3.bucket);
  });
  const written: string[] = [];
  afterAll(async () => {
    for (const Key of written) await s3.send(new DeleteObjectCommand({ Bucket: config.pipeline.s3.bucket, Key }));
    s3.destroy();
  });

  async function storedBytes(key: string): Promise<Buffer> {
    const res = await s3.send(new GetObjectCommand({ Bucket: config.pipeline.s3.bucket, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  it('stores JSON and HTML gzip under deterministic keys; a retry overwrites with identical bytes', async () => {
    const json = JSON.stringify({ id: 603, title: "L'été \"🎬\" \\ ';--\n\t\u0001", overview: 'x'.repeat(10_000) });
    const key = await store.put({ source, day: '2026-11-27', key: 'movie-603', body: json, kind: 'json' });
    expect(key).toBe(`${config.pipeline.s3.rawPrefix}/${source}/dt=2026-11-27/movie-603.json.gz`);
    written.push(key);
    const first = await storedBytes(key);
    expect(first.subarray(0, 2).toString('hex')).toBe('1f8b');

    const again = await store.put({ source, day: '2026-11-27', key: 'movie-603', body: json, kind: 'json' });
    expect(again).toBe(key);
    expect((await storedBytes(key)).equals(first)).toBe(true);
    expect(await store.get(key)).toBe(json);

    const html = '<html><body><h1>Amélie</h1><script>alert("x")</script></body></html>';
    const htmlKey = await store.put({ source, day: '2026-11-27', key: 'm.amelie', body: html, kind: 'html' });
    written.push(htmlKey);
    expect(htmlKey.endsWith('/dt=2026-11-27/m.amelie.html.gz')).toBe(true);
    expect(await store.get(htmlKey)).toBe(html);
  });

  it('refuses traversal and bad keys before any request', async () => {
    await expect(store.put({ source, day: '2026-11-27', key: '../../etc/passwd', body: '{}', kind: 'json' })).rejects.toThrow(RawKeyError);
    await expect(store.put({ source: '..', day: '2026-11-27', key: 'x', body: '{}', kind: 'json' })).rejects.toThrow(RawKeyError);
    await expect(store.get(`${config.pipeline.s3.rawPrefix}/../warehouse/x`)).rejects.toThrow(RawKeyError);
  });
});
