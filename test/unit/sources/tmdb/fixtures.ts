import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a file of test/fixtures/tmdb as text (the parsers take raw bodies). */
export function tmdbFixture(name: string): string {
  return readFileSync(join(__dirname, '../../../fixtures/tmdb', name), 'utf8');
}
