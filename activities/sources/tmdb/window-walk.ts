import { HttpLogEvent } from '../http/http-client';
import { Fetched } from '../http/fetched';
import { addDays, DateWindow, daysBetween, halveWindow } from './date-windows';

/** TMDB refuses page > 500 whatever total_pages says. */
export const DEFAULT_MAX_PAGE = 500;

/** Where a date-windowed walk is: checkpoint it after processing a page, pass it back to resume. */
export interface WindowCursor {
  from: string;
  to: string;
  page: number;
}

export interface WindowPage<T> {
  /** The (possibly split) window this page belongs to. */
  window: DateWindow;
  page: number;
  /** min(total_pages, 500) of this window (500 = the client's maxPage). */
  lastPage: number;
  /** The window is a single day with more than 500 pages: the rest is unreachable. */
  truncated: boolean;
  cursor: WindowCursor;
  fetched: Fetched<T>;
}

interface PageLike {
  page: number;
  totalPages: number;
  items: unknown[];
}

export interface WalkOptions<T extends PageLike> {
  window: DateWindow;
  resume?: WindowCursor;
  fetchPage: (w: DateWindow, page: number) => Promise<Fetched<T>>;
  emit: (e: HttpLogEvent) => void;
  what: string;
  /** Highest fetchable page (500 on TMDB; lower only to test splitting against the sandbox). */
  maxPage?: number;
}

/**
 * Walks every page of a date window, in chronological windows: a window whose total_pages exceeds
 * 500 is halved recursively (its page 1 is discarded: one request per split); a single day over
 * the cap yields its first 500 pages flagged `truncated`.
 * On resume the checkpointed window is finished first (pages after the cursor), then the rest of
 * the window is walked again from the day after it.
 */
export async function* walkWindow<T extends PageLike>(o: WalkOptions<T>): AsyncGenerator<WindowPage<T>> {
  const maxPage = o.maxPage ?? DEFAULT_MAX_PAGE;
  const r = o.resume;
  const inside = r && daysBetween(o.window.from, r.from) >= 0 && daysBetween(r.from, o.window.to) >= 0;
  if (!r || !inside) {
    yield* split(o.window, o);
    return;
  }
  const resumed: DateWindow = { from: r.from, to: daysBetween(r.to, o.window.to) < 0 ? o.window.to : r.to };
  if (r.page < maxPage) yield* pages(resumed, r.page + 1, undefined, o);
  if (daysBetween(resumed.to, o.window.to) > 0) yield* split({ from: addDays(resumed.to, 1), to: o.window.to }, o);
}

async function* split<T extends PageLike>(w: DateWindow, o: WalkOptions<T>): AsyncGenerator<WindowPage<T>> {
  const maxPage = o.maxPage ?? DEFAULT_MAX_PAGE;
  const first = await o.fetchPage(w, 1);
  const total = first.parsed.totalPages;
  if (total > maxPage) {
    const halves = halveWindow(w);
    if (halves) {
      o.emit({ level: 'info', msg: `${o.what} ${w.from}..${w.to}: ${total} pages > ${maxPage}, splitting the window`, totalPages: total });
      for (const half of halves) yield* split(half, o);
      return;
    }
    o.emit({
      level: 'warn',
      msg: `${o.what} ${w.from}: a single day has ${total} pages > ${maxPage}; taking the first ${maxPage} (rest unreachable)`,
      totalPages: total,
      truncated: true,
    });
  }
  yield* pages(w, 1, first, o);
}

async function* pages<T extends PageLike>(
  w: DateWindow,
  startPage: number,
  first: Fetched<T> | undefined,
  o: WalkOptions<T>,
): AsyncGenerator<WindowPage<T>> {
  const maxPage = o.maxPage ?? DEFAULT_MAX_PAGE;
  let page = startPage;
  let fetched = first ?? (await o.fetchPage(w, page));
  for (;;) {
    const total = fetched.parsed.totalPages;
    const lastPage = Math.min(total, maxPage);
    // Resumed past the end (the window shrank since the checkpoint): nothing to hand out.
    if (page > 1 && page > total && fetched.parsed.items.length === 0) return;
    yield { window: w, page, lastPage, truncated: total > maxPage, cursor: { from: w.from, to: w.to, page }, fetched };
    if (page >= lastPage || fetched.parsed.items.length === 0) return;
    page++;
    fetched = await o.fetchPage(w, page);
  }
}
