import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A hash of what goes into the bundle: the workflow sources and the locked dependencies. */
export function workflowSourcesHash(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name.endsWith('.ts')) h.update(`${name}\0`).update(readFileSync(p));
      else if (!name.includes('.')) walk(p);
    }
  };
  walk(join(root, 'workflows'));
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex').slice(0, 16);
}

/**
 * The prebuilt workflow bundle for this code, built once (in a child process) into `dir` and
 * reused while the workflow sources are unchanged; older bundles are removed.
 */
export async function ensureWorkflowBundle(root: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const name = `workflow-bundle-${workflowSourcesHash(root)}.js`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    await run(process.execPath, [require.resolve('ts-node/dist/bin'), join(root, 'workers', 'bundle-workflows.ts'), path], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  for (const f of readdirSync(dir)) if (/^workflow-bundle-[0-9a-f]+\.js$/.test(f) && f !== name) unlinkSync(join(dir, f));
  return path;
}
