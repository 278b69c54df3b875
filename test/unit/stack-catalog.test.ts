import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { configureTrinoCatalog, trinoCatalogFile } from '../../infra/local';

// With no Trino running for this state dir, nothing is restarted: only the file logic runs.
function config() {
  const state = mkdtempSync(join(tmpdir(), 'stack-catalog-'));
  return loadConfig({ env: { LAKEHOUSE_STATE_DIR: state, LAKEHOUSE_CACHE_DIR: join(state, 'cache') } });
}

const props = {
  'connector.name': 'iceberg',
  'iceberg.catalog.type': 'rest',
  'iceberg.rest-catalog.oauth2.credential': 'id:s3cr\\et',
};

describe('configureTrinoCatalog', () => {
  it('writes <stateDir>/trino/etc/catalog/<catalog>.properties with mode 0600', async () => {
    const c = config();
    expect(await configureTrinoCatalog(c, props)).toEqual({ changed: true });
    const file = trinoCatalogFile(c, 'iceberg');
    expect(file).toBe(join(c.paths.stateDir, 'trino', 'etc', 'catalog', 'iceberg.properties'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('connector.name=iceberg\n');
    expect(text).toContain('iceberg.rest-catalog.oauth2.credential=id:s3cr\\\\et\n');
  });

  it('reports no change for the same properties, a change for different ones', async () => {
    const c = config();
    await configureTrinoCatalog(c, 'lake', props);
    expect(await configureTrinoCatalog(c, 'lake', { ...props })).toEqual({ changed: false });
    expect(await configureTrinoCatalog(c, 'lake', { ...props, 's3.region': 'eu-west-1' })).toEqual({ changed: true });
  });

  it('rejects a catalog name that is not a plain identifier', async () => {
    await expect(configureTrinoCatalog(config(), '../escape', props)).rejects.toThrow('invalid Trino catalog name');
    await expect(configureTrinoCatalog(config(), 'x', {})).rejects.toThrow('connector.name');
  });
});
