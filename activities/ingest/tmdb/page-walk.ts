import type { TmdbClient } from '../../sources/tmdb/client';
import type { Rejected } from '../../sources/tmdb/parse';
import { pageRawKey, type CollectCursor, type Segment } from './segments';

/** One page of a segment, reduced to what collection keeps. */
export interface CollectedPage {
  rawKey: string;
  raw: string;
  /** Movie ids on the page (adult titles left out, as discover does by default). */
  ids: number[];
  rejected: Rejected[];
  /** Where to resume after this page (same segment). */
  after: Pick<CollectCursor, 'window' | 'page'>;
}

/** The pages of one segment from a checkpoint (exclusive) on. */
export async function* segmentPages(
  tmdb: TmdbClient,
  s: Segment,
  from: Pick<CollectCursor, 'window' | 'page'>,
  signal?: AbortSignal,
): AsyncGenerator<CollectedPage> {
  if (s.kind === 'list') {
    const start = (from.page ?? 0) + 1;
    if (start > s.pages) return;
    for await (const p of tmdb.listPages(s.list, { startPage: start, signal })) {
      const items = p.fetched.parsed.items;
      yield {
        rawKey: pageRawKey(s, null, p.page),
        raw: p.fetched.raw,
        ids: items.filter((i) => i.adult !== true).map((i) => i.tmdbId),
        rejected: p.fetched.parsed.rejected,
        after: { page: p.page },
      };
      if (p.page >= s.pages) return;
    }
    return;
  }
  const walk =
    s.kind === 'changes'
      ? tmdb.changesPages(s.window, { resume: from.window, signal })
      : tmdb.discoverPages({ from: s.window.from, to: s.window.to }, { resume: from.window, signal });
  for await (const p of walk) {
    const items = p.fetched.parsed.items as { tmdbId: number; adult: boolean | null }[];
    yield {
      rawKey: pageRawKey(s, p.window, p.page),
      raw: p.fetched.raw,
      ids: items.filter((i) => i.adult !== true).map((i) => i.tmdbId),
      rejected: p.fetched.parsed.rejected,
      after: { window: p.cursor },
    };
  }
}
