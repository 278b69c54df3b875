/**
 * Bundles the workflows into one file (`ts-node workers/bundle-workflows.ts <out.js>`). Run as a
 * short-lived child process so the worker never hosts the bundler: webpack's memory would stay
 * in the worker's resident set for its whole life.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(): Promise<number> {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: ts-node workers/bundle-workflows.ts <out.js>\n');
    return 2;
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m) => process.stderr.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
  });
  // Written aside, then renamed: a worker never loads a half-written bundle.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, out);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bundling the workflows failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
