/**
 * Which site modules the server mounts. TMDB and OMDb always; Rotten Tomatoes and Metacritic when
 * their modules exist (they are written separately), so the server works with or without them.
 */
import { join } from 'node:path';
import { SANDBOX_PATHS } from '../../config/load';
import type { SiteName } from './faults';
import { createOmdbSite } from './sites/omdb';
import { createTmdbSite } from './sites/tmdb';
import type { SandboxSite } from './types';

const OPTIONAL_SITES: Record<'rottenTomatoes' | 'metacritic', { file: string; exportName: string }> = {
  rottenTomatoes: { file: 'rotten-tomatoes', exportName: 'rottenTomatoesSite' },
  metacritic: { file: 'metacritic', exportName: 'metacriticSite' },
};

/** Loads an optional site module; undefined only when the module file is absent (other errors surface). */
export function loadOptionalSite(name: 'rottenTomatoes' | 'metacritic', dir: string = join(__dirname, 'sites')): SandboxSite | undefined {
  const { file, exportName } = OPTIONAL_SITES[name];
  const modulePath = join(dir, file);
  let mod: Record<string, unknown>;
  try {
    // A runtime require keeps tsc from failing while the module does not exist yet.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modulePath) as Record<string, unknown>;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(modulePath)) return undefined;
    throw err;
  }
  const site = mod[exportName] as SandboxSite | undefined;
  if (!site || typeof site.handle !== 'function') throw new Error(`infra/sandbox/sites/${file} does not export a SandboxSite named ${exportName}`);
  return site;
}

export interface Mount {
  name: SiteName;
  /** Normalised prefix without a trailing slash, e.g. "/omdb". */
  prefix: string;
  site: SandboxSite;
}

/** The default sites, with overrides (null = leave a site unmounted). */
export function resolveMounts(overrides: Partial<Record<SiteName, SandboxSite | null>> = {}): Mount[] {
  const defaults: Record<SiteName, () => SandboxSite | undefined> = {
    tmdb: () => createTmdbSite(),
    omdb: () => createOmdbSite(),
    rottenTomatoes: () => loadOptionalSite('rottenTomatoes'),
    metacritic: () => loadOptionalSite('metacritic'),
  };
  const mounts: Mount[] = [];
  for (const name of Object.keys(defaults) as SiteName[]) {
    const site = name in overrides ? overrides[name] : defaults[name]();
    if (!site) continue;
    // The server owns the URL layout (SANDBOX_PATHS), whatever prefix a module declares.
    mounts.push({ name, prefix: SANDBOX_PATHS[name].replace(/\/+$/, ''), site });
  }
  return mounts;
}

/** The mount serving a path, and the path below its prefix. */
export function matchMount(mounts: Mount[], pathname: string): { mount: Mount; rest: string } | undefined {
  for (const mount of mounts) {
    if (pathname === mount.prefix) return { mount, rest: '/' };
    if (pathname.startsWith(`${mount.prefix}/`)) return { mount, rest: pathname.slice(mount.prefix.length) };
  }
  return undefined;
}
