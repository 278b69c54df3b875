import type { LoadedConfig } from '../../config';

export interface ServiceState {
  name: string;
  url: string;
  pid?: number;
  healthy: boolean;
  detail?: string;
}

/**
 * How the services come up: `local` (processes on this machine, installed into the cache),
 * `docker` (compose), `external` (someone else runs them: we only check health).
 */
export interface InfrastructureProvider {
  readonly kind: 'local' | 'docker' | 'external';
  ensureUp(progress: (msg: string) => void): Promise<ServiceState[]>;
  /**
   * Writes Trino's catalog file (secrets included, mode 0600) and restarts Trino if it changed.
   * Returns whether anything changed.
   */
  configureTrinoCatalog(catalog: string, properties: Record<string, string>): Promise<{ changed: boolean }>;
}

export async function createProvider(config: LoadedConfig): Promise<InfrastructureProvider> {
  switch (config.pipeline.infrastructure.provider) {
    case 'local':
      return (await import('./local-provider')).localProvider(config);
    case 'docker':
      return (await import('./docker-provider')).dockerProvider(config);
    case 'external':
      return (await import('./external-provider')).externalProvider(config);
  }
}
