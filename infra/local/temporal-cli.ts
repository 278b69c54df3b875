import type { LoadedConfig } from '../../config';
import { installTemporal } from './install-temporal';
import type { Log } from './types';

/**
 * Path of the cached `temporal` CLI, installing it on first use. Workflow tests hand it to
 * `TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path } } })`
 * since the SDK's own download cannot work without internet.
 */
export async function ensureTemporalCli(config: LoadedConfig, log: Log = () => undefined): Promise<string> {
  return (await installTemporal(config.paths.cacheDir, log)).binary;
}
