import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a file of test/fixtures/omdb as text (the parsers take raw bodies). */
export function omdbFixture(name: string): string {
  return readFileSync(join(__dirname, '../../../fixtures/omdb', name), 'utf8');
}
