import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import type { InfrastructureProvider } from './provider';
import { writePrivateFile } from '../../infra/local/secrets';
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
      await writePrivateFile(join(config.paths.stateDir, 'trino-catalog', `${catalog}.properties`), renderProperties(properties));
      return { changed: false };
    },
  };
}
