import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { acquireLock } from './lock';
import type { Log } from './types';

/** Written last, so a half-finished install is never mistaken for a complete one. */
export const INSTALL_MARKER = '.install-complete';

export interface InstallOutcome {
  dir: string;
  /** False when the cache already had it (nothing was downloaded). */
  installed: boolean;
  seconds: number;
}

export function componentDir(cacheDir: string, component: string, version: string): string {
  return join(cacheDir, `${component}-${version}`);
}

export function isInstalled(dir: string): boolean {
  return existsSync(join(dir, INSTALL_MARKER));
}

/**
 * Installs `component@version` into `<cacheDir>/<component>-<version>` exactly once: `build`
 * fills a temp dir beside the target, the marker is written, then the dir is renamed in place.
 * `build` must produce a relocatable tree (no absolute paths of the temp dir baked in).
 */
export async function ensureInstalled(
  cacheDir: string,
  component: string,
  version: string,
  log: Log,
  build: (dir: string) => Promise<void>,
): Promise<InstallOutcome> {
  const dir = componentDir(cacheDir, component, version);
  if (isInstalled(dir)) return { dir, installed: false, seconds: 0 };
  await mkdir(cacheDir, { recursive: true });
  const release = await acquireLock(`${dir}.lock`, log, `the install of ${component} ${version}`);
  try {
    if (isInstalled(dir)) return { dir, installed: false, seconds: 0 };
    const started = Date.now();
    // Leftovers of an interrupted install are useless: start clean.
    const prefix = `${basename(dir)}.tmp-`;
    for (const name of await readdir(dirname(dir))) {
      if (name.startsWith(prefix)) await rm(join(dirname(dir), name), { recursive: true, force: true });
    }
    const tmp = `${dir}.tmp-${process.pid}`;
    await mkdir(tmp, { recursive: true });
    log(`installing ${component} ${version} into ${dir}`);
    try {
      await build(tmp);
      await writeFile(join(tmp, INSTALL_MARKER), JSON.stringify({ component, version, installedAt: new Date().toISOString() }) + '\n');
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    log(`installed ${component} ${version} in ${seconds}s`);
    return { dir, installed: true, seconds };
  } finally {
    await release();
  }
}
