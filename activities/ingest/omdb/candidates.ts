import { z } from 'zod';
import type { IngestContext } from '../context';
import type { IngestRun } from '../types';
import { candidatesSql } from './candidates-sql';
import { candidatesKey } from './run-key';

/**
 * selectOmdbCandidates: the run's work list goes to a state document (S3) and only its key and
 * length go back to the workflow. One entry per IMDb id (one request each), with every TMDB id
 * that shares it, so one answer fills the rows of all of them.
 */

export const omdbCandidateSchema = z.object({
  imdbId: z.string().regex(/^tt\d+$/),
  tmdbIds: z.array(z.number().int().positive()).min(1),
});
export type OmdbCandidate = z.infer<typeof omdbCandidateSchema>;

export const candidatesDocSchema = z.object({
  version: z.literal(1),
  day: z.string(),
  createdAt: z.string(),
  candidates: z.array(omdbCandidateSchema),
});
export type CandidatesDoc = z.infer<typeof candidatesDocSchema>;

export function candidatesFromRows(rows: readonly unknown[][]): OmdbCandidate[] {
  return rows.map(([imdbId, tmdbIds]) =>
    omdbCandidateSchema.parse({ imdbId, tmdbIds: Array.isArray(tmdbIds) ? tmdbIds.map((x) => Number(x)) : [] }),
  );
}

export async function selectOmdbCandidates(ctx: IngestContext, run: IngestRun, now: () => Date): Promise<{ candidatesKey: string; total: number }> {
  const { catalog, schema } = ctx.config.pipeline.trino;
  const query = candidatesSql({ catalog, schema, runDay: run.day, refreshAfterDays: ctx.config.pipeline.sources.omdb.refreshAfterDays });
  const res = await ctx.trino().query(query);
  const candidates = candidatesFromRows(res.rows);
  const key = candidatesKey(run.runId);
  const doc: CandidatesDoc = { version: 1, day: run.day, createdAt: now().toISOString(), candidates };
  await ctx.state().put(key, doc);
  return { candidatesKey: key, total: candidates.length };
}
