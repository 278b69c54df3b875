export * from './client';
export * from './parse';
export { detectTmdbError, TMDB_CREDENTIAL_VARS } from './errors';
export type { TmdbCredentialVar, TmdbErrorContext } from './errors';
export * from './date-windows';
export * from './from-config';
