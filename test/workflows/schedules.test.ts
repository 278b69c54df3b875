import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig, type LoadedConfig } from '../../config';
import { applySchedules, listSchedules, managedScheduleIds, scheduledWorkflowId } from '../../activities/schedules';
import { run } from '../../scripts/commands/schedules';
import { createTestEnv } from './test-env';

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  return {
    stream: new Writable({
      write(chunk, _enc, cb) {
        buf += String(chunk);
        cb();
      },
    }),
    text: () => buf,
  };
}

/** Visibility (what list() reads) trails the schedule store a little on the dev server. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('schedules (real Temporal dev server)', () => {
  let env: TestWorkflowEnvironment;
  let base: LoadedConfig;

  const withSchedules = (schedules: LoadedConfig['pipeline']['schedules']): LoadedConfig => ({
    ...base,
    pipeline: { ...base.pipeline, schedules },
  });

  async function cli(args: string[], config: LoadedConfig = base) {
    const out = sink();
    const err = sink();
    const code = await run(args, { config, client: env.client, out: out.stream, err: err.stream });
    return { code, out: out.text(), err: err.text() };
  }

  beforeAll(async () => {
    env = await createTestEnv();
    base = loadConfig();
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  test('apply is idempotent: create, unchanged, update, delete; a foreign schedule is left alone', async () => {
    const client = env.client;
    await client.schedule.create({
      scheduleId: 'someone-elses',
      spec: { cronExpressions: ['0 3 * * *'] },
      action: { type: 'startWorkflow', workflowType: 'Other', taskQueue: 'other' },
    });

    const first = await applySchedules(client, base.pipeline);
    expect(first).toEqual({ created: ['daily-ingest', 'enrich-omdb', 'scrape-critics'], updated: [], unchanged: [], deleted: [] });

    const desc = await client.schedule.getHandle('daily-ingest').describe();
    expect(desc.memo).toEqual({ managedBy: 'movie-ratings-lakehouse' });
    expect(desc.action).toMatchObject({ workflowType: 'DailyIngest', taskQueue: base.pipeline.temporal.taskQueue, workflowId: scheduledWorkflowId('daily-ingest'), args: [] });
    expect(desc.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 3_600_000 });
    expect(desc.spec.timezone).toBe('UTC');
    expect(desc.state.paused).toBe(false);
    expect(desc.info.nextActionTimes[0].getUTCHours()).toBe(2);

    const again = await applySchedules(client, base.pipeline);
    expect(again).toEqual({ created: [], updated: [], unchanged: ['daily-ingest', 'enrich-omdb', 'scrape-critics'], deleted: [] });

    const changed = base.pipeline.schedules.map((s) => (s.id === 'enrich-omdb' ? { ...s, cron: '30 4 * * *' } : s));
    const upd = await applySchedules(client, { ...base.pipeline, schedules: changed });
    expect(upd).toEqual({ created: [], updated: ['enrich-omdb'], unchanged: ['daily-ingest', 'scrape-critics'], deleted: [] });
    const enrich = await client.schedule.getHandle('enrich-omdb').describe();
    expect(enrich.info.nextActionTimes[0].getUTCMinutes()).toBe(30);
    expect((await applySchedules(client, { ...base.pipeline, schedules: changed })).unchanged).toHaveLength(3);

    // Deletion goes through list(), which reads visibility: wait until it sees our schedules.
    await eventually(() => managedScheduleIds(client), (ids) => ids.length === 3);
    const fewer = changed.filter((s) => s.id !== 'scrape-critics');
    const del = await applySchedules(client, { ...base.pipeline, schedules: fewer });
    expect(del).toEqual({ created: [], updated: [], unchanged: ['daily-ingest', 'enrich-omdb'], deleted: ['scrape-critics'] });
    await expect(client.schedule.getHandle('scrape-critics').describe()).rejects.toThrow();
    expect((await client.schedule.getHandle('someone-elses').describe()).action.workflowType).toBe('Other');

    // Back to the declared config through the CLI.
    const res = await cli(['apply']);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain('1 created (scrape-critics), 1 updated (enrich-omdb), 1 unchanged (daily-ingest), 0 deleted');
  });

  test('an unmarked schedule holding a declared id is reported, not overwritten', async () => {
    await env.client.schedule.create({
      scheduleId: 'taken',
      spec: { cronExpressions: ['0 3 * * *'] },
      action: { type: 'startWorkflow', workflowType: 'Other', taskQueue: 'other' },
    });
    const cfg = withSchedules([...base.pipeline.schedules, { ...base.pipeline.schedules[0], id: 'taken' }]);
    const res = await cli(['apply'], cfg);
    expect(res.code).toBe(1);
    expect(res.err).toContain('taken already exists but was not created by this project');
    expect((await env.client.schedule.getHandle('taken').describe()).action.workflowType).toBe('Other');
    await env.client.schedule.getHandle('taken').delete();
  });

  test('pause / unpause are reflected in describe(); apply keeps an operator pause', async () => {
    await applySchedules(env.client, base.pipeline);
    const h = env.client.schedule.getHandle('enrich-omdb');

    expect(await cli(['pause', 'enrich-omdb', '--note', 'OMDb key rotated'])).toMatchObject({ code: 0 });
    expect((await h.describe()).state).toMatchObject({ paused: true, note: 'OMDb key rotated' });

    expect((await applySchedules(env.client, base.pipeline)).unchanged).toContain('enrich-omdb');
    expect((await h.describe()).state.paused).toBe(true);

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/enrich-omdb\s+EnrichOmdb\s+0 4 \* \* \* UTC\s+yes \(OMDb key rotated\)/);
    expect(list.out).toMatch(/daily-ingest\s+DailyIngest\s+0 2 \* \* \* UTC\s+no\s+\d{4}-\d\d-\d\dT02:00:00.000Z\s+none/);

    expect(await cli(['unpause', 'enrich-omdb'])).toMatchObject({ code: 0 });
    expect((await h.describe()).state.paused).toBe(false);

    // `paused: true` in the config does pause on apply.
    const pausedCfg = base.pipeline.schedules.map((s) => (s.id === 'enrich-omdb' ? { ...s, paused: true } : s));
    expect((await applySchedules(env.client, { ...base.pipeline, schedules: pausedCfg })).updated).toEqual(['enrich-omdb']);
    expect((await h.describe()).state.paused).toBe(true);
    await h.unpause();
  });

  test('trigger starts the workflow; backfill is accepted; list shows the last run', async () => {
    await applySchedules(env.client, base.pipeline);
    const res = await cli(['trigger', 'daily-ingest']);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain('triggered DailyIngest');

    const h = env.client.schedule.getHandle('daily-ingest');
    const desc = await eventually(() => h.describe(), (d) => d.info.recentActions.length > 0);
    const started = desc.info.recentActions[0].action.workflow;
    expect(started.workflowId.startsWith(`${scheduledWorkflowId('daily-ingest')}-`)).toBe(true);
    const wf = env.client.workflow.getHandle(started.workflowId, started.firstExecutionRunId);
    expect((await wf.describe()).type).toBe('DailyIngest');

    const rows = await listSchedules(env.client, base.pipeline);
    expect(rows.find((r) => r.id === 'daily-ingest')?.lastRun).toMatch(/^RUNNING/);
    // No DailyIngest worker exists in this test: end the run so it does not linger.
    await wf.terminate('schedules test');

    const bf = await cli(['backfill', 'scrape-critics', '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-03T00:00:00Z']);
    expect(bf).toMatchObject({ code: 0, err: '' });
    expect(bf.out).toContain('backfill 2026-11-01T00:00:00.000Z .. 2026-11-03T00:00:00.000Z accepted (overlap BUFFER_ALL)');
    const sc = await eventually(
      () => env.client.schedule.getHandle('scrape-critics').describe(),
      (d) => d.info.numActionsTaken >= 1,
    );
    expect(sc.info.numActionsTaken).toBeGreaterThanOrEqual(1);
    for (const a of sc.info.runningActions) await env.client.workflow.getHandle(a.workflow.workflowId).terminate('schedules test');
  });

  test('unknown ids exit 1 and name the existing ones; bad arguments exit 2', async () => {
    await applySchedules(env.client, base.pipeline);
    await eventually(() => managedScheduleIds(env.client), (ids) => ids.length === 3);
    const unknown = await cli(['pause', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No schedule "nope" of this project. Existing: daily-ingest, enrich-omdb, scrape-critics.');
    // A foreign schedule is not the project's to operate on.
    expect((await cli(['trigger', 'someone-elses'])).code).toBe(1);

    for (const args of [[], ['frobnicate'], ['pause'], ['backfill', 'daily-ingest', '--from', 'yesterday', '--to', '2026-11-02'], ['list', '--note', 'x']]) {
      const r = await cli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain('usage: npm run cli -- schedules');
    }
  });

  test('the CLI entry point exits 2 on bad arguments (one real spawn)', () => {
    const root = join(__dirname, '..', '..');
    const r = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/cli.ts', 'schedules', 'pause'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pause needs a schedule id');
  });
});
