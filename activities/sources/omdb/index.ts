export * from './client';
export * from './parse';
export { omdbErrorText, omdbErrorFromText, OMDB_KEY_VAR } from './errors';
export * from './values';
export * from './from-config';
