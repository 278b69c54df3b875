import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writePrivateFile } from '../../infra/local/secrets';
import type { PrincipalCredentials } from './polaris-client';

/**
 * The pipeline principal's credentials live in a 0600 file in the state directory, never in
 * Temporal (no activity returns them) and never in the repo. Any worker on this machine reads
 * them from here; a multi-machine deployment would swap this module for a secret manager.
 */
export function principalSecretFile(stateDir: string, principal: string): string {
  return join(stateDir, 'secrets', `polaris-${principal}.json`);
}

export async function readPrincipalCredentials(file: string): Promise<PrincipalCredentials | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PrincipalCredentials>;
    if (typeof parsed.clientId === 'string' && typeof parsed.clientSecret === 'string') {
      return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
    }
    return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

export async function writePrincipalCredentials(file: string, creds: PrincipalCredentials): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writePrivateFile(file, JSON.stringify(creds));
}
