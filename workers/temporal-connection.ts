import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { LoadedConfig } from '../config';

/**
 * Connection options from the standard @temporalio/envconfig sources (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TLS, profiles), falling back to pipeline.yaml.
 */
export function temporalConnectOptions(config: LoadedConfig): { address: string; namespace: string; apiKey?: string; tls?: unknown } {
  const env = loadClientConnectConfig();
  const c = env.connectionOptions as { address?: string; apiKey?: string; tls?: unknown };
  return {
    ...c,
    address: c.address ?? config.pipeline.temporal.address,
    namespace: env.namespace ?? config.pipeline.temporal.namespace,
  };
}
