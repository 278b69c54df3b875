import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { loadConfig } from '../../config';
import { ConfigError } from '../../config/errors';
import { principalSecretFile, readPrincipalCredentials, writePrincipalCredentials } from '../../activities/catalog/secret-store';
import { PolarisError } from '../../activities/catalog/polaris-client';
import { toFailure, withFailureMapping } from '../../activities/failures';
import { AuthError, UpstreamError } from '../../activities/sources/errors';
import { icebergCatalogProperties, renderProperties } from '../../activities/warehouse/trino-catalog-properties';
import { TrinoQueryError } from '../../activities/warehouse/trino';

describe('pipeline principal secret store', () => {
  it('writes a 0600 file and reads it back; a missing or corrupt file reads as null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-'));
    const file = principalSecretFile(dir, 'lakehouse_pipeline');
    expect(await readPrincipalCredentials(file)).toBeNull();
    await writePrincipalCredentials(file, { clientId: 'id', clientSecret: 's3cr3t' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await readPrincipalCredentials(file)).toEqual({ clientId: 'id', clientSecret: 's3cr3t' });
    writeFileSync(file, '{oops');
    expect(await readPrincipalCredentials(file)).toBeNull();
  });
});

describe('Trino catalog properties', () => {
  const config = loadConfig({ env: {} });

  it('authenticate to Polaris as the pipeline principal over OAuth2', () => {
    const props = icebergCatalogProperties(
      config,
      { kind: 'polaris', principal: { clientId: 'cid', clientSecret: 'csec' } },
      { accessKeyId: 'ak', secretAccessKey: 'sk' },
    );
    expect(props['iceberg.rest-catalog.oauth2.credential']).toBe('cid:csec');
    expect(props['iceberg.rest-catalog.warehouse']).toBe(config.pipeline.polaris.catalog);
    expect(props['iceberg.rest-catalog.uri']).toBe(`${config.pipeline.polaris.url}/api/catalog`);
    expect(props['s3.path-style-access']).toBe('true');
  });

  it('use the Nessie endpoint without auth for the Nessie stand-in', () => {
    const props = icebergCatalogProperties(config, { kind: 'nessie' }, { accessKeyId: 'ak', secretAccessKey: 'sk' });
    expect(props['iceberg.rest-catalog.uri']).toBe(`${config.pipeline.polaris.url}/iceberg`);
    expect(props['iceberg.rest-catalog.security']).toBe('NONE');
    expect(Object.keys(props).some((k) => k.includes('oauth2'))).toBe(false);
  });

  it('render as properties text and refuse line breaks (no property injection)', () => {
    expect(renderProperties({ a: 'b', c: 'x\\y' })).toBe('a=b\nc=x\\\\y\n');
    expect(() => renderProperties({ a: 'b\nconnector.name=evil' })).toThrow(/line break/);
  });
});

describe('failure mapping', () => {
  it('makes deterministic errors non-retryable and keeps transient ones retryable', () => {
    const cases: [unknown, string, boolean][] = [
      [new ConfigError('bad'), 'ConfigError', true],
      [new AuthError('bad key'), 'AuthError', true],
      [new UpstreamError('502'), 'UpstreamError', false],
      [new PolarisError('401', 401, false), 'PolarisError', true],
      [new PolarisError('503', 503, true), 'PolarisError', false],
      [new TrinoQueryError('x', 'TABLE_NOT_FOUND', 'USER_ERROR'), 'Trino.TABLE_NOT_FOUND', true],
      [new TrinoQueryError('x', 'ICEBERG_COMMIT_ERROR', 'EXTERNAL'), 'Trino.ICEBERG_COMMIT_ERROR', false],
    ];
    for (const [err, type, nonRetryable] of cases) {
      const f = toFailure(err) as ApplicationFailure;
      expect(f).toBeInstanceOf(ApplicationFailure);
      expect(f.type).toBe(type);
      expect(f.nonRetryable).toBe(nonRetryable);
    }
    const plain = new Error('socket hang up');
    expect(toFailure(plain)).toBe(plain);
  });

  it('wraps every activity', async () => {
    const acts = withFailureMapping({
      ok: async () => 1,
      bad: async () => {
        throw new AuthError('nope');
      },
    });
    await expect(acts.ok()).resolves.toBe(1);
    await expect(acts.bad()).rejects.toMatchObject({ type: 'AuthError', nonRetryable: true });
  });
});
