import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isPidAlive } from './pid-file';
import type { Log } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A cross-process lock held by a pid file (`wx` create). A lock whose holder died is taken over,
 * so a killed CLI never wedges the next run.
 */
export async function acquireLock(file: string, log: Log, what: string): Promise<() => Promise<void>> {
  await mkdir(dirname(file), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (!holder || !isPidAlive(holder)) {
        await rm(file, { force: true });
        continue;
      }
      if (!announced) log(`waiting for ${what} held by pid ${holder}`);
      announced = true;
      await sleep(1000);
    }
  }
}

export async function withLock<T>(file: string, log: Log, what: string, fn: () => Promise<T>): Promise<T> {
  const release = await acquireLock(file, log, what);
  try {
    return await fn();
  } finally {
    await release();
  }
}
