import type { LoadedConfig } from '../../config';
import { CatalogServerKind, icebergRestUri } from '../catalog/catalog-server';
import type { PrincipalCredentials } from '../catalog/polaris-client';

/**
 * Trino's Iceberg catalog over the REST catalog. With Polaris it authenticates as the pipeline
 * principal (OAuth2 client credentials), never as root. Nessie (the local stand-in) has no auth.
 * Without STS, Trino reads and writes S3 with the bucket keys instead of vended credentials.
 */
export function icebergCatalogProperties(
  config: LoadedConfig,
  server: { kind: 'polaris'; principal: PrincipalCredentials } | { kind: Exclude<CatalogServerKind, 'polaris'> },
  s3: { accessKeyId: string; secretAccessKey: string },
  urls: { polaris: string; s3: string } = { polaris: config.pipeline.polaris.url, s3: config.pipeline.s3.endpoint },
): Record<string, string> {
  const p = config.pipeline;
  const auth: Record<string, string> =
    server.kind === 'polaris'
      ? {
          'iceberg.rest-catalog.security': 'OAUTH2',
          'iceberg.rest-catalog.oauth2.credential': `${server.principal.clientId}:${server.principal.clientSecret}`,
          'iceberg.rest-catalog.oauth2.scope': 'PRINCIPAL_ROLE:ALL',
          'iceberg.rest-catalog.oauth2.server-uri': `${urls.polaris}/api/catalog/v1/oauth/tokens`,
        }
      : { 'iceberg.rest-catalog.security': 'NONE' };
  return {
    'connector.name': 'iceberg',
    'iceberg.catalog.type': 'rest',
    'iceberg.rest-catalog.uri': icebergRestUri(server.kind, urls.polaris),
    'iceberg.rest-catalog.warehouse': p.polaris.catalog,
    ...auth,
    'iceberg.rest-catalog.vended-credentials-enabled': 'false',
    'iceberg.file-format': 'PARQUET',
    'fs.native-s3.enabled': 'true',
    's3.endpoint': urls.s3,
    's3.region': p.s3.region,
    's3.path-style-access': 'true',
    's3.aws-access-key': s3.accessKeyId,
    's3.aws-secret-key': s3.secretAccessKey,
  };
}

/** Java properties text; values here never contain newlines (validated config + generated keys). */
export function renderProperties(props: Record<string, string>): string {
  return (
    Object.entries(props)
      .map(([k, v]) => {
        if (/[\r\n]/.test(v)) throw new Error(`property ${k} contains a line break`);
        return `${k}=${v.replace(/\\/g, '\\\\')}`;
      })
      .join('\n') + '\n'
  );
}
