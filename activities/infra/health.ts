import { Connection } from '@temporalio/client';
import type { PipelineConfig } from '../../config';
import { detectCatalogServer } from '../catalog/catalog-server';

export interface ComponentHealth {
  name: 'temporal' | 's3' | 'catalog' | 'trino';
  url: string;
  healthy: boolean;
  version?: string;
  /** For the catalog: which REST catalog answers (polaris, or the nessie stand-in). */
  server?: string;
  latencyMs: number;
  detail?: string;
}

export interface HealthTargets {
  temporalAddress: string;
  temporalUiUrl?: string;
  s3Endpoint: string;
  polarisUrl: string;
  polarisManagementUrl: string;
  trinoUrl: string;
  timeoutMs?: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: Error; ms: number }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { value, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return { error: error as Error, ms: Math.round(performance.now() - start) };
  }
}

function reason(err: Error | undefined): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? err?.message ?? 'unknown error';
}

export async function checkTemporal(address: string, timeoutMs = 5000): Promise<ComponentHealth> {
  const r = await timed(async () => {
    const conn = await Connection.connect({ address, connectTimeout: timeoutMs });
    try {
      const info = await conn.workflowService.getSystemInfo({});
      return info.serverVersion ?? undefined;
    } finally {
      await conn.close();
    }
  });
  return { name: 'temporal', url: address, healthy: !r.error, version: r.value ?? undefined, latencyMs: r.ms, detail: r.error ? reason(r.error) : undefined };
}

export async function checkS3(endpoint: string, timeoutMs = 5000): Promise<ComponentHealth> {
  // Any HTTP answer from the endpoint means the server is up; versitygw also has /health.
  const r = await timed(async () => {
    const res = await fetch(`${endpoint.replace(/\/$/, '')}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  });
  const healthy = !r.error && r.value !== undefined && r.value < 500;
  return { name: 's3', url: endpoint, healthy, latencyMs: r.ms, detail: r.error ? reason(r.error) : healthy ? undefined : `HTTP ${r.value}` };
}

export async function checkPolaris(url: string, managementUrl: string, timeoutMs = 5000): Promise<ComponentHealth> {
  const r = await timed(async () => {
    // Liveness, not readiness: Nessie's readiness pings the warehouse bucket, which FullSetup
    // creates only after this check passes.
    const res = await fetch(`${managementUrl.replace(/\/$/, '')}/q/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as { status?: string };
    return body.status ?? `HTTP ${res.status}`;
  });
  const healthy = r.value === 'UP';
  const kind = healthy ? await detectCatalogServer(url, timeoutMs) : null;
  return {
    name: 'catalog',
    url,
    healthy,
    server: kind ?? undefined,
    latencyMs: r.ms,
    detail: r.error ? reason(r.error) : healthy ? (kind === 'nessie' ? 'Nessie stand-in for Polaris' : undefined) : String(r.value),
  };
}

export async function checkTrino(url: string, timeoutMs = 5000): Promise<ComponentHealth> {
  const r = await timed(async () => {
    const res = await fetch(`${url.replace(/\/$/, '')}/v1/info`, { signal: AbortSignal.timeout(timeoutMs) });
    return (await res.json()) as { starting?: boolean; nodeVersion?: { version?: string } };
  });
  const healthy = !r.error && r.value?.starting === false;
  return {
    name: 'trino',
    url,
    healthy,
    version: r.value?.nodeVersion?.version,
    latencyMs: r.ms,
    detail: r.error ? reason(r.error) : healthy ? undefined : 'starting',
  };
}

export function healthTargets(p: PipelineConfig): HealthTargets {
  return {
    temporalAddress: p.temporal.address,
    s3Endpoint: p.s3.endpoint,
    polarisUrl: p.polaris.url,
    polarisManagementUrl: p.polaris.managementUrl,
    trinoUrl: p.trino.url,
  };
}

export async function checkAll(t: HealthTargets): Promise<ComponentHealth[]> {
  // One after another keeps the numbers honest on a 2-core machine; each check is milliseconds.
  return [
    await checkTemporal(t.temporalAddress, t.timeoutMs),
    await checkS3(t.s3Endpoint, t.timeoutMs),
    await checkPolaris(t.polarisUrl, t.polarisManagementUrl, t.timeoutMs),
    await checkTrino(t.trinoUrl, t.timeoutMs),
  ];
}
