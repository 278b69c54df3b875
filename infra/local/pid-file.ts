import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function pidFilePath(dir: string, service: string): string {
  return join(dir, `${service}.pid`);
}

/** A pid file holds one positive integer; anything else is treated as no pid file. */
export function parsePid(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const pid = Number(trimmed);
  return pid > 1 ? pid : undefined;
}

export async function readPidFile(file: string): Promise<number | undefined> {
  try {
    return parsePid(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function writePidFile(file: string, pid: number): Promise<void> {
  await writeFile(file, `${pid}\n`);
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Alive and not a zombie (a dead child not yet reaped still answers signal 0). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** The command line of a pid (Linux), to tell our service from an unrelated process that reused its pid. */
export function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/**
 * The pid recorded for a service if that process still runs. `expect`: substrings, one of which
 * its command line must contain (e.g. the install dir); a pid reused by another program does not count.
 */
export async function livePid(file: string, expect?: string | string[]): Promise<number | undefined> {
  const pid = await readPidFile(file);
  if (pid === undefined || !isPidAlive(pid)) return undefined;
  const wanted = expect === undefined ? [] : Array.isArray(expect) ? expect : [expect];
  if (wanted.length) {
    const cmd = processCommandLine(pid);
    if (cmd !== undefined && !wanted.some((w) => cmd.includes(w))) return undefined;
  }
  return pid;
}
