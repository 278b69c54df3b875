import type { IngestContext } from '../context';
import { lastWindowEnd } from '../run-ledger';
import { collectTmdbIds, consolidateTmdbIds, type CollectInput } from './collect';
import { fetchTmdbDetails, type DetailsInput } from './details';
import { planIngest, PlanError, type IngestPlan, type PlanInput } from './plan';
import { ApplicationFailure } from '@temporalio/common';

export type { IngestPlan, PlanInput } from './plan';
export type { CollectCursor } from './segments';
export type { CollectResult } from './collect';
export type { DetailsResult } from './details';

export interface DailyIngestPlan extends IngestPlan {
  /** TMDB details per activity (ingest.detailBatchSize). */
  batchSize: number;
}

/** DailyIngest's activities: planning (main queue), collecting ids and details (TMDB queue). */
export function createTmdbActivities(ctx: IngestContext) {
  return {
    async planDailyIngest(input: PlanInput): Promise<DailyIngestPlan> {
      const ingest = ctx.config.pipeline.ingest;
      try {
        const plan = planIngest(input, {
          lastWindowEnd: input.mode === 'incremental' ? await lastWindowEnd(ctx, 'DailyIngest') : null,
          initialLookbackDays: ingest.initialLookbackDays,
          lists: ctx.config.pipeline.sources.tmdb.lists,
          listPages: ingest.listPages,
        });
        return { ...plan, batchSize: ingest.detailBatchSize };
      } catch (err) {
        if (err instanceof PlanError) throw ApplicationFailure.create({ type: 'BadInput', message: err.message, nonRetryable: true });
        throw err;
      }
    },
    collectTmdbIds: (input: CollectInput) => collectTmdbIds(ctx, input),
    consolidateTmdbIds: (input: Parameters<typeof consolidateTmdbIds>[1]) => consolidateTmdbIds(ctx, input),
    fetchTmdbDetails: (input: DetailsInput) => fetchTmdbDetails(ctx, input),
  };
}
