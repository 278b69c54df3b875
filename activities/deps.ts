import type { LoadedConfig } from '../config';
import type { InfrastructureProvider } from './infra/provider';
import type { IngestContext } from './ingest/context';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Everything an activity may touch, built once per worker (see workers/). */
export interface ActivityDeps {
  config: LoadedConfig;
  provider: InfrastructureProvider;
  log: Logger;
  /** Shared by the workers of one process (so they share rate limiters); built from config when absent. */
  ingest?: IngestContext;
}
