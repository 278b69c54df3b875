import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config';
import { isPidAlive } from '../infra/local/pid-file';

/**
 * How a worker process runs (as `npm run worker` does): ts-node, and a V8 old-space cap that keeps
 * the heap — and so the resident set — small; the worker's working set is a batch at a time.
 */
export const WORKER_NODE_ARGS = ['--max-old-space-size=192', '-r', 'ts-node/register'];

/**
 * `npm start` leaves one worker running in the background (so schedules keep running), with its
 * pid and log in `<stateDir>/worker/`. Starting again reuses a live worker.
 */
export function workerPaths(config: LoadedConfig) {
  const dir = join(config.paths.stateDir, 'worker');
  return { dir, pidFile: join(dir, 'worker.pid'), logFile: join(dir, 'worker.log'), versionFile: join(dir, 'worker.version') };
}

/**
 * A fingerprint of the code a worker runs (sources it loads, config, lock file): a running
 * worker with another fingerprint is replaced, so `npm start` after a pull never drives new
 * workflows with an old worker.
 */
export function codeFingerprint(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|ya?ml|json)$/.test(e.name)) {
        const st = statSync(p);
        h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  for (const d of ['workflows', 'activities', 'workers', 'config', 'infra/sandbox']) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of ['package-lock.json', '.env']) if (existsSync(join(root, f))) h.update(`${f}\0${statSync(join(root, f)).mtimeMs}\n`);
  return h.digest('hex').slice(0, 16);
}

export function runningWorkerPid(config: LoadedConfig): number | null {
  const { pidFile } = workerPaths(config);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isPidAlive(pid) ? pid : null;
}

export async function startBackgroundWorker(config: LoadedConfig): Promise<{ pid: number; reused: boolean; replaced: boolean; logFile: string }> {
  const { dir, pidFile, logFile, versionFile } = workerPaths(config);
  const version = codeFingerprint(config.paths.root);
  const running = runningWorkerPid(config);
  const runningVersion = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : '';
  if (running && runningVersion === version) return { pid: running, reused: true, replaced: false, logFile };
  const replaced = running !== null;
  if (replaced) await stopBackgroundWorker(config);
  mkdirSync(dir, { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...WORKER_NODE_ARGS, join(config.paths.root, 'workers', 'main.ts')], {
    cwd: config.paths.root,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: process.env,
  });
  closeSync(fd);
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  writeFileSync(versionFile, version);
  return { pid: child.pid!, reused: false, replaced, logFile };
}

export async function stopBackgroundWorker(config: LoadedConfig, timeoutMs = 35_000): Promise<boolean> {
  const pid = runningWorkerPid(config);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isPidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (isPidAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
