/**
 * What the ingestion workflows pass to their activities: ids, days and S3 keys only — never
 * records (Temporal payloads stay small) and never secrets (activities read those from config).
 */

export type IngestWorkflow = 'DailyIngest' | 'EnrichOmdb' | 'ScrapeCritics';

export interface IngestRun {
  /** The workflow's first run id: kept across continue-as-new, so a run stages and commits as one. */
  runId: string;
  workflow: IngestWorkflow;
  /** The run's UTC day (YYYY-MM-DD): raw objects go under dt=<day>, observations get observed_on = day. */
  day: string;
}

/** Rows staged per silver table by one activity (added up by the workflow for ingest_runs). */
export type StageCounts = Partial<Record<'movies' | 'rating_observations' | 'omdb_details' | 'critic_pages' | 'quarantine', number>>;
