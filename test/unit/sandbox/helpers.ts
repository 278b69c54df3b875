/** Shared helpers of the sandbox tests: start a small sandbox, fetch with the sandbox keys. */
import { SANDBOX_KEYS } from '../../../config/load';
import { startSandbox, SandboxHandle, SandboxOptions } from '../../../infra/sandbox/server';

export const TODAY = '2026-11-01';
export const TMDB_KEY = `api_key=${SANDBOX_KEYS.tmdbApiKey}`;
export const OMDB_KEY = `apikey=${SANDBOX_KEYS.omdbApiKey}`;

/** A 400-movie catalog keeps start-up fast; hard cases are still all present at that size. */
export function startSmallSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ catalog: { seed: 7, movies: 400, today: TODAY }, ...options });
}

export interface Fetched {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

export async function get(url: string, init?: RequestInit): Promise<Fetched> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export async function post(url: string, body: unknown): Promise<Fetched> {
  return get(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
