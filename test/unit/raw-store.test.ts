import { gunzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { gzipDeterministic, rawObjectKey, RawKeyError, RawStore, sanitizeRawKey } from '../../activities/storage/raw-store';

describe('raw object keys', () => {
  it('builds <prefix>/<source>/dt=<day>/<key>.<kind>.gz', () => {
    expect(rawObjectKey('raw', { source: 'tmdb', day: '2026-11-27', key: 'movie-603', kind: 'json' })).toBe('raw/tmdb/dt=2026-11-27/movie-603.json.gz');
    expect(rawObjectKey('raw', { source: 'rotten_tomatoes', day: '2026-01-31', key: 'm.the_matrix', kind: 'html' })).toBe(
      'raw/rotten_tomatoes/dt=2026-01-31/m.the_matrix.html.gz',
    );
  });

  it.each(['../etc/passwd', 'a/b', '..', 'a..b', '.hidden', 'Upper', 'a b', '', 'x\u0000', 'é', 'a'.repeat(201)])('rejects key %j', (key) => {
    expect(() => rawObjectKey('raw', { source: 'tmdb', day: '2026-11-27', key, kind: 'json' })).toThrow(RawKeyError);
  });

  it('rejects bad sources, days and kinds', () => {
    const ok = { source: 'tmdb', day: '2026-11-27', key: 'k', kind: 'json' as const };
    expect(() => rawObjectKey('raw', { ...ok, source: '../x' })).toThrow(/Invalid raw source/);
    expect(() => rawObjectKey('raw', { ...ok, day: '2026-02-30' })).toThrow(/real YYYY-MM-DD/);
    expect(() => rawObjectKey('raw', { ...ok, day: '2026-1-1' })).toThrow(RawKeyError);
    expect(() => rawObjectKey('raw', { ...ok, kind: 'xml' as never })).toThrow(/kind/);
    expect(() => rawObjectKey('r/aw', ok)).toThrow(/prefix/);
  });

  it('sanitizes ids into safe keys, never into traversal', () => {
    expect(sanitizeRawKey('TT0133093')).toBe('tt0133093');
    expect(sanitizeRawKey('../../Amélie (2001)')).toBe('am-lie-2001-');
    expect(sanitizeRawKey('a/../b')).toBe('a-.-b');
    expect(() => sanitizeRawKey('///')).toThrow(RawKeyError);
  });
});

describe('deterministic gzip', () => {
  it('gives the same bytes for the same text, and round-trips', () => {
    const body = JSON.stringify({ title: "L'été 🎬", n: 1 });
    const a = gzipDeterministic(body);
    expect(a.equals(gzipDeterministic(body))).toBe(true);
    expect(a.readUInt32LE(4)).toBe(0); // no mtime in the header
    expect(gunzipSync(a).toString('utf8')).toBe(body);
  });
});

describe('RawStore (fake S3)', () => {
  function fakeS3() {
    const objects = new Map<string, Buffer>();
    const send = jest.fn(async (cmd: { constructor: { name: string }; input: { Key: string; Body?: Buffer } }) => {
      if (cmd.constructor.name === 'PutObjectCommand') {
        objects.set(cmd.input.Key, cmd.input.Body!);
        return {};
      }
      const b = objects.get(cmd.input.Key)!;
      return { Body: { transformToByteArray: async () => new Uint8Array(b) } };
    });
    return { s3: { send } as unknown as S3Client, objects, send };
  }

  it('puts gzip under the deterministic key and gets the text back', async () => {
    const { s3, objects } = fakeS3();
    const store = new RawStore(s3, 'bucket', 'raw');
    const key = await store.put({ source: 'omdb', day: '2026-11-27', key: 'tt0133093', body: '{"a":1}', kind: 'json' });
    expect(key).toBe('raw/omdb/dt=2026-11-27/tt0133093.json.gz');
    expect([...objects.keys()]).toEqual([key]);
    expect(await store.get(key)).toBe('{"a":1}');
  });

  it('refuses to read outside its prefix', async () => {
    const { s3, send } = fakeS3();
    const store = new RawStore(s3, 'bucket', 'raw');
    await expect(store.get('other/x.json.gz')).rejects.toThrow(RawKeyError);
    await expect(store.get('raw/../secret')).rejects.toThrow(RawKeyError);
    expect(send).not.toHaveBeenCalled();
  });
});
