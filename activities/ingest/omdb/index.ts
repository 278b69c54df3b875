import type { IngestContext } from '../context';
import type { IngestRun } from '../types';
import type { OmdbBudgetStatus } from './budget';
import { OmdbBudgetStore } from './budget-store';
import { selectOmdbCandidates } from './candidates';
import { enrichOmdbBatch, type EnrichOmdbBatchInput, type EnrichOmdbBatchResult } from './enrich-batch';

/**
 * The activities of the EnrichOmdb workflow. Inputs and results are ids, keys and counts only:
 * the candidate list lives in a state document, the budget in another (one per UTC day, shared
 * by every run), the rows in the run's staging tables until the workflow commits the run.
 */

export interface OmdbActivitiesOptions {
  /** The clock of the budget day, fetched_at and quarantined_at (tests inject one). */
  now?: () => Date;
  /** Keeps the budget documents of a test apart: `state/omdb-budget/<scope>/<day>.json`. */
  budgetScope?: string;
  /** Candidates between two stagings/checkpoints (default 50). */
  checkpointEvery?: number;
  /** Requests between two budget-document updates (default 10). */
  budgetFlushEvery?: number;
}

export interface OmdbActivities {
  selectOmdbCandidates(run: IngestRun): Promise<{ candidatesKey: string; total: number }>;
  /** Today's budget, plus the configured titles per batch (the workflow cannot read config). */
  omdbBudget(): Promise<OmdbBudgetStatus & { batchSize: number }>;
  enrichOmdbBatch(input: EnrichOmdbBatchInput): Promise<EnrichOmdbBatchResult>;
}

export function createOmdbActivities(ctx: IngestContext, options: OmdbActivitiesOptions = {}): OmdbActivities {
  const now = options.now ?? (() => new Date());
  const cfg = () => ctx.config.pipeline.sources.omdb;
  const budget = () =>
    new OmdbBudgetStore(ctx.state(), { limit: cfg().dailyBudget, onQuota: cfg().onQuota, now, scope: options.budgetScope });
  return {
    selectOmdbCandidates: (run) => selectOmdbCandidates(ctx, run, now),
    omdbBudget: async () => ({ ...(await budget().status()), batchSize: cfg().batchSize }),
    enrichOmdbBatch: (input) =>
      enrichOmdbBatch(ctx, input, {
        now,
        budget: budget(),
        checkpointEvery: options.checkpointEvery ?? 50,
        budgetFlushEvery: options.budgetFlushEvery ?? 10,
      }),
  };
}

export type { OmdbBudgetStatus } from './budget';
export type { EnrichOmdbBatchInput, EnrichOmdbBatchResult } from './enrich-batch';
export { candidatesDocSchema, type OmdbCandidate } from './candidates';
export { budgetKey } from './budget';
export { candidatesKey, safeRunId } from './run-key';
