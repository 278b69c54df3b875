import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * The determinism rules for workflows/ must actually fire (and leave other folders alone).
 * ESLint runs as a child process: its flat config is an ES module, which jest's CommonJS
 * runtime cannot import.
 */
const ROOT = join(__dirname, '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function ruleIds(code: string, filePath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [ESLINT, '--stdin', '--stdin-filename', filePath, '--format', 'json'],
      { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout) => {
        try {
          const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[];
          resolve(result.messages.map((m) => m.ruleId ?? m.message));
        } catch {
          reject(err ?? new Error(`eslint printed no JSON: ${stdout}`));
        }
      },
    );
    child.stdin!.end(code);
  });
}

const CASES: [string, string][] = [
  ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no-restricted-imports'],
  ["import * as http from 'http';\nexport const x = http;\n", 'no-restricted-imports'],
  ["import { request } from 'undici';\nexport const x = request;\n", 'no-restricted-imports'],
  ['export const x = Date.now();\n', 'no-restricted-properties'],
  ['export const x = Math.random();\n', 'no-restricted-properties'],
  ['export const x = process.env.HOME;\n', 'no-restricted-globals'],
];

describe('ESLint rules for workflows/', () => {
  it('rejects Node built-ins, I/O libraries, clocks, randomness and process in a workflow', async () => {
    const found = await Promise.all(CASES.map(([code]) => ruleIds(code, 'workflows/bad-example.ts')));
    CASES.forEach(([code, rule], i) => expect([code, found[i]]).toEqual([code, expect.arrayContaining([rule])]));
  }, 60_000);

  it('allows activity type imports, and the same code outside workflows/', async () => {
    const [typeImport, elsewhere] = await Promise.all([
      ruleIds("import type { Activities } from '../activities';\nexport type A = Activities;\n", 'workflows/ok-example.ts'),
      ruleIds("import { readFileSync } from 'node:fs';\nexport const x = [readFileSync, Date.now()];\n", 'activities/ok-example.ts'),
    ]);
    expect(typeImport).toEqual([]);
    expect(elsewhere).toEqual([]);
  }, 60_000);
});
