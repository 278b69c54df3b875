import { LoadedConfig, sourceCredentials } from '../../../config/load';
import type { HttpClient } from '../http/http-client';
import { TmdbClient, TmdbClientOptions } from './client';

/** A TmdbClient on the configured base URL (the sandbox without keys) with the right credentials. */
export function tmdbClientFromConfig(
  config: Pick<LoadedConfig, 'secrets' | 'sources'>,
  http: HttpClient,
  extra: Partial<TmdbClientOptions> = {},
): TmdbClient {
  const creds = sourceCredentials(config);
  return new TmdbClient({
    http,
    baseUrl: config.sources.tmdbBaseUrl,
    apiKey: creds.tmdbApiKey,
    readAccessToken: creds.tmdbReadAccessToken,
    ...extra,
  });
}
