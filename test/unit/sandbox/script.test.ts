import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOptionalSite } from '../../../infra/sandbox/mounts';
import { parseFlags } from '../../../scripts/sandbox';

const ROOT = resolve(__dirname, '../../..');

/** Runs scripts/sandbox.ts with ts-node's transpile-only register (type checks are tsc's job). */
function run(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/sandbox.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exit };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('parseFlags', () => {
  it('reads --port, --movies, --seed, --today in both spellings', () => {
    expect(parseFlags(['--port', '0', '--movies=50', '--seed', '-3', '--today', '2026-01-31'])).toEqual({ port: 0, movies: 50, seed: -3, today: '2026-01-31' });
  });

  it.each([[['--port', 'x']], [['--port', '70000']], [['--movies', '0']], [['--today', '2026-02-30']], [['--what']], [['--seed']]])('rejects %j', (args) => {
    expect(() => parseFlags(args)).toThrow();
  });
});

describe('npm run sandbox', () => {
  it('starts on the given port, prints the four base URLs and the keys, and stops on SIGTERM', async () => {
    const p = run(['--port', '0', '--movies', '50', '--seed', '9']);
    try {
      await waitFor(() => p.output().includes('Ctrl-C'), 60_000);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output())?.[1] as string;
      expect(p.output()).toContain(`${url}/tmdb/3`);
      expect(p.output()).toContain(`${url}/omdb/`);
      expect(p.output()).toContain('sandbox-tmdb-api-key');
      expect(p.output()).toContain('sandbox-omdb-key');
      const index = (await (await fetch(`${url}/`)).json()) as { catalog: { movies: number; seed: number } };
      expect(index.catalog).toMatchObject({ movies: 50, seed: 9 });
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exit).toBe(0);
  }, 90_000);

  it('exits 2 on a bad flag and on a bad config', async () => {
    const bad = run(['--nope']);
    expect(await bad.exit).toBe(2);
    expect(bad.output()).toContain('usage:');
    const badEnv = run([], { SANDBOX_PORT: 'abc' });
    expect(await badEnv.exit).toBe(2);
    expect(badEnv.output()).toContain('SANDBOX_PORT');
  }, 90_000);
});

describe('optional site modules', () => {
  it('are skipped when absent and must export a SandboxSite when present', () => {
    // Fresh directories each time: the module loader caches what it resolved.
    const dir = () => mkdtempSync(join(tmpdir(), 'sandbox-sites-'));
    expect(loadOptionalSite('metacritic', dir())).toBeUndefined();
    const wrong = dir();
    writeFileSync(join(wrong, 'metacritic.js'), 'exports.somethingElse = 1;');
    expect(() => loadOptionalSite('metacritic', wrong)).toThrow(/metacriticSite/);
    const right = dir();
    writeFileSync(join(right, 'rotten-tomatoes.js'), "exports.rottenTomatoesSite = { prefix: '/rt', handle: () => undefined };");
    expect(loadOptionalSite('rottenTomatoes', right)?.prefix).toBe('/rt');
  });
});
