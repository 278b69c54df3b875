import type { LoadedConfig } from '../../../config/load';
import { HttpClient, HttpClientOptions } from './http-client';
import type { RateLimit } from './rate-limiter';

/** Site names used as limiter keys by the source clients (TMDB, OMDb, RT, Metacritic). */
export const SOURCE_SITES = {
  tmdb: 'tmdb',
  omdb: 'omdb',
  rottenTomatoes: 'rotten_tomatoes',
  metacritic: 'metacritic',
} as const;

/**
 * One HttpClient for a worker, from `sources.*` of pipeline.yaml: User-Agent, timeouts, retries,
 * per-site limits; every configured source secret is redacted from its errors and logs.
 */
export function httpClientFromConfig(
  config: Pick<LoadedConfig, 'pipeline' | 'secrets'> & Partial<Pick<LoadedConfig, 'sources'>>,
  extra: Partial<HttpClientOptions> = {},
): HttpClient {
  const s = config.pipeline.sources;
  const limits: Record<string, RateLimit> = {
    [SOURCE_SITES.tmdb]: { requestsPerSecond: s.tmdb.requestsPerSecond },
    [SOURCE_SITES.rottenTomatoes]: { minIntervalMs: criticMinIntervalMs(config, 'rottenTomatoes') },
    [SOURCE_SITES.metacritic]: { minIntervalMs: criticMinIntervalMs(config, 'metacritic') },
  };
  const secrets = [config.secrets.tmdbApiKey, config.secrets.tmdbReadAccessToken, config.secrets.omdbApiKey].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
  return new HttpClient({
    userAgent: s.userAgent,
    connectTimeoutMs: s.http.connectTimeoutMs,
    readTimeoutMs: s.http.readTimeoutMs,
    maxRetries: s.http.maxRetries,
    secrets,
    limits,
    ...extra,
  });
}

/**
 * The gap between two requests to a critic site: the configured one (2 s by default), or the
 * sandbox's when the site resolves to the sandbox (our own local server needs no politeness).
 */
export function criticMinIntervalMs(
  config: Pick<LoadedConfig, 'pipeline'> & Partial<Pick<LoadedConfig, 'sources'>>,
  site: 'rottenTomatoes' | 'metacritic',
): number {
  const s = config.pipeline.sources;
  const own = s[site];
  return config.sources?.sandbox && !own.baseUrl ? s.sandbox.criticMinIntervalMs : own.minIntervalMs;
}
