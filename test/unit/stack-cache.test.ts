import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentDir, ensureInstalled, INSTALL_MARKER, isInstalled } from '../../infra/local/cache';

const quiet = () => undefined;

describe('versioned install cache', () => {
  it('installs once; a second run builds nothing', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'stack-cache-'));
    let builds = 0;
    const build = async (dir: string) => {
      builds += 1;
      writeFileSync(join(dir, 'tool'), 'binary');
    };
    const first = await ensureInstalled(cache, 'tool', '1.0', quiet, build);
    expect(first).toMatchObject({ installed: true, dir: componentDir(cache, 'tool', '1.0') });
    expect(existsSync(join(first.dir, 'tool'))).toBe(true);
    expect(existsSync(join(first.dir, INSTALL_MARKER))).toBe(true);
    const second = await ensureInstalled(cache, 'tool', '1.0', quiet, build);
    expect(second.installed).toBe(false);
    expect(builds).toBe(1);
  });

  it('leaves neither a marker nor a temp dir behind when the build fails, and retries next time', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'stack-cache-'));
    await expect(
      ensureInstalled(cache, 'tool', '2.0', quiet, async (dir) => {
        writeFileSync(join(dir, 'half'), 'x');
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(isInstalled(componentDir(cache, 'tool', '2.0'))).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
    const ok = await ensureInstalled(cache, 'tool', '2.0', quiet, async () => undefined);
    expect(ok.installed).toBe(true);
  });

  it('replaces a folder left without its marker (an interrupted install)', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'stack-cache-'));
    const dir = componentDir(cache, 'tool', '3.0');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale'), 'x');
    await ensureInstalled(cache, 'tool', '3.0', quiet, async (d) => writeFileSync(join(d, 'fresh'), 'y'));
    expect(existsSync(join(dir, 'stale'))).toBe(false);
    expect(existsSync(join(dir, 'fresh'))).toBe(true);
  });

  it('builds once when two callers race', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'stack-cache-'));
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((r) => setTimeout(r, 100));
    };
    // Same process: the lock file is taken by whichever writes first; the other sees the marker.
    const results = await Promise.allSettled([ensureInstalled(cache, 'tool', '4.0', quiet, build), ensureInstalled(cache, 'tool', '4.0', quiet, build)]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(builds).toBe(1);
  });
});
