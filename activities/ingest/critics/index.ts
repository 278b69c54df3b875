import type { IngestContext } from '../context';
import { scrapeCriticsBatch, type ScrapeCriticsBatchInput, type ScrapeCriticsBatchResult } from './scrape-batch';
import { selectCriticCandidates, type SelectCriticCandidatesInput, type SelectCriticCandidatesResult } from './select-candidates';

export type { ScrapeCriticsBatchInput, ScrapeCriticsBatchResult } from './scrape-batch';
export type { SelectCriticCandidatesInput, SelectCriticCandidatesResult } from './select-candidates';
export type { CriticCandidate } from './candidate-list';

export interface CriticActivities {
  selectCriticCandidates(input: SelectCriticCandidatesInput): Promise<SelectCriticCandidatesResult>;
  scrapeCriticsBatch(input: ScrapeCriticsBatchInput): Promise<ScrapeCriticsBatchResult>;
}

/**
 * The activities of ScrapeCritics. Their inputs and results are ids, keys and counts; pages and
 * rows stay in S3 and the run's staging tables. `now` stamps checked_at and observed_at (tests).
 */
export function createCriticActivities(ctx: IngestContext, o: { now?: () => Date } = {}): CriticActivities {
  const now = o.now ?? (() => new Date());
  return {
    selectCriticCandidates: (input) => selectCriticCandidates(ctx, input),
    scrapeCriticsBatch: (input) => scrapeCriticsBatch(ctx, input, now),
  };
}
