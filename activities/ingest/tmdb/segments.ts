import type { TmdbList } from '../../sources/tmdb/client';
import type { DateWindow } from '../../sources/tmdb/date-windows';
import type { WindowCursor } from '../../sources/tmdb/window-walk';
import type { IngestPlan } from './plan';

/** The page walks of a plan, in order: changes, new releases, then each list. */
export type Segment =
  | { kind: 'changes'; window: DateWindow }
  | { kind: 'discover'; window: DateWindow }
  | { kind: 'list'; list: TmdbList; pages: number };

export function planSegments(plan: IngestPlan): Segment[] {
  const out: Segment[] = [];
  if (plan.window && plan.changes) out.push({ kind: 'changes', window: plan.window });
  if (plan.window && plan.releases) out.push({ kind: 'discover', window: plan.window });
  for (const list of plan.lists) out.push({ kind: 'list', list, pages: plan.listPages });
  return out;
}

/** Where collection stands: the segment, and inside it the last page processed. */
export interface CollectCursor {
  segment: number;
  /** Window walks (changes, discover): the cursor of the last page processed. */
  window?: WindowCursor;
  /** Lists: the last page processed. */
  page?: number;
  /** Index of the next id chunk document. */
  chunk: number;
}

export const START: CollectCursor = { segment: 0, chunk: 0 };

/** Deterministic raw key of a page, so a retry overwrites it. */
export function pageRawKey(s: Segment, w: DateWindow | null, page: number): string {
  if (s.kind === 'list') return `list-${s.list}-p${page}`;
  return `${s.kind}-${w!.from}-${w!.to}-p${page}`;
}
