import { z } from 'zod';
import { omdbClientFromConfig } from '../../sources/omdb';
import { sanitizeRawKey } from '../../storage/raw-store';
import { omdbDetailsRow, quarantineRow, ratingObservationRow, type SilverRow, type SilverTableName } from '../../warehouse/silver';
import type { IngestContext } from '../context';
import type { IngestRun, StageCounts } from '../types';
import { budgetDay } from './budget';
import type { OmdbBudgetStore } from './budget-store';
import { OMDB_SOURCE } from './candidates-sql';
import { candidatesDocSchema } from './candidates';
import { tapHttp } from './http-tap';
import { classifyLookupError } from './outcome';
import { nextOffsetAfter, planSlice } from './slice';

/**
 * enrichOmdbBatch: one slice of the run's candidate list, one OMDb request per IMDb id, within the
 * day's budget. Rows are staged (not committed: the workflow commits the run once) every
 * `checkpointEvery` candidates and at the end; the heartbeat carries the offset up to which rows
 * are staged, so a retried attempt skips exactly the work that is already safe.
 */

export interface EnrichOmdbBatchInput {
  run: IngestRun;
  candidatesKey: string;
  offset: number;
  limit: number;
}

export interface EnrichOmdbBatchResult {
  processed: number;
  requests: number;
  nextOffset: number | null;
  staged: StageCounts;
  quarantined: number;
  stoppedBy: null | 'budget' | 'quota';
}

export interface EnrichOptions {
  now: () => Date;
  budget: OmdbBudgetStore;
  /** Candidates between two stagings (and checkpoints). */
  checkpointEvery: number;
  /** Requests between two budget-document updates. */
  budgetFlushEvery: number;
}

const inputSchema = z.object({
  run: z.object({ runId: z.string().min(1), workflow: z.string(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  candidatesKey: z.string().startsWith('state/'),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
});

const heartbeatSchema = z.object({ offset: z.number().int().nonnegative() });

export class CandidatesMissingError extends Error {
  override readonly name = 'CandidatesMissingError';
}

export async function enrichOmdbBatch(ctx: IngestContext, input: EnrichOmdbBatchInput, o: EnrichOptions): Promise<EnrichOmdbBatchResult> {
  const { run, candidatesKey, offset, limit } = inputSchema.parse(input) as EnrichOmdbBatchInput;
  const rt = ctx.runtime();
  const signal = rt.signal;
  const doc = await ctx.state().get(candidatesKey, candidatesDocSchema);
  if (!doc) throw new CandidatesMissingError(`No OMDb candidate list at ${candidatesKey}: run selectOmdbCandidates first`);
  const list = doc.candidates;
  const resume = heartbeatSchema.safeParse(rt.lastHeartbeat<unknown>());
  const { start, end } = planSlice({ offset, limit, total: list.length, resumeOffset: resume.success ? resume.data.offset : undefined });

  const tap = tapHttp(ctx.http());
  const client = omdbClientFromConfig(ctx.config, tap.http, { clock: o.now });
  const writer = ctx.writer(run.runId);
  const pending: Record<'omdb_details' | 'rating_observations' | 'quarantine', SilverRow[]> = {
    omdb_details: [],
    rating_observations: [],
    quarantine: [],
  };
  const staged: StageCounts = {};
  let quarantined = 0;

  let status = await o.budget.status();
  let day = status.budgetDay;
  let allowance = status.remaining;
  let unflushed = 0;
  let requests = 0;
  let index = start;
  let durable = start;
  let stoppedBy: EnrichOmdbBatchResult['stoppedBy'] = null;

  const flushBudget = async (exhausted = false) => {
    const n = unflushed;
    unflushed = 0;
    await o.budget.add(day, n, exhausted);
  };
  // Rows first, then the checkpoint: a heartbeat never claims work whose rows are not staged.
  const checkpoint = async () => {
    for (const table of Object.keys(pending) as (keyof typeof pending & SilverTableName)[]) {
      const rows = pending[table];
      if (!rows.length) continue;
      await writer.stage(table, rows);
      staged[table] = (staged[table] ?? 0) + rows.length;
      pending[table] = [];
    }
    durable = index;
    rt.heartbeat({ offset: durable });
  };

  try {
    while (index < end) {
      signal?.throwIfAborted();
      const today = budgetDay(o.now());
      if (today !== day) {
        // The UTC day turned during the batch: the rest counts against the new day's budget.
        await flushBudget();
        status = await o.budget.status();
        day = status.budgetDay;
        allowance = status.remaining;
      }
      if (allowance <= 0) {
        stoppedBy = 'budget';
        break;
      }
      const c = list[index];
      const rawKey = sanitizeRawKey(c.imdbId);
      requests += 1;
      unflushed += 1;
      allowance -= 1;
      tap.clear();
      try {
        const fetched = await client.byImdbId(c.imdbId, { signal });
        const rawObjectKey = await ctx.raw().put({ source: OMDB_SOURCE, day: run.day, key: rawKey, body: fetched.raw, kind: 'json' });
        const lineage = { runId: run.runId, rawObjectKey };
        pending.omdb_details.push(omdbDetailsRow(fetched.parsed.details, { ...lineage, fetchedAt: fetched.fetchedAt }));
        for (const tmdbId of c.tmdbIds) {
          for (const obs of fetched.parsed.observations) {
            pending.rating_observations.push(ratingObservationRow(tmdbId, obs, { ...lineage, observedOn: run.day }));
          }
        }
      } catch (err) {
        const failure = classifyLookupError(err);
        if (failure.kind === 'quota') {
          // Not the title's fault: it stays unprocessed (no row, no raw object) for the next day.
          allowance = 0;
          await flushBudget(true);
          stoppedBy = 'quota';
          break;
        }
        if (failure.kind === 'throw') throw err;
        const answer = tap.last();
        const rawObjectKey = answer
          ? await ctx.raw().put({ source: OMDB_SOURCE, day: run.day, key: rawKey, body: answer.body, kind: 'json' })
          : null;
        pending.quarantine.push(
          quarantineRow({ source: OMDB_SOURCE, recordKey: c.imdbId, reason: failure.reason, rawObjectKey, runId: run.runId, at: o.now() }),
        );
        quarantined += 1;
      }
      index += 1;
      if (unflushed >= o.budgetFlushEvery) await flushBudget();
      if (index - durable >= o.checkpointEvery) await checkpoint();
      else rt.heartbeat({ offset: durable });
    }
    await flushBudget();
    await checkpoint();
  } catch (err) {
    // Keep what this attempt did (counted requests, staged rows, checkpoint) for the retry.
    await flushBudget().catch(() => undefined);
    await checkpoint().catch(() => undefined);
    throw err;
  }

  return {
    processed: index - start,
    requests,
    nextOffset: nextOffsetAfter({ index, total: list.length, stopped: stoppedBy !== null }),
    staged,
    quarantined,
    stoppedBy,
  };
}
