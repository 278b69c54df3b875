/**
 * `npm run cli -- schedules apply | list | pause <id> [--note TEXT] | unpause <id> [--note TEXT]
 *  | trigger <id> [--overlap P] | backfill <id> --from ISO --to ISO [--overlap P]`
 * Exit 0 ok, 1 Temporal or operation failure, 2 bad arguments or config.
 */
import { parseArgs } from 'node:util';
import type { Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { ConfigError, loadConfig, scheduleOverlapSchema, type LoadedConfig } from '../../config';
import {
  applySchedules,
  listSchedules,
  projectScheduleHandle,
  ScheduleConflictError,
  summarize,
  UnknownScheduleError,
  type ScheduleRow,
} from '../../activities/schedules';
import { EXIT } from '../exit-codes';
import { connectClient } from '../temporal-client';

export const USAGE = `usage: npm run cli -- schedules <subcommand>
  apply                                   create or update the declared schedules, delete undeclared ones
  list [--json]                           id, workflow, cron, paused, next run, last run status
  pause <id> [--note TEXT]                pause one schedule
  unpause <id> [--note TEXT]              resume one schedule
  trigger <id> [--overlap POLICY]         start its workflow now
  backfill <id> --from ISO --to ISO [--overlap POLICY]   start the runs it would have made between from and to
POLICY: ${scheduleOverlapSchema.options.join(' | ')} (backfill default BUFFER_ALL: each run in turn)
`;

export type ScheduleCommand =
  | { kind: 'apply' }
  | { kind: 'list'; json: boolean }
  | { kind: 'pause' | 'unpause'; id: string; note?: string }
  | { kind: 'trigger'; id: string; overlap?: ScheduleOverlapPolicy }
  | { kind: 'backfill'; id: string; from: Date; to: Date; overlap: ScheduleOverlapPolicy };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function parseDate(flag: string, value: string | undefined): Date {
  if (value === undefined) throw new UsageError(`backfill needs --${flag} <ISO date or time>`);
  // Only ISO 8601 forms: Date.parse would also take locale formats that mean different things.
  const d = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${flag} "${value}" is not an ISO date or time (e.g. 2026-11-01 or 2026-11-01T02:00:00Z)`);
  return d;
}

function parseOverlap(value: string | undefined): ScheduleOverlapPolicy | undefined {
  if (value === undefined) return undefined;
  const p = scheduleOverlapSchema.safeParse(value.toUpperCase());
  if (!p.success) throw new UsageError(`--overlap "${value}" must be one of ${scheduleOverlapSchema.options.join(', ')}`);
  return p.data;
}

/** Pure argument parsing; throws UsageError with the reason. */
export function parseScheduleArgs(args: string[]): ScheduleCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        note: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        overlap: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [sub, id, ...extra] = positionals;
  if (!sub) throw new UsageError('missing subcommand');
  const allowed: Record<string, string[]> = {
    apply: [],
    list: ['json'],
    pause: ['note'],
    unpause: ['note'],
    trigger: ['overlap'],
    backfill: ['from', 'to', 'overlap'],
  };
  if (!(sub in allowed)) throw new UsageError(`unknown subcommand "${sub}"`);
  const stray = Object.keys(values).filter((k) => !allowed[sub].includes(k));
  if (stray.length) throw new UsageError(`${sub} does not take --${stray[0]}`);
  const needsId = sub !== 'apply' && sub !== 'list';
  if (needsId && !id) throw new UsageError(`${sub} needs a schedule id`);
  if (extra.length || (!needsId && id)) throw new UsageError(`unexpected argument "${needsId ? extra[0] : id}"`);

  switch (sub) {
    case 'apply':
      return { kind: 'apply' };
    case 'list':
      return { kind: 'list', json: values.json === true };
    case 'pause':
    case 'unpause':
      return { kind: sub, id, ...(values.note !== undefined ? { note: values.note } : {}) };
    case 'trigger': {
      const overlap = parseOverlap(values.overlap);
      return { kind: 'trigger', id, ...(overlap ? { overlap } : {}) };
    }
    default: {
      const from = parseDate('from', values.from);
      const to = parseDate('to', values.to);
      if (from >= to) throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
      return { kind: 'backfill', id, from, to, overlap: parseOverlap(values.overlap) ?? 'BUFFER_ALL' };
    }
  }
}

export interface RunDeps {
  /** Defaults: loadConfig() and a client from connectClient(config). Tests pass the dev server's. */
  config?: LoadedConfig;
  client?: Client;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

function formatRows(rows: ScheduleRow[]): string {
  const head = ['ID', 'WORKFLOW', 'CRON', 'PAUSED', 'NEXT RUN', 'LAST RUN'];
  const body = rows.map((r) => [
    r.id + (r.declared ? '' : ' (undeclared)'),
    r.workflow,
    `${r.cron} ${r.timezone}`,
    r.applied ? (r.paused ? `yes${r.note ? ` (${r.note})` : ''}` : 'no') : '-',
    r.applied ? (r.paused ? '-' : (r.nextRun?.toISOString() ?? '-')) : 'not applied: run `schedules apply`',
    r.lastRun,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body].map((cols) => cols.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

export async function run(args: string[], deps: RunDeps = {}): Promise<number> {
  const out = deps.out ?? process.stdout;
  const errOut = deps.err ?? process.stderr;
  let cmd: ScheduleCommand;
  try {
    cmd = parseScheduleArgs(args);
  } catch (err) {
    errOut.write(`schedules: ${(err as Error).message}\n${USAGE}`);
    return EXIT.USAGE;
  }
  let config: LoadedConfig;
  try {
    config = deps.config ?? loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      errOut.write(`${err.message}\n`);
      return EXIT.USAGE;
    }
    throw err;
  }

  const conn = deps.client ? undefined : await connectClient(config);
  const client = deps.client ?? conn!.client;
  try {
    return await execute(cmd, client, config, out);
  } catch (err) {
    if (err instanceof UnknownScheduleError || err instanceof ScheduleConflictError) {
      errOut.write(`schedules: ${err.message}\n`);
      return EXIT.FAILURE;
    }
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    errOut.write(`schedules ${cmd.kind}: ${(err as Error).message}${cause ? `: ${cause}` : ''}\n`);
    return EXIT.FAILURE;
  } finally {
    await conn?.connection.close();
  }
}

async function execute(cmd: ScheduleCommand, client: Client, config: LoadedConfig, out: NodeJS.WritableStream): Promise<number> {
  const p = config.pipeline;
  switch (cmd.kind) {
    case 'apply': {
      const r = await applySchedules(client, p);
      out.write(`schedules: ${summarize(r)}\n`);
      return EXIT.OK;
    }
    case 'list': {
      const rows = await listSchedules(client, p);
      out.write(cmd.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length ? formatRows(rows) : 'No schedules declared or applied.\n');
      return EXIT.OK;
    }
    case 'pause':
    case 'unpause': {
      const { handle } = await projectScheduleHandle(client, cmd.id);
      const note = cmd.note ?? `${cmd.kind}d with npm run cli -- schedules ${cmd.kind}`;
      await (cmd.kind === 'pause' ? handle.pause(note) : handle.unpause(note));
      out.write(`${cmd.id}: ${cmd.kind}d (note: ${note})\n`);
      return EXIT.OK;
    }
    case 'trigger': {
      const { handle, description } = await projectScheduleHandle(client, cmd.id);
      await handle.trigger(cmd.overlap);
      const overlap = cmd.overlap ?? description.policies.overlap;
      out.write(
        `${cmd.id}: triggered ${description.action.workflowType} (overlap ${overlap}` +
          `${overlap === 'SKIP' ? ': skipped if a run is still going' : ''}); its workflow id starts with ${description.action.workflowId}-\n` +
          `Web UI: ${p.temporal.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(client.options.namespace)}/schedules/${encodeURIComponent(cmd.id)}\n`,
      );
      return EXIT.OK;
    }
    case 'backfill': {
      const { handle } = await projectScheduleHandle(client, cmd.id);
      await handle.backfill({ start: cmd.from, end: cmd.to, overlap: cmd.overlap });
      out.write(`${cmd.id}: backfill ${cmd.from.toISOString()} .. ${cmd.to.toISOString()} accepted (overlap ${cmd.overlap})\n`);
      return EXIT.OK;
    }
  }
}
