import type { S3Client } from '@aws-sdk/client-s3';
import type { LoadedConfig } from '../../config';
import { s3Client, trinoClient } from '../clients';
import type { Logger } from '../deps';
import { httpClientFromConfig, type HttpClient } from '../sources/http';
import { RawStore } from '../storage/raw-store';
import { SilverWriter } from '../warehouse/silver';
import type { TrinoClient } from '../warehouse/trino';
import { currentRuntime, type ActivityRuntime } from './activity-runtime';
import { StateStore } from './state-store';

/**
 * The clients an ingestion activity uses, built lazily once per worker: one HTTP client (so the
 * per-site rate limits are shared by every activity of the worker), S3 (raw objects and state),
 * Trino (the silver writer). Tests build one against the real stack and the sandbox.
 */
export interface IngestContext {
  config: LoadedConfig;
  log: Logger;
  http(): HttpClient;
  s3(): S3Client;
  trino(): TrinoClient;
  raw(): RawStore;
  state(): StateStore;
  /** A writer that stages into the run's staging tables (resume: rows staged by earlier activities of the run stay). */
  writer(runId: string): SilverWriter;
  runtime(): ActivityRuntime;
}

export interface IngestContextOverrides {
  http?: HttpClient;
  runtime?: () => ActivityRuntime;
  /** Counts every Trino statement (bench). */
  onStatement?: (sql: string) => void;
}

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

export function createIngestContext(config: LoadedConfig, log: Logger, o: IngestContextOverrides = {}): IngestContext {
  // Per-request debug events are dropped; retries and waits (info/warn) reach the worker log.
  const http = lazy(() => o.http ?? httpClientFromConfig(config, { log: (e) => (e.level === 'debug' ? undefined : log[e.level](e.msg, e)) }));
  const s3 = lazy(() => s3Client(config));
  const trino = lazy(() => trinoClient(config, o.onStatement));
  const raw = lazy(() => new RawStore(s3(), config.pipeline.s3.bucket, config.pipeline.s3.rawPrefix));
  const state = lazy(() => new StateStore(s3(), config.pipeline.s3.bucket));
  return {
    config,
    log,
    http,
    s3,
    trino,
    raw,
    state,
    writer: (runId) =>
      new SilverWriter(trino(), {
        catalog: config.pipeline.trino.catalog,
        schema: config.pipeline.trino.schema,
        runId,
        batchSize: config.pipeline.ingest.writeBatchSize,
        resume: true,
      }),
    runtime: o.runtime ?? currentRuntime,
  };
}
