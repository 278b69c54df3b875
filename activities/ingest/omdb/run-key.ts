import { createHash } from 'node:crypto';
import { stateKey } from '../state-store';

/**
 * A run id may hold any character (Temporal ids are free text), state keys only [a-z0-9._-]:
 * a readable slug of the id plus a hash of the exact id, so two ids never share a folder.
 */
export function safeRunId(runId: string): string {
  if (!runId) throw new RangeError('A run id is required');
  const hash = createHash('sha256').update(runId).digest('hex').slice(0, 16);
  const slug = runId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug ? `${slug}-${hash}` : hash;
}

export function candidatesKey(runId: string): string {
  return stateKey('runs', safeRunId(runId), 'omdb-candidates.json');
}
