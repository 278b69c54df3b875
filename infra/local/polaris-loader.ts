import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../../config';
import type { ServiceDefinition } from './types';

/**
 * Polaris is defined in infra/local/polaris.ts (built and owned separately). It exports
 * `createPolarisService(config): ServiceDefinition`. Loaded by path so the stack still runs
 * (without a catalog) where that module is absent.
 */
export async function loadPolarisService(config: LoadedConfig): Promise<ServiceDefinition | undefined> {
  const base = join(__dirname, 'polaris');
  if (!['.ts', '.js'].some((ext) => existsSync(base + ext))) return undefined;
  const mod = (await import(base)) as Record<string, unknown>;
  // createCatalogService, if present, chooses between Polaris and a stand-in.
  const factory = mod.createCatalogService ?? mod.createPolarisService ?? mod.polarisService ?? mod.default;
  if (typeof factory === 'function') return (factory as (c: LoadedConfig) => ServiceDefinition)(config);
  if (factory && typeof factory === 'object' && 'launch' in factory) return factory as ServiceDefinition;
  throw new Error('infra/local/polaris.ts must export createPolarisService(config): ServiceDefinition');
}
