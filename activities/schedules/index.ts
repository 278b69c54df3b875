/**
 * Temporal schedules declared in config/pipeline.yaml: build, apply (create / update / delete),
 * list and operate on them. Client-side only: takes a @temporalio/client Client so that the CLI
 * and a FullSetup activity share it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Client, ScheduleDescription, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import type { PipelineConfig, ScheduleConfig } from '../../config/schema';

/** Memo set on create: the mark that makes a schedule "the project's" (memo cannot change later). */
export const MANAGED_MEMO = { managedBy: 'movie-ratings-lakehouse' } as const;

export type SchedulesConfig = Pick<PipelineConfig, 'schedules'> & { temporal: Pick<PipelineConfig['temporal'], 'taskQueue'> };

export interface ApplyResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  deleted: string[];
}

/** Prefix of the workflow ids the schedule starts; the server appends the scheduled time. */
export function scheduledWorkflowId(scheduleId: string): string {
  return `schedule-${scheduleId}`;
}

/**
 * The cron goes to the server with itself as a `# comment`: the server turns a cron string into
 * calendars and keeps only the comment verbatim, which is how describe() gives the cron back.
 */
export function cronWithComment(cron: string): string {
  const c = cron.trim().replace(/\s+/g, ' ');
  return `${c} # ${c}`;
}

/** The comparable essence of a schedule; equal essences mean `apply` has nothing to change. */
export interface ScheduleEssence {
  cron: string | undefined;
  timezone: string | undefined;
  workflowType: string;
  taskQueue: string | undefined;
  workflowId: string | undefined;
  args: unknown[];
  overlap: string | undefined;
  catchupWindowMs: number;
}

export function desiredEssence(decl: ScheduleConfig, taskQueue: string): ScheduleEssence {
  return {
    cron: decl.cron.trim().replace(/\s+/g, ' '),
    timezone: decl.timezone,
    workflowType: decl.workflow,
    taskQueue,
    workflowId: scheduledWorkflowId(decl.id),
    args: [],
    overlap: decl.overlap,
    catchupWindowMs: msToNumber(decl.catchupWindow as Duration),
  };
}

export function describedEssence(desc: ScheduleDescription): ScheduleEssence {
  const calendars = desc.spec.calendars ?? [];
  const onlyOneCron = calendars.length === 1 && !desc.spec.intervals?.length && !desc.spec.skip?.length;
  return {
    // Anything but exactly one commented calendar was not made by us: it never compares equal.
    cron: onlyOneCron ? calendars[0].comment || undefined : undefined,
    timezone: desc.spec.timezone || undefined,
    workflowType: desc.action.workflowType,
    taskQueue: desc.action.taskQueue,
    workflowId: desc.action.workflowId,
    args: [...(desc.action.args ?? [])],
    overlap: desc.policies.overlap,
    catchupWindowMs: desc.policies.catchupWindow,
  };
}

/** Create options for one declared schedule (no workflow input: workflows read defaults from config). */
export function buildScheduleOptions(decl: ScheduleConfig, taskQueue: string): ScheduleOptions {
  return {
    scheduleId: decl.id,
    spec: { cronExpressions: [cronWithComment(decl.cron)], timezone: decl.timezone },
    action: { type: 'startWorkflow', workflowType: decl.workflow, taskQueue, workflowId: scheduledWorkflowId(decl.id), args: [] },
    policies: { overlap: decl.overlap as ScheduleOverlapPolicy, catchupWindow: decl.catchupWindow as Duration },
    memo: { ...MANAGED_MEMO },
    state: { paused: decl.paused, ...(decl.paused ? { note: 'paused in config/pipeline.yaml' } : {}) },
  };
}

export function isManaged(memo: Record<string, unknown> | undefined): boolean {
  return memo?.managedBy === MANAGED_MEMO.managedBy;
}

async function describeOrNull(client: Client, id: string): Promise<ScheduleDescription | null> {
  try {
    return await client.schedule.getHandle(id).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/** Ids of the project's schedules on the server (from visibility, so it may lag a new create). */
export async function managedScheduleIds(client: Client): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of client.schedule.list()) if (isManaged(s.memo)) ids.push(s.scheduleId);
  return ids.sort();
}

export class ScheduleConflictError extends Error {
  override readonly name = 'ScheduleConflictError';
}

/**
 * Idempotent: creates missing declared schedules, updates changed ones, deletes the project's
 * schedules no longer declared; never touches a schedule without the project's memo.
 * An operator's pause survives `apply` unless the config itself says `paused: true`.
 */
