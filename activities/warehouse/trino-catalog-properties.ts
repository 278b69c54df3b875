import type { LoadedConfig } from '../../config';
import type { PrincipalCredentials } from '../catalog/polaris-client';

/**
 * Trino's Iceberg catalog over Polaris' REST API, authenticated as the pipeline principal
 * (OAuth2 client credentials) — not Polaris' root. Without STS, Trino reads and writes S3 with
 * the bucket keys instead of vended credentials.
 */
export function icebergCatalogProperties(
  config: LoadedConfig,
  principal: PrincipalCredentials,
  s3: { accessKeyId: string; secretAccessKey: string },
  urls: { polaris: string; s3: string } = { polaris: config.pipeline.polaris.url, s3: config.pipeline.s3.endpoint },
): Record<string, string> {
  const p = config.pipeline;
  return {
    'connector.name': 'iceberg',
    'iceberg.catalog.type': 'rest',
    'iceberg.rest-catalog.uri': `${urls.polaris}/api/catalog`,
    'iceberg.rest-catalog.warehouse': p.polaris.catalog,
    'iceberg.rest-catalog.security': 'OAUTH2',
    'iceberg.rest-catalog.oauth2.credential': `${principal.clientId}:${principal.clientSecret}`,
    'iceberg.rest-catalog.oauth2.scope': 'PRINCIPAL_ROLE:ALL',
    'iceberg.rest-catalog.oauth2.server-uri': `${urls.polaris}/api/catalog/v1/oauth/tokens`,
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
