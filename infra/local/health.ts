import { connect } from 'node:net';
import type { HealthResult } from './types';

/** GET a URL; never throws (a refused connection is a health result, not an error). */
export async function httpGet(url: string, timeoutMs = 3000): Promise<{ status?: number; body: string; error?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { body: '', error: cause?.code ?? (err as Error).message };
  }
}

/** Healthy when the URL answers 2xx (or a 3xx: a UI redirecting to its start page is up). */
export async function httpHealth(url: string, timeoutMs = 3000): Promise<HealthResult> {
  const r = await httpGet(url, timeoutMs);
  if (r.status === undefined) return { healthy: false, detail: `${url}: ${r.error}` };
  return { healthy: r.status < 400, detail: `${url}: HTTP ${r.status}` };
}

/** True when something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return { host: u.hostname, port };
}
