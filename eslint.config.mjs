// Workflows run in Temporal's deterministic sandbox: no Node built-ins, no I/O, no clocks or
// randomness of their own. ESLint enforces that so mistakes fail `npm test`, not a replay.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.stack/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows must not use Node built-ins (determinism).' })),
          patterns: [
            { group: ['../activities/*', '../activities/**'], allowTypeImports: true, message: 'Workflows import activity types only.' },
            { group: ['undici', '@aws-sdk/*', 'trino-client', 'pino', 'cheerio'], message: 'No I/O libraries in workflows.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No process access in workflows.' },
        { name: 'setImmediate', message: 'Use workflow sleep/conditions.' },
        { name: 'fetch', message: 'No I/O in workflows: call an activity.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use workflow time (already deterministic) deliberately; prefer activity timestamps.' },
        { object: 'Math', property: 'random', message: 'Use workflow uuid4() or pass randomness from an activity.' },
      ],
    },
  },
);
