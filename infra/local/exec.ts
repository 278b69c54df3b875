import { spawn } from 'node:child_process';
import type { Log } from './types';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Progress sink: gets a heartbeat while the command runs so long builds don't look stuck. */
  log?: Log;
  label?: string;
  heartbeatMs?: number;
  timeoutMs?: number;
}

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly outputTail: string,
  ) {
    super(message);
  }
}

/** Keeps the last `max` characters of what a command printed, for error messages. */
export function tailBuffer(max = 4000): { push(chunk: string): void; text(): string } {
  let buf = '';
  return {
    push(chunk) {
      buf = (buf + chunk).slice(-max);
    },
    text: () => buf,
  };
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const label = opts.label ?? `${command} ${args[0] ?? ''}`.trim();
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const out = tailBuffer();
    const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    const beat = opts.log
      ? setInterval(() => opts.log?.(`  ... ${label}: ${Math.round((Date.now() - started) / 1000)}s`), opts.heartbeatMs ?? 30_000)
      : undefined;
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    const done = () => {
      if (beat) clearInterval(beat);
      if (timer) clearTimeout(timer);
    };
    child.on('error', (err) => {
      done();
      reject(new CommandError(`${label}: ${err.message}`, out.text()));
    });
    child.on('close', (code, signal) => {
      done();
      if (code === 0) resolvePromise(out.text());
      else reject(new CommandError(`${label} failed (${signal ?? `exit ${code}`})`, out.text()));
    });
  });
}

/** True when `command` can be executed (found on PATH or as a path). */
export async function commandExists(command: string, versionArgs: string[] = ['--version']): Promise<boolean> {
  try {
    await run(command, versionArgs, { timeoutMs: 20_000 });
    return true;
  } catch {
    return false;
  }
}
