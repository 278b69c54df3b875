import { get as httpGetRaw } from 'node:http';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import type { HealthResult } from './types';

/**
 * GET a URL; never throws (a refused connection is a health result, not an error). Plain
 * node:http without keep-alive, so no pooled socket outlives a check (jest waits for those).
 */
export function httpGet(url: string, timeoutMs = 3000): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolvePromise) => {
    const u = new URL(url);
    const get = u.protocol === 'https:' ? httpsGet : httpGetRaw;
    const req = get(u, { agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => resolvePromise({ body: '', error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => resolvePromise({ body: '', error: err.code ?? err.message }));
  });
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
