import { CancellationScope, ContinueAsNew, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { IngestRun } from '../activities/ingest/types';
import type { CriticSite } from '../activities/sources/records';
import { addCounts, DEFAULT_HISTORY_LIMIT, runDay, shouldContinueAsNew, sourceActivities, warehouseActivities } from './ingest-common';
import { ProgressTracker } from './progress';
import type { SourceQueue } from './task-queues';

export interface ScrapeCriticsInput {
  day?: string;
  /** Default both sites. */
  sites?: CriticSite[];
  historyLimit?: number;
  /** Carried across continue-as-new; not for callers. */
  state?: ScrapeCriticsState;
}

interface SiteState {
  site: CriticSite;
  candidatesKey: string;
  total: number;
  /** null: the site is done. */
  offset: number | null;
}

export interface ScrapeCriticsState {
  run: IngestRun;
  startedAt: string;
  sites: SiteState[];
  counts: Record<string, number>;
  generation: number;
}

export interface ScrapeCriticsResult {
  runId: string;
  day: string;
  counts: Record<string, number>;
  merged: Record<string, number>;
  /** Runs of this workflow chained by continue-as-new (1 = none). */
  generations: number;
}

const warehouse = warehouseActivities();
const QUEUE: Record<CriticSite, SourceQueue> = { rotten_tomatoes: 'rotten-tomatoes', metacritic: 'metacritic' };

/**
 * Rotten Tomatoes and Metacritic side by side (different hosts, different queues): pick the
 * movies due a check, resolve or re-read their pages politely (robots.txt, one request per 2 s
 * per host), record found / not found / blocked pages with their match confidence and the
 * scores, then commit the run at once.
 */
export async function ScrapeCritics(input: ScrapeCriticsInput = {}): Promise<ScrapeCriticsResult> {
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const progress = new ProgressTracker('ScrapeCritics', 3);
  let s = input.state;
  if (!s) {
    progress.step('select candidates');
    const run: IngestRun = { runId: workflowInfo().firstExecutionRunId, workflow: 'ScrapeCritics', day: input.day ?? runDay() };
    const startedAt = workflowInfo().runStartTime.toISOString();
    await warehouse.recordIngestRun({ ...run, windowStart: null, windowEnd: null, startedAt, status: 'running' });
    const sites: SiteState[] = [];
    for (const site of input.sites ?? (['rotten_tomatoes', 'metacritic'] as CriticSite[])) {
      const c = await warehouse.selectCriticCandidates.executeWithOptions({ summary: `select movies for ${site}` }, [{ run, site }]);
      sites.push({ site, candidatesKey: c.candidatesKey, total: c.total, offset: c.total > 0 ? 0 : null });
    }
    s = { run, startedAt, sites, counts: {}, generation: 1 };
  }
  const st = s;
  progress.done(st.sites.map((x) => `${x.site}: ${x.total} movies`).join(', '));

  try {
    progress.step('scrape');
    const render = () =>
      progress.step(`scrape ${st.sites.map((x) => `${x.site} ${x.offset === null ? x.total : x.offset}/${x.total}`).join(', ')}`);
    let pause = false;
    // allSettled: when one site fails, the other's batch still finishes (and stages its rows)
    // before the failure path commits — nothing is staged after the commit.
    const outcomes = await Promise.allSettled(
      st.sites.map(async (site) => {
        const acts = sourceActivities(QUEUE[site.site]);
        while (site.offset !== null && !pause) {
          const r = await acts.scrapeCriticsBatch.executeWithOptions({ summary: `${site.site} from ${site.offset + 1} of ${site.total}` }, [
            { run: st.run, site: site.site, candidatesKey: site.candidatesKey, offset: site.offset },
          ]);
          addCounts(st.counts, {
            [`${site.site}_requests`]: r.requests,
            [`${site.site}_found`]: r.found,
            [`${site.site}_not_found`]: r.notFound,
            [`${site.site}_blocked`]: r.blocked,
            ...r.staged,
          });
          site.offset = r.nextOffset;
          render();
          // Both sites stop at their next batch boundary, then the run continues as new.
          if (shouldContinueAsNew(historyLimit)) pause = true;
        }
      }).map((p) =>
        p.catch((err) => {
          pause = true; // the other site stops at its next batch boundary
          throw err;
        }),
      ),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    if (pause && st.sites.some((x) => x.offset !== null)) {
      await continueAsNew<typeof ScrapeCritics>({ historyLimit: input.historyLimit, state: { ...st, generation: st.generation + 1 } });
    }
    progress.done();

    progress.step('commit');
    const commit = await warehouse.commitIngestRun.executeWithOptions({ summary: 'merge staged rows (one MERGE per table)' }, [st.run]);
    await warehouse.recordIngestRun({
      ...st.run,
      windowStart: null,
      windowEnd: null,
      startedAt: st.startedAt,
      status: 'succeeded',
      finishedAt: new Date().toISOString(),
      counts: st.counts,
    });
    progress.done();
    progress.finish();
    return { runId: st.run.runId, day: st.run.day, counts: st.counts, merged: commit.merged as Record<string, number>, generations: st.generation };
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    await CancellationScope.nonCancellable(async () => {
      await warehouse.commitIngestRun(st.run);
      await warehouse.recordIngestRun({ ...st.run, windowStart: null, windowEnd: null, startedAt: st.startedAt, status: 'failed', finishedAt: new Date().toISOString(), counts: st.counts });
    }).catch(() => undefined);
    throw err;
  }
}
