import { join } from 'node:path';
import { componentDir, ensureInstalled, isInstalled, type InstallOutcome } from './cache';
import { commandExists, run } from './exec';
import type { Log } from './types';
import { VERSIONS } from './versions';

export interface S3Install extends InstallOutcome {
  kind: 'versitygw' | 'moto';
  version: string;
  /** versitygw: the binary. moto: the `--target` site dir to put on PYTHONPATH. */
  path: string;
}

async function buildVersitygw(dir: string, log: Log): Promise<void> {
  log(`  go install github.com/versity/versitygw/cmd/versitygw@v${VERSIONS.versitygw} (a few minutes on 2 cores)`);
  await run('go', ['install', `github.com/versity/versitygw/cmd/versitygw@v${VERSIONS.versitygw}`], {
    env: { ...process.env, GOBIN: join(dir, 'bin'), CGO_ENABLED: '0' },
    log,
    label: 'go install versitygw',
  });
}

async function installMoto(dir: string, log: Log): Promise<void> {
  log(`  pip install moto[server]==${VERSIONS.moto}`);
  await run('python3', ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--target', join(dir, 'site'), `moto[server]==${VERSIONS.moto}`], {
    log,
    label: 'pip install moto',
  });
}

/** versitygw (posix backend) from the Go module proxy; moto's server from PyPI when Go can't. */
export async function installS3(cacheDir: string, log: Log): Promise<S3Install> {
  const vgw = componentDir(cacheDir, 'versitygw', VERSIONS.versitygw);
  const moto = componentDir(cacheDir, 'moto', VERSIONS.moto);
  const asVgw = (r: InstallOutcome): S3Install => ({ ...r, kind: 'versitygw', version: VERSIONS.versitygw, path: join(r.dir, 'bin', 'versitygw') });
  const asMoto = (r: InstallOutcome): S3Install => ({ ...r, kind: 'moto', version: VERSIONS.moto, path: join(r.dir, 'site') });
  if (isInstalled(vgw)) return asVgw({ dir: vgw, installed: false, seconds: 0 });
  if (isInstalled(moto)) return asMoto({ dir: moto, installed: false, seconds: 0 });
  if (await commandExists('go', ['version'])) {
    try {
      return asVgw(await ensureInstalled(cacheDir, 'versitygw', VERSIONS.versitygw, log, (dir) => buildVersitygw(dir, log)));
    } catch (err) {
      log(`  versitygw build failed (${(err as Error).message}); falling back to moto`);
    }
  } else {
    log('  no Go toolchain: using moto[server] as the S3 server');
  }
  return asMoto(await ensureInstalled(cacheDir, 'moto', VERSIONS.moto, log, (dir) => installMoto(dir, log)));
}
