import { PlanError, planIngest, type PlanSettings } from '../../../activities/ingest/tmdb/plan';
import type { TmdbList } from '../../../activities/sources/tmdb/client';

const LISTS: TmdbList[] = ['popular', 'top_rated', 'now_playing'];
const settings = (over: Partial<PlanSettings> = {}): PlanSettings => ({
  lastWindowEnd: null,
  initialLookbackDays: 7,
  lists: LISTS,
  listPages: 3,
  ...over,
});

function planError(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlanError);
    return err as PlanError;
  }
  throw new Error('expected a PlanError, nothing was thrown');
}

describe('planIngest: incremental', () => {
  it('first run (no watermark) reads [day - initialLookbackDays, day - 1], changes, releases and lists', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings());
    expect(plan).toEqual({
      mode: 'incremental',
      day: '2024-03-10',
      window: { from: '2024-03-03', to: '2024-03-09' },
      changes: true,
      releases: true,
      lists: LISTS,
      listPages: 3,
      watermark: '2024-03-10',
    });
  });

  it('first-run window crosses month, leap-day and year boundaries', () => {
    expect(planIngest({ mode: 'incremental', day: '2024-03-01' }, settings({ initialLookbackDays: 2 })).window).toEqual({
      from: '2024-02-28',
      to: '2024-02-29',
    });
    expect(planIngest({ mode: 'incremental', day: '2025-01-01' }, settings({ initialLookbackDays: 1 })).window).toEqual({
      from: '2024-12-31',
      to: '2024-12-31',
    });
  });

  it('a lookback of 0 days leaves no complete day: no window, no watermark, lists only', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ initialLookbackDays: 0 }));
    expect(plan).toMatchObject({ window: null, changes: false, releases: false, watermark: null, lists: LISTS });
  });

  it('with a watermark, reads from the day after lastWindowEnd up to yesterday; watermark = day after the window', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ lastWindowEnd: '2024-03-05', initialLookbackDays: 30 }));
    expect(plan.window).toEqual({ from: '2024-03-06', to: '2024-03-09' });
    expect(plan.watermark).toBe('2024-03-10');
    expect(plan.changes).toBe(true);
    expect(plan.releases).toBe(true);
  });

  it('a watermark of the day before yesterday reads exactly yesterday', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-01-01' }, settings({ lastWindowEnd: '2023-12-30' }));
    expect(plan.window).toEqual({ from: '2023-12-31', to: '2023-12-31' });
    expect(plan.watermark).toBe('2024-01-01');
  });

  it('a watermark that already covers yesterday gives no window (lists only) and no new watermark', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ lastWindowEnd: '2024-03-09' }));
    expect(plan).toEqual({
      mode: 'incremental',
      day: '2024-03-10',
      window: null,
      changes: false,
      releases: false,
      lists: LISTS,
      listPages: 3,
      watermark: null,
    });
  });

  it('a watermark in the future (clock skew, a re-run of an old day) also gives no window', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ lastWindowEnd: '2024-03-20' }));
    expect(plan.window).toBeNull();
    expect(plan.watermark).toBeNull();
  });

  it('listPages 0 reads no lists, whatever lists are configured', () => {
    const plan = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ listPages: 0 }));
    expect(plan.lists).toEqual([]);
    expect(plan.listPages).toBe(0);
    expect(plan.window).not.toBeNull();
  });

  it('the same input gives the same plan (deterministic)', () => {
    const a = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ lastWindowEnd: '2024-03-01' }));
    const b = planIngest({ mode: 'incremental', day: '2024-03-10' }, settings({ lastWindowEnd: '2024-03-01' }));
    expect(a).toEqual(b);
  });

  it.each([
    [{ from: '2024-01-01' }],
    [{ to: '2024-01-31' }],
    [{ from: '2024-01-01', to: '2024-01-31' }],
  ])('rejects from/to in incremental mode (%j)', (range) => {
    const err = planError(() => planIngest({ mode: 'incremental', day: '2024-03-10', ...range }, settings()));
    expect(err.message).toMatch(/from\/to are for backfill/);
  });
});

