export * from './batches';
export * from './rows';
export * from './tables';
export * from './writer';
