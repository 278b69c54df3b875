import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { z } from 'zod';

/**
 * Small JSON documents the pipeline keeps between activities and runs (id lists of a run, the
 * OMDb budget of a day), in the lakehouse bucket under `state/`. Passing their keys instead of
 * their contents keeps Temporal payloads and history small.
 */

const KEY = /^[a-z0-9][a-z0-9._=/-]{0,400}$/;

export class StateKeyError extends Error {
  override readonly name = 'StateKeyError';
}

export function stateKey(...parts: string[]): string {
  const key = ['state', ...parts].join('/');
  const badPart = parts.some((p) => p === '' || /^\.+$/.test(p) || p.startsWith('.'));
  if (badPart || !KEY.test(key) || key.includes('..') || key.includes('//')) {
    throw new StateKeyError(`Invalid state key ${JSON.stringify(key)}: use [a-z0-9._=-] parts separated by /`);
  }
  return key;
}

export class StateStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, value: unknown): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }),
    );
  }

  /** The document, validated; undefined when there is none. */
  async get<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
    let text: string;
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      text = (await res.Body?.transformToString('utf8')) ?? '';
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new StateKeyError(`State document ${key} is not what was expected: ${parsed.error.message}`);
    return parsed.data;
  }
}

/** A state document of one run: run ids may hold any character, so the folder is their hash. */
export function runStateKey(runId: string, name: string): string {
  return stateKey('runs', createHash('sha256').update(runId).digest('hex').slice(0, 24), name);
}
