import { Client, Connection } from '@temporalio/client';
import type { LoadedConfig } from '../config';
import { temporalConnectOptions } from '../workers/temporal-connection';

export async function connectClient(config: LoadedConfig): Promise<{ client: Client; connection: Connection; namespace: string }> {
  const opts = temporalConnectOptions(config);
  const connection = await Connection.connect({
    address: opts.address,
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    ...(opts.tls !== undefined ? { tls: opts.tls as never } : {}),
    connectTimeout: '10s',
  });
  return { client: new Client({ connection, namespace: opts.namespace }), connection, namespace: opts.namespace };
}

export function workflowUiUrl(config: LoadedConfig, namespace: string, workflowId: string, runId?: string): string {
  const base = config.pipeline.temporal.uiUrl.replace(/\/$/, '');
  const ns = encodeURIComponent(namespace);
  const id = encodeURIComponent(workflowId);
  return runId ? `${base}/namespaces/${ns}/workflows/${id}/${encodeURIComponent(runId)}/history` : `${base}/namespaces/${ns}/workflows/${id}`;
}
