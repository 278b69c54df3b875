/**
 * The local-process stack (no Docker): Temporal dev server, an S3 server, Polaris and Trino as
 * detached processes with pid and log files under `<stateDir>/<service>/`, installed once into
 * `<cacheDir>/<component>-<version>/`. Used by `npm run stack`, jest's global setup and the
 * FullSetup "ensure infrastructure" activity.
 */
export { stackUp, stackDown, stackStatus, restartService, stackServices, StackError, type StackOptions } from './runner';
export { configureTrinoCatalog, trinoCatalogFile } from './trino-catalog';
export { ensureStackSecrets } from './secrets';
export { findJavaHome } from './java';
export { VERSIONS } from './versions';
export { ensureTemporalCli } from './temporal-cli';
export type { ServiceDefinition, ServiceContext, ServiceStatus, StackSecrets, LaunchSpec, HealthResult, Log } from './types';
