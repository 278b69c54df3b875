import { planIngest, type IngestPlan } from '../../../activities/ingest/tmdb/plan';
import { pageRawKey, planSegments, START, type Segment } from '../../../activities/ingest/tmdb/segments';
import { rawObjectKey } from '../../../activities/storage/raw-store';
import type { TmdbList } from '../../../activities/sources/tmdb/client';

const LISTS: TmdbList[] = ['popular', 'top_rated', 'now_playing'];
const W = { from: '2024-03-03', to: '2024-03-09' };

const plan = (over: Partial<IngestPlan> = {}): IngestPlan => ({
  mode: 'incremental',
  day: '2024-03-10',
  window: W,
  changes: true,
  releases: true,
  lists: LISTS,
  listPages: 2,
  watermark: '2024-03-10',
  ...over,
});

describe('planSegments', () => {
  it('orders changes, then discover, then each list in configured order', () => {
    expect(planSegments(plan())).toEqual([
      { kind: 'changes', window: W },
      { kind: 'discover', window: W },
      { kind: 'list', list: 'popular', pages: 2 },
      { kind: 'list', list: 'top_rated', pages: 2 },
      { kind: 'list', list: 'now_playing', pages: 2 },
    ]);
    expect(planSegments(plan({ lists: ['now_playing', 'popular'] })).map((s) => (s.kind === 'list' ? s.list : s.kind))).toEqual([
      'changes',
      'discover',
      'now_playing',
      'popular',
    ]);
  });

  it('no window: lists only, even if changes/releases flags are set', () => {
    expect(planSegments(plan({ window: null, changes: true, releases: true }))).toEqual([
      { kind: 'list', list: 'popular', pages: 2 },
      { kind: 'list', list: 'top_rated', pages: 2 },
      { kind: 'list', list: 'now_playing', pages: 2 },
    ]);
  });

  it('follows the changes and releases flags independently', () => {
    expect(planSegments(plan({ changes: false, lists: [] }))).toEqual([{ kind: 'discover', window: W }]);
    expect(planSegments(plan({ releases: false, lists: [] }))).toEqual([{ kind: 'changes', window: W }]);
    expect(planSegments(plan({ changes: false, releases: false, lists: [] }))).toEqual([]);
  });

  it('works on real plans: a backfill is one discover walk; a caught-up incremental run is lists only', () => {
    const s = { lastWindowEnd: null, initialLookbackDays: 3, lists: LISTS, listPages: 1 };
    expect(planSegments(planIngest({ mode: 'backfill', day: '2024-03-10', from: '2020-01-01', to: '2020-12-31' }, s))).toEqual([
      { kind: 'discover', window: { from: '2020-01-01', to: '2020-12-31' } },
    ]);
    expect(planSegments(planIngest({ mode: 'incremental', day: '2024-03-10' }, { ...s, lastWindowEnd: '2024-03-09' })).map((x) => x.kind)).toEqual([
      'list',
      'list',
      'list',
    ]);
    expect(planSegments(planIngest({ mode: 'incremental', day: '2024-03-10' }, { ...s, listPages: 0 })).map((x) => x.kind)).toEqual([
      'changes',
      'discover',
    ]);
  });

  it('START is the first chunk of the first segment', () => {
    expect(START).toEqual({ segment: 0, chunk: 0 });
  });
});

describe('pageRawKey', () => {
  const changes: Segment = { kind: 'changes', window: W };
  const discover: Segment = { kind: 'discover', window: W };
  const list = (l: TmdbList): Segment => ({ kind: 'list', list: l, pages: 5 });

  it('names the segment, the (sub)window and the page', () => {
    expect(pageRawKey(changes, { from: '2024-03-03', to: '2024-03-09' }, 1)).toBe('changes-2024-03-03-2024-03-09-p1');
    // The window passed is the sub-window actually walked, not the segment's.
    expect(pageRawKey(discover, { from: '2024-03-03', to: '2024-03-05' }, 12)).toBe('discover-2024-03-03-2024-03-05-p12');
    expect(pageRawKey(list('top_rated'), null, 3)).toBe('list-top_rated-p3');
  });

  it('is deterministic, so a retry overwrites the same object', () => {
    expect(pageRawKey(discover, W, 7)).toBe(pageRawKey({ kind: 'discover', window: { ...W } }, { ...W }, 7));
    expect(pageRawKey(list('popular'), null, 2)).toBe(pageRawKey(list('popular'), null, 2));
  });

  it('distinct pages, windows, kinds and lists give distinct keys', () => {
    const keys = [
      pageRawKey(changes, W, 1),
      pageRawKey(changes, W, 2),
      pageRawKey(changes, W, 10),
      pageRawKey(discover, W, 1),
      pageRawKey(discover, { from: '2024-03-03', to: '2024-03-05' }, 1),
      pageRawKey(discover, { from: '2024-03-06', to: '2024-03-09' }, 1),
      ...LISTS.flatMap((l) => [pageRawKey(list(l), null, 1), pageRawKey(list(l), null, 11)]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every key is accepted by rawObjectKey', () => {
    const keys = [
      pageRawKey(changes, W, 1),
      pageRawKey(discover, { from: '1900-01-01', to: '2099-12-31' }, 500),
      ...LISTS.map((l) => pageRawKey(list(l), null, 500)),
    ];
    for (const key of keys) {
      expect(rawObjectKey('raw', { source: 'tmdb', day: '2024-03-10', key, kind: 'json' })).toBe(`raw/tmdb/dt=2024-03-10/${key}.json.gz`);
    }
  });
});
