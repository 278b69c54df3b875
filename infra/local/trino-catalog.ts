import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import { withLock } from './lock';
import { livePid, pidFilePath } from './pid-file';
import { restartUnlocked } from './runner';
import { writePrivateFile } from './secrets';
import { renderProperties } from './templates';
import type { Log } from './types';

export function trinoCatalogFile(config: LoadedConfig, catalog: string): string {
  return join(config.paths.stateDir, 'trino', 'etc', 'catalog', `${catalog}.properties`);
}

export function renderCatalogFile(props: Record<string, string>): string {
  return `# Written by configureTrinoCatalog (infra/local). Holds credentials: mode 0600.\n${renderProperties(props)}`;
}

/**
 * Writes Trino's catalog file (mode 0600; it holds the pipeline principal's secret and the S3
 * keys) and restarts Trino only when the content changed, then waits for its health.
 * `configureTrinoCatalog(config, props)` uses the catalog name from config (`trino.catalog`).
 */
export async function configureTrinoCatalog(
  config: LoadedConfig,
  catalogOrProps: string | Record<string, string>,
  maybeProps?: Record<string, string>,
  opts: { log?: Log } = {},
): Promise<{ changed: boolean }> {
  const catalog = typeof catalogOrProps === 'string' ? catalogOrProps : config.pipeline.trino.catalog;
  const props = typeof catalogOrProps === 'string' ? maybeProps : catalogOrProps;
  if (!props) throw new Error('configureTrinoCatalog: no properties given');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(catalog)) throw new Error(`invalid Trino catalog name: ${JSON.stringify(catalog)}`);
  if (!props['connector.name']) throw new Error('configureTrinoCatalog: connector.name is required');
  const log = opts.log ?? (() => undefined);
  const file = trinoCatalogFile(config, catalog);
  const text = renderCatalogFile(props);
  return withLock(join(config.paths.stateDir, 'stack.lock'), log, 'another stack command', async () => {
    const old = await readFile(file, 'utf8').catch(() => undefined);
    if (old === text) {
      await chmod(file, 0o600);
      return { changed: false };
    }
    await writePrivateFile(file, text);
    const trinoDir = join(config.paths.stateDir, 'trino');
    // A Trino that is not running picks the file up on its next start.
    if ((await livePid(pidFilePath(trinoDir, 'trino'), trinoDir)) !== undefined) {
      log(`trino: catalog ${catalog} changed; restarting`);
      await restartUnlocked(config, 'trino', log);
    }
    return { changed: true };
  });
}
