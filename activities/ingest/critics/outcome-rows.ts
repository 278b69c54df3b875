import type { CriticSite } from '../../sources/records';
import { criticPageRow, quarantineRow, ratingObservationRow, type SilverRow } from '../../warehouse/silver';
import type { MovieOutcome } from './check-movie';

/** Silver rows one movie's check becomes; `raw` is the stored page's key when a page was kept. */
export interface OutcomeRows {
  critic_pages: SilverRow[];
  rating_observations: SilverRow[];
  quarantine: SilverRow[];
}

export interface OutcomeContext {
  tmdbId: number;
  site: CriticSite;
  runId: string;
  /** The run's day: observed_on of the observations. */
  day: string;
  /** ISO instant of the check: checked_at, and the quarantine time. */
  checkedAt: string;
  rawObjectKey: string | null;
}

export function outcomeRows(o: MovieOutcome, c: OutcomeContext): OutcomeRows {
  const out: OutcomeRows = { critic_pages: [], rating_observations: [], quarantine: [] };
  const page = (status: 'found' | 'not_found' | 'blocked_by_robots' | 'error', url: string | null, matchConfidence: number | null) =>
    criticPageRow({ tmdbId: c.tmdbId, site: c.site, url, matchConfidence, status, checkedAt: c.checkedAt }, { runId: c.runId, rawObjectKey: c.rawObjectKey });
  switch (o.status) {
    case 'found':
      // Nothing in silver exists without its raw object.
      if (!c.rawObjectKey) throw new Error(`critic page of movie ${c.tmdbId} was found but not stored`);
      out.critic_pages.push(page('found', o.url, o.confidence));
      for (const obs of o.observations) {
        out.rating_observations.push(ratingObservationRow(c.tmdbId, obs, { runId: c.runId, rawObjectKey: c.rawObjectKey, observedOn: c.day }));
      }
      break;
    case 'not_found':
      out.critic_pages.push(page('not_found', null, null));
      break;
    case 'blocked_by_robots':
      out.critic_pages.push(page('blocked_by_robots', o.url, null));
      break;
    case 'error':
      out.critic_pages.push(page('error', o.url, null));
      out.quarantine.push(
        quarantineRow({ source: c.site, recordKey: String(c.tmdbId), reason: o.reason, rawObjectKey: c.rawObjectKey, runId: c.runId, at: c.checkedAt }),
      );
      break;
    case 'robots_unavailable':
      // Nothing is recorded: a robots.txt outage is the site's state today, not a fact about the
      // movie. A blocked_by_robots or error row would hide the movie for recheckAfterDays (and
      // replace a found page); without a row, the next run simply selects it again.
      break;
  }
  return out;
}
