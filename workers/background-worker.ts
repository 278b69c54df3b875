import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config';
import { isPidAlive } from '../infra/local/pid-file';

/**
 * `npm start` leaves one worker running in the background (so schedules keep running), with its
 * pid and log in `<stateDir>/worker/`. Starting again reuses a live worker.
 */
export function workerPaths(config: LoadedConfig) {
  const dir = join(config.paths.stateDir, 'worker');
  return { dir, pidFile: join(dir, 'worker.pid'), logFile: join(dir, 'worker.log') };
}

export function runningWorkerPid(config: LoadedConfig): number | null {
  const { pidFile } = workerPaths(config);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isPidAlive(pid) ? pid : null;
}

export function startBackgroundWorker(config: LoadedConfig): { pid: number; reused: boolean; logFile: string } {
  const { dir, pidFile, logFile } = workerPaths(config);
  const running = runningWorkerPid(config);
  if (running) return { pid: running, reused: true, logFile };
  mkdirSync(dir, { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), join(config.paths.root, 'workers', 'main.ts')], {
    cwd: config.paths.root,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: process.env,
  });
  closeSync(fd);
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return { pid: child.pid!, reused: false, logFile };
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
