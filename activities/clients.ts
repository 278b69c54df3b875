import type { LoadedConfig } from '../config';
import { ConfigError } from '../config/errors';
import { PolarisClient } from './catalog/polaris-client';
import { createS3Client } from './storage/s3-client';
import { TrinoClient } from './warehouse/trino';

/** Builders for the service clients from the one config object. */

export function s3Credentials(config: LoadedConfig): { accessKeyId: string; secretAccessKey: string } {
  const { s3AccessKeyId, s3SecretAccessKey } = config.secrets;
  if (!s3AccessKeyId || !s3SecretAccessKey) {
    throw new ConfigError(
      'S3 credentials are missing: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (the local stack generates them into .stack/generated.env on `npm run stack -- up`).',
    );
  }
  return { accessKeyId: s3AccessKeyId, secretAccessKey: s3SecretAccessKey };
}

export function s3Client(config: LoadedConfig) {
  return createS3Client({ endpoint: config.pipeline.s3.endpoint, region: config.pipeline.s3.region, ...s3Credentials(config) });
}

export function polarisRootClient(config: LoadedConfig): PolarisClient {
  const { polarisRootClientId, polarisRootClientSecret } = config.secrets;
  if (!polarisRootClientId || !polarisRootClientSecret) {
    throw new ConfigError(
      'Polaris root credentials are missing: set POLARIS_ROOT_CLIENT_ID and POLARIS_ROOT_CLIENT_SECRET (the local stack generates them on `npm run stack -- up`).',
    );
  }
  return new PolarisClient({
    url: config.pipeline.polaris.url,
    realm: config.pipeline.polaris.realm,
    clientId: polarisRootClientId,
    clientSecret: polarisRootClientSecret,
  });
}

export function trinoClient(config: LoadedConfig, onStatement?: (sql: string) => void): TrinoClient {
  const t = config.pipeline.trino;
  return new TrinoClient({ url: t.url, user: t.user, catalog: t.catalog, schema: t.schema, onStatement });
}
