/** The offline sandbox of the four sources: catalog, server, fault knobs. */
export * from './catalog';
export * from './faults';
export * from './server';
export type { SandboxStats, SiteStats, RecentRequest, FaultKind } from './stats';
export * from './types';
export { createTmdbSite, tmdbSite } from './sites/tmdb';
export { createOmdbSite, omdbSite } from './sites/omdb';
