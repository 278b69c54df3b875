import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPidAlive, livePid, parsePid, pidFilePath, readPidFile, removePidFile, writePidFile } from '../../infra/local/pid-file';
import { spawnDetached, stopProcess, tailFile } from '../../infra/local/processes';

const dir = () => mkdtempSync(join(tmpdir(), 'stack-pid-'));

describe('pid files', () => {
  it('parses only a plain positive pid', () => {
    expect(parsePid('1234\n')).toBe(1234);
    expect(parsePid('  42 ')).toBe(42);
    for (const bad of ['', 'abc', '12 34', '-5', '0', '1', '3.5', '99999999999']) expect(parsePid(bad)).toBeUndefined();
  });

  it('round-trips through a file and treats a missing file as no pid', async () => {
    const file = pidFilePath(dir(), 'svc');
    expect(await readPidFile(file)).toBeUndefined();
    await writePidFile(file, 4321);
    expect(await readPidFile(file)).toBe(4321);
    await removePidFile(file);
    expect(await readPidFile(file)).toBeUndefined();
  });

  it('knows a live pid from a dead one', async () => {
    expect(isPidAlive(process.pid)).toBe(true);
    const child = spawn('true');
    await new Promise((r) => child.on('exit', r));
    expect(isPidAlive(child.pid!)).toBe(false);
  });

  it('does not take a pid reused by another program for the service', async () => {
    const file = pidFilePath(dir(), 'svc');
    writeFileSync(file, `${process.pid}\n`);
    expect(await livePid(file)).toBe(process.pid);
    expect(await livePid(file, '/no/such/service/dir')).toBeUndefined();
    expect(await livePid(file, ['/no/such/dir', 'node'])).toBe(process.pid);
  });
});

describe('detached processes', () => {
  it('starts a detached process with its output in the log and stops it with SIGTERM', async () => {
    const d = dir();
    const log = join(d, 'svc.log');
    const pid = spawnDetached({ command: 'sh', args: ['-c', 'echo started with $SECRET_X; exec sleep 30'], env: { SECRET_X: 'hunter2' } }, log);
    expect(isPidAlive(pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const tail = await tailFile(log, 5, ['hunter2']);
    expect(tail).toContain('started with ***');
    expect(tail).not.toContain('hunter2');
    expect(await stopProcess(pid, 5000)).toBe('stopped');
    expect(isPidAlive(pid)).toBe(false);
  });

  it('kills a process that ignores SIGTERM after the timeout', async () => {
    const pid = spawnDetached({ command: 'sh', args: ['-c', 'trap "" TERM; while true; do sleep 1; done'] }, join(dir(), 'stubborn.log'));
    await new Promise((r) => setTimeout(r, 200));
    expect(await stopProcess(pid, 500)).toBe('killed');
    expect(isPidAlive(pid)).toBe(false);
  });

  it('reports a pid that is already gone', async () => {
    const child = spawn('true');
    await new Promise((r) => child.on('exit', r));
    expect(await stopProcess(child.pid!, 100)).toBe('not-running');
  });
});

describe('environment of a service', () => {
  it('does not pass on the project secrets of the calling process', async () => {
    const { inheritedEnv } = await import('../../infra/local/processes');
    const env = inheritedEnv({ PATH: '/bin', S3_SECRET_ACCESS_KEY: 'x', POLARIS_ROOT_CLIENT_SECRET: 'y', TMDB_API_KEY: 'z' });
    expect(env).toEqual({ PATH: '/bin' });
  });
});
