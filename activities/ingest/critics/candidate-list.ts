import { createHash } from 'node:crypto';
import { z } from 'zod';
import { criticSiteSchema, type CriticSite } from '../../sources/records';
import { stateKey } from '../state-store';

/**
 * The state document selectCriticCandidates writes and scrapeCriticsBatch reads: the movies to
 * check this run, with what the resolver needs, so the workflow passes only its key and offsets.
 */

export const criticCandidateSchema = z.object({
  tmdbId: z.number().int().positive(),
  title: z.string(),
  originalTitle: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The page found on an earlier run: fetched directly, without searching. */
  knownUrl: z.string().nullable(),
});
export type CriticCandidate = z.infer<typeof criticCandidateSchema>;

export const candidateListSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  site: criticSiteSchema,
  day: z.iso.date(),
  candidates: z.array(criticCandidateSchema),
});
export type CandidateList = z.infer<typeof candidateListSchema>;

/**
 * A run id as one state-key part: readable prefix plus a hash, since run ids may hold any
 * character (and two ids that sanitize alike must not share a document).
 */
export function safeRunId(runId: string): string {
  const readable = runId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const hash = createHash('sha256').update(runId).digest('hex').slice(0, 16);
  return readable ? `${readable}-${hash}` : hash;
}

export function candidatesKey(runId: string, site: CriticSite): string {
  return stateKey('runs', safeRunId(runId), `critics-${site}.json`);
}