export async function applySchedules(client: Client, config: SchedulesConfig): Promise<ApplyResult> {
  const result: ApplyResult = { created: [], updated: [], unchanged: [], deleted: [] };
  const conflicts: string[] = [];
  const taskQueue = config.temporal.taskQueue;

  for (const decl of config.schedules) {
    const current = await describeOrNull(client, decl.id);
    if (!current) {
      await client.schedule.create(buildScheduleOptions(decl, taskQueue));
      result.created.push(decl.id);
      continue;
    }
    if (!isManaged(current.memo)) {
      // Someone else's schedule holds the id; overwriting it would lose their definition.
      conflicts.push(decl.id);
      continue;
    }
    const sameSpec = isDeepStrictEqual(describedEssence(current), desiredEssence(decl, taskQueue));
    if (sameSpec && (!decl.paused || current.state.paused)) {
      result.unchanged.push(decl.id);
      continue;
    }
    const opts = buildScheduleOptions(decl, taskQueue);
    await client.schedule.getHandle(decl.id).update((prev) => ({
      spec: opts.spec,
      action: opts.action,
      policies: opts.policies,
      state: { paused: prev.state.paused || decl.paused, note: decl.paused && !prev.state.paused ? opts.state?.note : prev.state.note },
    }));
    result.updated.push(decl.id);
  }

  const declared = new Set(config.schedules.map((s) => s.id));
  for (const id of await managedScheduleIds(client)) {
    if (declared.has(id)) continue;
    // Re-check the mark on the live schedule: the list comes from visibility and may be stale.
    const current = await describeOrNull(client, id);
    if (!current || !isManaged(current.memo)) continue;
    await client.schedule.getHandle(id).delete();
    result.deleted.push(id);
  }

  if (conflicts.length) {
    throw new ScheduleConflictError(
      `Schedule id${conflicts.length > 1 ? 's' : ''} ${conflicts.join(', ')} already exist${conflicts.length > 1 ? '' : 's'} but ` +
        `${conflicts.length > 1 ? 'were' : 'was'} not created by this project; delete ${conflicts.length > 1 ? 'them' : 'it'} ` +
        `(temporal schedule delete --schedule-id <id>) or rename the declared schedule. Applied the others: ${summarize(result)}.`,
    );
  }
  return result;
}

export function summarize(r: ApplyResult): string {
  const part = (label: string, ids: string[]) => `${ids.length} ${label}${ids.length ? ` (${ids.join(', ')})` : ''}`;
  return [part('created', r.created), part('updated', r.updated), part('unchanged', r.unchanged), part('deleted', r.deleted)].join(', ');
}

export interface ScheduleRow {
  id: string;
  workflow: string;
  cron: string;
  timezone: string;
  paused: boolean;
  note: string;
  nextRun: Date | undefined;
  /** Status of the most recent run the schedule started, `none` before the first. */
  lastRun: string;
  /** False when the schedule is declared but not on the server (run `apply`). */
  applied: boolean;
  declared: boolean;
}

async function lastRunStatus(client: Client, desc: ScheduleDescription): Promise<string> {
  const last = desc.info.recentActions.at(-1);
  if (!last) return 'none';
  try {
    const wf = await client.workflow.getHandle(last.action.workflow.workflowId, last.action.workflow.firstExecutionRunId).describe();
    return `${wf.status.name} (${last.takenAt.toISOString()})`;
  } catch {
    return `unknown (${last.takenAt.toISOString()})`;
  }
}

/** Declared schedules and the project's schedules on the server, one row each. */
export async function listSchedules(client: Client, config: SchedulesConfig): Promise<ScheduleRow[]> {
  const declared = new Map(config.schedules.map((s) => [s.id, s]));
  const ids = [...new Set([...declared.keys(), ...(await managedScheduleIds(client))])];
  const rows: ScheduleRow[] = [];
  for (const id of ids) {
    const decl = declared.get(id);
    const desc = await describeOrNull(client, id);
    if (desc && !isManaged(desc.memo) && !decl) continue;
    rows.push({
      id,
      workflow: desc?.action.workflowType ?? decl?.workflow ?? '?',
      cron: (desc ? describedEssence(desc).cron : decl?.cron) ?? '(not a cron)',
      timezone: desc?.spec.timezone || decl?.timezone || 'UTC',
      paused: desc?.state.paused ?? false,
      note: desc?.state.note ?? '',
      nextRun: desc?.info.nextActionTimes[0],
      lastRun: desc ? await lastRunStatus(client, desc) : 'none',
      applied: desc !== null,
      declared: decl !== undefined,
    });
  }
  return rows;
}

export class UnknownScheduleError extends Error {
  override readonly name = 'UnknownScheduleError';
  constructor(
    readonly scheduleId: string,
    readonly known: string[],
  ) {
    super(`No schedule "${scheduleId}" of this project. Existing: ${known.length ? known.join(', ') : '(none; run `npm run cli -- schedules apply`)'}.`);
  }
}

/** The handle of one of the project's schedules; operations refuse schedules the project does not own. */
export async function projectScheduleHandle(client: Client, id: string) {
  const desc = await describeOrNull(client, id);
  if (!desc || !isManaged(desc.memo)) throw new UnknownScheduleError(id, await managedScheduleIds(client));
  return { handle: client.schedule.getHandle(id), description: desc };
}
