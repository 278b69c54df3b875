import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import type { InfrastructureProvider } from './provider';
import { renderProperties } from '../warehouse/trino-catalog-properties';

/**
 * Services run elsewhere. We never restart someone else's Trino: the catalog file is written to
 * the state dir for the operator to install, and the step fails with what to do if Trino lacks it.
 */
export function externalProvider(config: LoadedConfig): InfrastructureProvider {
  return {
    kind: 'external',
    async ensureUp() {
      return [];
    },
    async configureTrinoCatalog(catalog, properties) {
      const dir = join(config.paths.stateDir, 'trino-catalog');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `${catalog}.properties`);
      await writeFile(file, renderProperties(properties), { mode: 0o600 });
      await chmod(file, 0o600);
      return { changed: false };
    },
  };
}
