import type { LoadedConfig } from '../../config';

/** Progress sink: one short line per call, never a secret. */
export type Log = (message: string) => void;

/** Credentials the local stack hands to its services (from the environment or generated). */
export interface StackSecrets {
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  polarisRootClientId: string;
  polarisRootClientSecret: string;
}

export interface ServiceContext {
  config: LoadedConfig;
  secrets: StackSecrets;
  /** `<stateDir>/<service>`: pid file, log file, data and generated config of this service. */
  dir: string;
  /** Versioned install cache shared by checkouts (`paths.cacheDir`). */
  cacheDir: string;
  log: Log;
}

/** What to exec. Secrets go in `env`, never in `args` (args are world-readable in /proc). */
export interface LaunchSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface HealthResult {
  healthy: boolean;
  detail: string;
}

/**
 * One local service. infra/local/polaris.ts exports `createPolarisService(config)` returning one
 * of these; the runner starts services in order temporal → s3 → polaris → trino.
 */
export interface ServiceDefinition {
  name: string;
  /** What `status` prints (the UI or API address a person would open). */
  url: string;
  /** host:port pairs the service listens on; a foreign listener there blocks a start. */
  listens: { host: string; port: number }[];
  /** Idempotent install into the cache; resolves quickly when already installed. */
  install(ctx: ServiceContext): Promise<void>;
  /** Writes config files into `ctx.dir` before each start. */
  prepare?(ctx: ServiceContext): Promise<void>;
  launch(ctx: ServiceContext): Promise<LaunchSpec> | LaunchSpec;
  health(ctx: ServiceContext): Promise<HealthResult>;
  /** Default: infrastructure.healthTimeoutSeconds. */
  startTimeoutMs?: number;
  /** Grace period between SIGTERM and SIGKILL (default 20 s). */
  stopTimeoutMs?: number;
  /**
   * A substring of the running process' command line (default: `ctx.dir`), so that a pid reused
   * by an unrelated program after a reboot is not mistaken for the service.
   */
  processMatch?(ctx: ServiceContext): string | string[];
}

export interface ServiceStatus {
  name: string;
  url: string;
  pid?: number;
  healthy: boolean;
  detail: string;
}
