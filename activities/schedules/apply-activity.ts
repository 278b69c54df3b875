import { Client, Connection } from '@temporalio/client';
import type { ActivityDeps } from '../deps';
import { temporalConnectOptions } from '../../workers/temporal-connection';
import { applySchedules, summarize, type ApplyResult } from './index';

/** FullSetup's last step: the schedules of config/pipeline.yaml, applied idempotently. */
export function createScheduleActivities(deps: ActivityDeps) {
  return {
    async applySchedules(): Promise<ApplyResult & { summary: string }> {
      const opts = temporalConnectOptions(deps.config);
      const connection = await Connection.connect({
        address: opts.address,
        ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
        ...(opts.tls !== undefined ? { tls: opts.tls as never } : {}),
        connectTimeout: '10s',
      });
      try {
        const r = await applySchedules(new Client({ connection, namespace: opts.namespace }), deps.config.pipeline);
        const summary = summarize(r);
        deps.log.info(`schedules: ${summary}`);
        return { ...r, summary };
      } finally {
        await connection.close();
      }
    },
  };
}
