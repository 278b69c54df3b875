import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { componentDir, ensureInstalled, isInstalled, type InstallOutcome } from './cache';
import { CommandError, commandExists, run } from './exec';
import { mavenCopy } from './maven';
import type { Log } from './types';
import { VERSIONS } from './versions';

export interface TrinoInstall extends InstallOutcome {
  version: string;
  /** The server home: bin/launcher, lib/, plugin/iceberg. */
  home: string;
}

async function extractZip(zip: string, dest: string): Promise<void> {
  if (await commandExists('unzip', ['-v'])) await run('unzip', ['-q', '-o', zip, '-d', dest]);
  else await run('python3', ['-m', 'zipfile', '-e', zip, dest]);
}

async function build(dir: string, version: string, log: Log): Promise<void> {
  const dl = join(dir, 'download');
  await mkdir(dl, { recursive: true });
  const server = await mavenCopy(`io.trino:trino-server-core:${version}:tar.gz`, dl, log);
  const plugin = await mavenCopy(`io.trino:trino-iceberg:${version}:zip`, dl, log);
  log('  extracting server and iceberg plugin');
  await run('tar', ['-xzf', server, '-C', dir, '--strip-components=1']);
  await extractZip(plugin, join(dir, 'plugin'));
  const extracted = (await readdir(join(dir, 'plugin'))).find((n) => n.startsWith('trino-iceberg'));
  if (!extracted) throw new Error('the trino-iceberg zip had no trino-iceberg-* folder');
  await rename(join(dir, 'plugin', extracted), join(dir, 'plugin', 'iceberg'));
  await rm(dl, { recursive: true, force: true });
}

/** The newest Trino of VERSIONS.trino that is already cached or that Maven serves. */
export async function installTrino(cacheDir: string, log: Log): Promise<TrinoInstall> {
  for (const version of VERSIONS.trino) {
    const dir = componentDir(cacheDir, 'trino', version);
    if (isInstalled(dir)) return { dir, home: dir, installed: false, seconds: 0, version };
  }
  const failures: string[] = [];
  for (const version of VERSIONS.trino) {
    try {
      const r = await ensureInstalled(cacheDir, 'trino', version, log, (dir) => build(dir, version, log));
      return { ...r, home: r.dir, version };
    } catch (err) {
      const tail = err instanceof CommandError ? ` — ${err.outputTail.split('\n').filter((l) => l.includes('ERROR')).slice(0, 2).join(' ')}` : '';
      failures.push(`${version}: ${(err as Error).message}${tail}`);
      log(`  trino ${version} unavailable, trying an older one`);
    }
  }
  throw new Error(`could not install Trino:\n  ${failures.join('\n  ')}`);
}
