// Every workflow the worker registers (the worker bundles this file).
export { FullSetup } from './full-setup';
export { DailyIngest } from './daily-ingest';
export { EnrichOmdb } from './enrich-omdb';
export { ScrapeCritics } from './scrape-critics';
