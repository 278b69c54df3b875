export * from './errors';
export * from './load';
export * from './schema';
