import { LoadedConfig, sourceCredentials } from '../../../config/load';
import type { HttpClient } from '../http/http-client';
import { OmdbClient, OmdbClientOptions } from './client';

/** An OmdbClient on the configured base URL (the sandbox without keys) with the right key. */
export function omdbClientFromConfig(
  config: Pick<LoadedConfig, 'secrets' | 'sources'>,
  http: HttpClient,
  extra: Partial<OmdbClientOptions> = {},
): OmdbClient {
  return new OmdbClient({ http, baseUrl: config.sources.omdbBaseUrl, apiKey: sourceCredentials(config).omdbApiKey, ...extra });
}
