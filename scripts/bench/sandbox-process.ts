import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface SandboxInfo {
  url: string;
  baseUrls: Record<'tmdb' | 'omdb' | 'rottenTomatoes' | 'metacritic', string>;
  today: string;
  movies: number;
  adult: number;
  minRelease: string;
  maxRelease: string;
}

export interface SandboxProcess {
  info: SandboxInfo;
  pid: number;
  stop(): Promise<void>;
}

export interface TmdbStats {
  requests: number;
  tooMany: number;
  rateLimited: number;
  byStatus: Record<string, number>;
}

/** Starts the sandbox in a child process (scripts/bench/sandbox-child.ts) and waits for its URLs. */
export async function startSandboxProcess(movies: number, seed: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), resolve(__dirname, 'sandbox-child.ts'), String(movies), String(seed)], {
    cwd: resolve(__dirname, '..', '..'),
    // stdin stays open as the child's lifeline: it exits when the bench process goes away.
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
  });
  const info = await new Promise<SandboxInfo>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error('the sandbox child did not start within 120 s')), 120_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        ok(JSON.parse(line) as SandboxInfo);
      } catch {
        fail(new Error(`the sandbox child printed "${line}"`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the sandbox child exited with ${code}`));
    });
  });
  return { info, pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** TMDB counters of the sandbox (GET /__admin/stats). */
export async function tmdbStats(url: string): Promise<TmdbStats> {
  const res = await fetch(`${url}/__admin/stats`);
  if (!res.ok) throw new Error(`sandbox stats: HTTP ${res.status}`);
  const s = (await res.json()) as { sites: Record<string, { requests: number; byStatus: Record<string, number>; faults: Record<string, number> } | undefined> };
  const t = s.sites.tmdb ?? { requests: 0, byStatus: {}, faults: {} };
  return { requests: t.requests, tooMany: t.byStatus['429'] ?? 0, rateLimited: t.faults.rateLimited ?? 0, byStatus: t.byStatus };
}
