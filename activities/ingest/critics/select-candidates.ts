import type { CriticSite } from '../../sources/records';
import type { IngestContext } from '../context';
import type { IngestRun } from '../types';
import { candidatesKey, type CandidateList } from './candidate-list';
import { candidateFromRow, selectCandidatesSql } from './select-query';
import { checkSite, siteSettings } from './site-settings';

export interface SelectCriticCandidatesInput {
  run: IngestRun;
  site: CriticSite;
}

export interface SelectCriticCandidatesResult {
  candidatesKey: string;
  total: number;
}

/** Picks the movies to check this run (see select-query.ts) and keeps them as a state document. */
export async function selectCriticCandidates(ctx: IngestContext, input: SelectCriticCandidatesInput): Promise<SelectCriticCandidatesResult> {
  const site = checkSite(input.site);
  const s = siteSettings(ctx, site);
  const { catalog, schema } = ctx.config.pipeline.trino;
  const res = await ctx.trino().query(
    selectCandidatesSql({ catalog, schema, site, day: input.run.day, recheckAfterDays: s.recheckAfterDays, limit: s.maxMoviesPerRun }),
  );
  const doc: CandidateList = { version: 1, runId: input.run.runId, site, day: input.run.day, candidates: res.rows.map(candidateFromRow) };
  const key = candidatesKey(input.run.runId, site);
  await ctx.state().put(key, doc);
  ctx.log.info(`critics ${site}: ${doc.candidates.length} movies to check`, { site, total: doc.candidates.length });
  return { candidatesKey: key, total: doc.candidates.length };
}
