import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../config';
import { installTemporal } from '../../infra/local/install-temporal';

/**
 * A real Temporal dev server from the project's own installed CLI (never a download by the SDK).
 */
export async function createTestEnv(): Promise<TestWorkflowEnvironment> {
  const config = loadConfig();
  // Installs the pinned CLI into the cache on a fresh machine; a no-op afterwards.
  const { binary: path } = await installTemporal(config.paths.cacheDir, (m) => process.stderr.write(`${m}\n`));
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path }, ip: '127.0.0.1' },
  });
}

/** With RECORD_HISTORIES=1, saves the run's history for the replay tests (test/replay/histories). */
export async function maybeRecordHistory(env: TestWorkflowEnvironment, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const dir = join(__dirname, '..', 'replay', 'histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
}
