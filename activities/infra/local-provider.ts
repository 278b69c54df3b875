import type { LoadedConfig } from '../../config';
import type { InfrastructureProvider } from './provider';

/** The local-process stack of infra/local (what CI and Docker-less machines use). */
export function localProvider(config: LoadedConfig): InfrastructureProvider {
  return {
    kind: 'local',
    async ensureUp(progress) {
      const stack = await import('../../infra/local');
      const states = await stack.stackUp(config, { log: progress });
      return states.map((s) => ({ name: s.name, url: s.url, pid: s.pid, healthy: s.healthy, detail: s.detail }));
    },
    async configureTrinoCatalog(catalog, properties) {
      const stack = await import('../../infra/local');
      return stack.configureTrinoCatalog(config, catalog, properties);
    },
  };
}
