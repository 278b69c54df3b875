import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { ParseError } from '../../sources/errors';
import { tmdbClientFromConfig } from '../../sources/tmdb';
import { quarantineRow, type SilverRow } from '../../warehouse/silver';
import type { IngestContext } from '../context';
import { runStateKey } from '../state-store';
import type { IngestRun } from '../types';
import { segmentPages } from './page-walk';
import type { IngestPlan } from './plan';
import { planSegments, START, type CollectCursor } from './segments';

export interface CollectInput {
  run: IngestRun;
  plan: IngestPlan;
  cursor?: CollectCursor;
}

export interface CollectResult {
  /** State document with this call's ids. */
  idsKey: string;
  ids: number;
  pages: number;
  quarantined: number;
  /** null: every segment is done. */
  next: CollectCursor | null;
}

interface Checkpoint {
  cursor: CollectCursor;
  ids: number[];
  pages: number;
  quarantined: number;
}

export const idsDocument = z.object({ ids: z.array(z.number().int().positive()) });

/**
 * Walks the plan's TMDB pages (changes, new releases, lists) from a cursor, at most
 * `ingest.collectPagesPerActivity` pages per call, storing every page in bronze and the ids it
 * found in a state document. The checkpoint (cursor + ids so far) is heartbeated after every
 * page, so a retried attempt goes on from the last page instead of starting over.
 */
export async function collectTmdbIds(ctx: IngestContext, input: CollectInput): Promise<CollectResult> {
  const rt = ctx.runtime();
  const tmdb = tmdbClientFromConfig(ctx.config, ctx.http());
  const segments = planSegments(input.plan);
  const resumed = rt.lastHeartbeat<Checkpoint>();
  const cp: Checkpoint = resumed ?? { cursor: input.cursor ?? START, ids: [], pages: 0, quarantined: 0 };
  const maxPages = ctx.config.pipeline.ingest.collectPagesPerActivity;
  const writer = ctx.writer(input.run.runId);
  const seen = new Set(cp.ids);
  let pagesThisCall = 0;
  let next: CollectCursor | null = null;

  outer: for (let s = cp.cursor.segment; s < segments.length; s++) {
    const from = s === cp.cursor.segment ? cp.cursor : { segment: s, chunk: cp.cursor.chunk };
    try {
      for await (const page of segmentPages(tmdb, segments[s], from, rt.signal)) {
        const rawKey = await ctx.raw().put({ source: 'tmdb', day: input.run.day, key: page.rawKey, body: page.raw, kind: 'json' });
        const bad: SilverRow[] = page.rejected.map((r) =>
          quarantineRow({
            source: 'tmdb',
            recordKey: `${page.rawKey}#${r.index}`,
            reason: `invalid_list_item: ${r.reason}`,
            rawObjectKey: rawKey,
            runId: input.run.runId,
            at: new Date(),
          }),
        );
        // Staged before the checkpoint moves past the page, so a crash cannot lose them.
        if (bad.length) await writer.stage('quarantine', bad);
        for (const id of page.ids) {
          if (seen.has(id)) continue;
          seen.add(id);
          cp.ids.push(id);
        }
        cp.pages += 1;
        cp.quarantined += bad.length;
        cp.cursor = { segment: s, chunk: cp.cursor.chunk, ...page.after };
        rt.heartbeat(cp);
        if (++pagesThisCall >= maxPages) {
          next = cp.cursor;
          break outer;
        }
      }
    } catch (err) {
      if (err instanceof ParseError) {
        // An unreadable page is usually a broken response: retry (from the checkpoint) rather
        // than skip the ids it holds; after the retries the run fails with this message.
        throw ApplicationFailure.create({ type: 'TmdbPageUnreadable', message: err.message, nonRetryable: false });
      }
      throw err;
    }
    cp.cursor = { segment: s + 1, chunk: cp.cursor.chunk };
  }

  const idsKey = runStateKey(input.run.runId, `tmdb-ids-${cp.cursor.chunk}.json`);
  await ctx.state().put(idsKey, { ids: cp.ids });
  return {
    idsKey,
    ids: cp.ids.length,
    pages: cp.pages,
    quarantined: cp.quarantined,
    next: next ? { ...next, chunk: next.chunk + 1 } : null,
  };
}

/** Every id of the run's chunks, once, in ascending order, as one document. */
export async function consolidateTmdbIds(ctx: IngestContext, input: { run: IngestRun; keys: string[] }): Promise<{ idsKey: string; total: number }> {
  const all = new Set<number>();
  for (const key of input.keys) {
    const doc = await ctx.state().get(key, idsDocument);
    if (!doc) throw ApplicationFailure.create({ type: 'StateMissing', message: `State document ${key} is missing`, nonRetryable: true });
    for (const id of doc.ids) all.add(id);
  }
  const ids = [...all].sort((a, b) => a - b);
  const idsKey = runStateKey(input.run.runId, 'tmdb-ids.json');
  await ctx.state().put(idsKey, { ids });
  return { idsKey, total: ids.length };
}
