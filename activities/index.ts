import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { createIngestContext } from './ingest/context';
import { createCriticActivities } from './ingest/critics';
import { createLedgerActivities } from './ingest/ledger-activities';
import { createOmdbActivities } from './ingest/omdb';
import { createTmdbActivities } from './ingest/tmdb';
import { createScheduleActivities } from './schedules/apply-activity';
import { createSetupActivities } from './setup-activities';

/**
 * The one factory a worker registers: every activity of the project, errors mapped to typed
 * failures. Which of them a worker actually runs depends on its task queue (workers/).
 */
export function createActivities(deps: ActivityDeps) {
  // One ingestion context per worker process: its HTTP client holds the per-site rate limiters.
  const ingest = deps.ingest ?? createIngestContext(deps.config, deps.log);
  return withFailureMapping({
    ...createSetupActivities(deps),
    ...createScheduleActivities(deps),
    ...createLedgerActivities(ingest),
    ...createTmdbActivities(ingest),
    ...createOmdbActivities(ingest),
    ...createCriticActivities(ingest),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