describe('planIngest: backfill', () => {
  it('reads releases over [from, to]: no changes, no lists, no watermark', () => {
    const plan = planIngest({ mode: 'backfill', day: '2024-03-10', from: '2020-01-01', to: '2020-12-31' }, settings({ lastWindowEnd: '2024-03-01' }));
    expect(plan).toEqual({
      mode: 'backfill',
      day: '2024-03-10',
      window: { from: '2020-01-01', to: '2020-12-31' },
      changes: false,
      releases: true,
      lists: [],
      listPages: 0,
      watermark: null,
    });
  });

  it('accepts a single-day range', () => {
    const plan = planIngest({ mode: 'backfill', day: '2024-03-10', from: '2024-02-29', to: '2024-02-29' }, settings());
    expect(plan.window).toEqual({ from: '2024-02-29', to: '2024-02-29' });
  });

  it.each([
    ['missing both', {}],
    ['missing to', { from: '2024-01-01' }],
    ['missing from', { to: '2024-01-31' }],
    ['empty strings', { from: '', to: '' }],
    ['not a date', { from: 'yesterday', to: '2024-01-31' }],
    ['impossible date', { from: '2024-01-01', to: '2023-02-29' }],
    ['wrong format', { from: '2024/01/01', to: '2024-01-31' }],
  ])('needs valid from and to dates (%s)', (_what, range) => {
    const err = planError(() => planIngest({ mode: 'backfill', day: '2024-03-10', ...range }, settings()));
    expect(err.message).toMatch(/backfill needs from and to dates \(YYYY-MM-DD\)/);
  });

  it('rejects a reversed range, naming it', () => {
    const err = planError(() => planIngest({ mode: 'backfill', day: '2024-03-10', from: '2024-02-01', to: '2024-01-31' }, settings()));
    expect(err.message).toBe('Backfill range ends before it starts: 2024-02-01..2024-01-31');
  });

  it('rejects an absurdly long range with the default limit (150 years), naming it', () => {
    const err = planError(() => planIngest({ mode: 'backfill', day: '2024-03-10', from: '1800-01-01', to: '2024-12-31' }, settings()));
    expect(err.message).toMatch(/^Backfill range 1800-01-01\.\.2024-12-31 is longer than 54900 days: split it/);
    // A century is fine with the default.
    expect(planIngest({ mode: 'backfill', day: '2024-03-10', from: '1924-01-01', to: '2023-12-31' }, settings()).window).toEqual({
      from: '1924-01-01',
      to: '2023-12-31',
    });
  });

  it('maxBackfillDays bounds the number of days in the range (inclusive)', () => {
    const s = settings({ maxBackfillDays: 31 });
    // January: 31 days → accepted; 32 days → refused.
    expect(planIngest({ mode: 'backfill', day: '2024-03-10', from: '2024-01-01', to: '2024-01-31' }, s).window).toEqual({
      from: '2024-01-01',
      to: '2024-01-31',
    });
    const err = planError(() => planIngest({ mode: 'backfill', day: '2024-03-10', from: '2024-01-01', to: '2024-02-01' }, s));
    expect(err.message).toMatch(/longer than 31 days/);
  });
});

describe('planIngest: run day', () => {
  it.each(['', '2024-13-01', '2024-02-30', '2023-02-29', '24-03-10', '2024-03-10T00:00:00Z', ' 2024-03-10'])(
    'rejects the invalid day %j in both modes',
    (day) => {
      expect(planError(() => planIngest({ mode: 'incremental', day }, settings())).message).toBe(
        `Invalid run day ${JSON.stringify(day)}: expected YYYY-MM-DD`,
      );
      expect(planError(() => planIngest({ mode: 'backfill', day, from: '2024-01-01', to: '2024-01-31' }, settings())).message).toMatch(
        /^Invalid run day/,
      );
    },
  );

  it('PlanError is an Error named PlanError', () => {
    const err = planError(() => planIngest({ mode: 'incremental', day: 'x' }, settings()));
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('PlanError');
  });
});
