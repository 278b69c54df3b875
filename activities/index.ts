import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { createSetupActivities } from './setup-activities';

/** The one factory a worker registers: every activity of the project, errors mapped to typed failures. */
export function createActivities(deps: ActivityDeps) {
  return withFailureMapping({
    ...createSetupActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps';
