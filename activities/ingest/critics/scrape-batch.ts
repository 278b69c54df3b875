import { ApplicationFailure } from '@temporalio/common';
import type { CriticSite } from '../../sources/records';
import type { IngestContext } from '../context';
import type { IngestRun, StageCounts } from '../types';
import { startOffset, type BatchCheckpoint } from './batch-offset';
import { candidateListSchema, type CandidateList } from './candidate-list';
import { checkMovie } from './check-movie';
import { outcomeRows } from './outcome-rows';
import { RequestMeter, withMeter } from './request-meter';
import { siteFetcher } from './site-fetchers';
import { SITE_PAGES } from './site-pages';
import { checkSite, siteSettings } from './site-settings';
import { StagedRows } from './staged-rows';

export interface ScrapeCriticsBatchInput {
  run: IngestRun;
  site: CriticSite;
  candidatesKey: string;
  offset: number;
}

export interface ScrapeCriticsBatchResult {
  /** Movies handled by this call (skipped ones included). */
  processed: number;
  /** HTTP requests this call made to the site (robots.txt included). */
  requests: number;
  /** Where the next batch starts; null when the list is done. */
  nextOffset: number | null;
  staged: StageCounts;
  quarantined: number;
  found: number;
  notFound: number;
  blocked: number;
  /** Movies left unrecorded because robots.txt was unavailable (selected again next run). */
  skipped: number;
}

/**
 * Staged rows are flushed every this many movies; the heartbeat only moves past flushed movies,
 * so a retry never skips a movie whose rows died with the failed attempt.
 */
export const FLUSH_EVERY = 25;

export async function scrapeCriticsBatch(ctx: IngestContext, input: ScrapeCriticsBatchInput, now: () => Date): Promise<ScrapeCriticsBatchResult> {
  const site = checkSite(input.site);
  const s = siteSettings(ctx, site);
  const { run } = input;
  const list = await loadCandidates(ctx, input.candidatesKey, run, site);
  const runtime = ctx.runtime();
  const first = startOffset(input.offset, runtime.lastHeartbeat<BatchCheckpoint>(), list.length);

  const meter = new RequestMeter();
  const fetcher = siteFetcher(ctx, site, s.userAgent);
  const writer = ctx.writer(run.runId);
  const rows = new StagedRows();
  const out: ScrapeCriticsBatchResult = { processed: 0, requests: 0, nextOffset: null, staged: rows.counts, quarantined: 0, found: 0, notFound: 0, blocked: 0, skipped: 0 };
  let next = first;
  let staged = first;

  const flush = async () => {
    await rows.flush(writer);
    staged = next;
    runtime.heartbeat({ offset: staged } satisfies BatchCheckpoint);
  };

  try {
    await withMeter(meter, async () => {
      // The budget is checked between movies: the movie in progress is always finished.
      while (next < list.length && meter.requests < s.requestsPerActivity) {
        const c = list[next];
        const checkedAt = now().toISOString();
        const outcome = await checkMovie(c, { fetcher, pages: SITE_PAGES[site], site, baseUrl: s.baseUrl, observedAt: checkedAt, meter, signal: runtime.signal });
        let rawObjectKey: string | null = null;
        if ((outcome.status === 'found' || outcome.status === 'error') && outcome.body !== null) {
          // Same key for the same movie and day: a retry overwrites.
          rawObjectKey = await ctx.raw().put({ source: site, day: run.day, key: `movie-${c.tmdbId}`, body: outcome.body, kind: 'html' });
        }
        rows.add(outcomeRows(outcome, { tmdbId: c.tmdbId, site, runId: run.runId, day: run.day, checkedAt, rawObjectKey }));
        if (outcome.status === 'found') out.found++;
        else if (outcome.status === 'not_found') out.notFound++;
        else if (outcome.status === 'blocked_by_robots') out.blocked++;
        else if (outcome.status === 'error') out.quarantined++;
        else {
          out.skipped++;
          ctx.log.warn(`critics ${site}: robots.txt unavailable, movie ${c.tmdbId} left for the next run`, { site, tmdbId: c.tmdbId });
        }
        next++;
        out.processed++;
        if (rows.movies >= FLUSH_EVERY) await flush();
        else runtime.heartbeat({ offset: staged } satisfies BatchCheckpoint);
      }
      await flush();
    });
  } catch (err) {
    // Keep what was checked before the failure, so the retry resumes after it.
    if (rows.movies > 0) await flush().catch(() => undefined);
    throw err;
  }

  out.requests = meter.requests;
  out.nextOffset = next < list.length ? next : null;
  ctx.log.info(`critics ${site}: checked ${out.processed} movies with ${out.requests} requests`, {
    site,
    processed: out.processed,
    requests: out.requests,
    found: out.found,
    notFound: out.notFound,
    blocked: out.blocked,
    quarantined: out.quarantined,
    skipped: out.skipped,
  });
  return out;
}

async function loadCandidates(ctx: IngestContext, key: string, run: IngestRun, site: CriticSite): Promise<CandidateList['candidates']> {
  const doc = await ctx.state().get(key, candidateListSchema);
  if (!doc) {
    throw ApplicationFailure.create({ type: 'CriticCandidatesMissing', message: `No critic candidate list at ${key}`, nonRetryable: true });
  }
  if (doc.site !== site || doc.runId !== run.runId) {
    throw ApplicationFailure.create({
      type: 'CriticCandidatesMismatch',
      message: `Critic candidate list ${key} belongs to ${doc.site} of another run, not ${site} of this one`,
      nonRetryable: true,
    });
  }
  return doc.candidates;
}
