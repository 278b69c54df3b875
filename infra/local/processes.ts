import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { SECRET_ENV } from '../../config';
import { isPidAlive } from './pid-file';
import type { LaunchSpec } from './types';

const MAX_LOG_BYTES = 50 * 1024 * 1024;

/** The caller's environment minus the project's secrets: a service gets only those it is given. */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of Object.values(SECRET_ENV)) delete out[name];
  return out;
}

/**
 * Starts a service detached (own session and process group, so it outlives the CLI and `down`
 * can signal the whole group), stdout and stderr appended to `logFile`.
 */
export function spawnDetached(spec: LaunchSpec, logFile: string): number {
  if (existsSync(logFile) && statSync(logFile).size > MAX_LOG_BYTES) renameSync(logFile, `${logFile}.1`);
  const fd = openSync(logFile, 'a', 0o600);
  try {
    writeSync(fd, `\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      cwd: spec.cwd,
      env: { ...inheritedEnv(), ...spec.env },
    });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A dead child stays a zombie until its parent reaps it; some programs check pids with signal 0. */
async function waitReaped(pid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}

/** SIGTERM to the service's process group, SIGKILL after `timeoutMs` if it is still there. */
export async function stopProcess(pid: number, timeoutMs: number): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!isPidAlive(pid)) return 'not-running';
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isPidAlive(pid)) {
      await waitReaped(pid, 3000);
      return 'stopped';
    }
    await sleep(200);
  }
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isPidAlive(pid); i++) await sleep(100);
  return 'killed';
}

/** The last `lines` lines of a log file, with every known secret value masked. */
export async function tailFile(file: string, lines = 30, redact: string[] = []): Promise<string> {
  let text = '';
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      text = buf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return '(no log file)';
  }
  for (const secret of redact) if (secret) text = text.split(secret).join('***');
  return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
}
