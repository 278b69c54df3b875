import type { ScheduleDescription } from '@temporalio/client';
import { loadConfig, pipelineSchema, scheduleSchema } from '../../config';
import { buildScheduleOptions, cronWithComment, describedEssence, desiredEssence, summarize } from '../../activities/schedules';
import { parseScheduleArgs, UsageError } from '../../scripts/commands/schedules';

describe('schedules config', () => {
  test('the shipped config declares the three daily schedules with explicit policies', () => {
    const { schedules } = loadConfig({ env: {} }).pipeline;
    expect(schedules.map((s) => [s.id, s.workflow, s.cron])).toEqual([
      ['daily-ingest', 'DailyIngest', '0 2 * * *'],
      ['enrich-omdb', 'EnrichOmdb', '0 4 * * *'],
      ['scrape-critics', 'ScrapeCritics', '0 5 * * *'],
    ]);
    for (const s of schedules) expect(s).toMatchObject({ timezone: 'UTC', overlap: 'SKIP', catchupWindow: '1h', paused: false });
  });

  test('older entries without policies get the defaults', () => {
    expect(scheduleSchema.parse({ id: 'x', workflow: 'DailyIngest', cron: '0 2 * * *' })).toEqual({
      id: 'x',
      workflow: 'DailyIngest',
      cron: '0 2 * * *',
      timezone: 'UTC',
      overlap: 'SKIP',
      catchupWindow: '1h',
      paused: false,
    });
  });

  test.each([
    [{ cron: '0 2 * * * # c' }, 'cron'],
    [{ cron: '0 2 * * * *' }, 'cron'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ overlap: 'SOMETIMES' }, 'overlap'],
    [{ catchupWindow: 'an hour' }, 'catchupWindow'],
    [{ workflow: 'Nope' }, 'workflow'],
    [{ id: 'Daily_Ingest' }, 'id'],
  ])('rejects %j', (patch, key) => {
    const r = scheduleSchema.safeParse({ id: 'x', workflow: 'DailyIngest', cron: '0 2 * * *', ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual([key]);
  });

  test('duplicate ids are reported', () => {
    const doc = loadConfig({ env: {} }).pipeline;
    const r = pipelineSchema.safeParse({ ...doc, schedules: [doc.schedules[0], doc.schedules[0]] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('duplicate schedule id "daily-ingest"');
  });
});

describe('schedule spec building', () => {
  const decl = scheduleSchema.parse({ id: 'daily-ingest', workflow: 'DailyIngest', cron: '0  2 * * *', catchupWindow: '90m' });

  test('create options: cron with itself as comment, no input, deterministic id prefix, project memo', () => {
    expect(buildScheduleOptions(decl, 'lakehouse')).toEqual({
      scheduleId: 'daily-ingest',
      spec: { cronExpressions: ['0 2 * * * # 0 2 * * *'], timezone: 'UTC' },
      action: { type: 'startWorkflow', workflowType: 'DailyIngest', taskQueue: 'lakehouse', workflowId: 'schedule-daily-ingest', args: [] },
      policies: { overlap: 'SKIP', catchupWindow: '90m' },
      memo: { managedBy: 'movie-ratings-lakehouse' },
      state: { paused: false },
    });
    expect(cronWithComment(' */15 1-5 * * MON-FRI ')).toBe('*/15 1-5 * * MON-FRI # */15 1-5 * * MON-FRI');
  });

  const described = (over: Partial<{ comment: string; tz: string; overlap: string; catchup: number; tq: string }> = {}) =>
    ({
      spec: { calendars: [{ comment: over.comment ?? '0 2 * * *' }], intervals: [], skip: [], timezone: over.tz ?? 'UTC' },
      action: { type: 'startWorkflow', workflowType: 'DailyIngest', taskQueue: over.tq ?? 'lakehouse', workflowId: 'schedule-daily-ingest', args: [] },
      policies: { overlap: over.overlap ?? 'SKIP', catchupWindow: over.catchup ?? 5_400_000, pauseOnFailure: false },
    }) as unknown as ScheduleDescription;

  test('a description of the same declaration compares equal; any change does not', () => {
    const want = desiredEssence(decl, 'lakehouse');
    expect(describedEssence(described())).toEqual(want);
    for (const change of [{ comment: '0 3 * * *' }, { comment: '' }, { tz: 'Europe/Paris' }, { overlap: 'ALLOW_ALL' }, { catchup: 3_600_000 }, { tq: 'other' }]) {
      expect(describedEssence(described(change))).not.toEqual(want);
    }
  });

  test('summary line', () => {
    expect(summarize({ created: ['a'], updated: [], unchanged: ['b', 'c'], deleted: [] })).toBe('1 created (a), 0 updated, 2 unchanged (b, c), 0 deleted');
  });
});

describe('schedules arguments', () => {
  test.each([
    [['apply'], { kind: 'apply' }],
    [['list'], { kind: 'list', json: false }],
    [['list', '--json'], { kind: 'list', json: true }],
    [['pause', 'daily-ingest'], { kind: 'pause', id: 'daily-ingest' }],
    [['pause', 'daily-ingest', '--note', 'maintenance'], { kind: 'pause', id: 'daily-ingest', note: 'maintenance' }],
    [['unpause', 'daily-ingest'], { kind: 'unpause', id: 'daily-ingest' }],
    [['trigger', 'enrich-omdb'], { kind: 'trigger', id: 'enrich-omdb' }],
    [['trigger', 'enrich-omdb', '--overlap', 'allow_all'], { kind: 'trigger', id: 'enrich-omdb', overlap: 'ALLOW_ALL' }],
    [
      ['backfill', 'daily-ingest', '--from', '2026-11-01', '--to', '2026-11-03T00:00:00Z'],
      { kind: 'backfill', id: 'daily-ingest', from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), overlap: 'BUFFER_ALL' },
    ],
  ])('%j', (args, expected) => {
    expect(parseScheduleArgs(args)).toEqual(expected);
  });

  test.each([
    [[], 'missing subcommand'],
    [['frobnicate'], 'unknown subcommand "frobnicate"'],
    [['apply', 'extra'], 'unexpected argument "extra"'],
    [['pause'], 'pause needs a schedule id'],
    [['pause', 'a', 'b'], 'unexpected argument "b"'],
    [['unpause', 'a', '--from', '2026-01-01'], 'unpause does not take --from'],
    [['trigger', 'a', '--overlap', 'sometimes'], '--overlap "sometimes" must be one of'],
    [['backfill', 'a', '--to', '2026-11-02'], 'backfill needs --from'],
    [['backfill', 'a', '--from', '11/01/2026', '--to', '2026-11-02'], '--from "11/01/2026" is not an ISO date'],
    [['backfill', 'a', '--from', '2026-11-02', '--to', '2026-11-01'], 'must be before --to'],
    [['list', '--bogus'], "Unknown option '--bogus'"],
  ])('%j is refused', (args, message) => {
    expect(() => parseScheduleArgs(args)).toThrow(UsageError);
    expect(() => parseScheduleArgs(args)).toThrow(message);
  });
});
