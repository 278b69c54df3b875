import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { sourceTaskQueue, type SourceQueue } from '../../workflows/task-queues';
import { createTestEnv } from './test-env';

/**
 * Shared by the ingestion workflow tests: a real dev server, the workflow bundle, and mocked
 * activities served by one worker per task queue (main + one per source), each call recorded
 * with the queue it actually ran on.
 */

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

type Fn<K extends keyof Activities> = Activities[K] extends (...a: infer A) => Promise<infer R> ? (...a: A) => Promise<R> : never;
export type Impl = Partial<{ [K in keyof Activities]: Fn<K> }>;

export interface Call {
  name: keyof Activities;
  queue: string;
  attempt: number;
  // The activity's one argument as the workflow sent it (after the payload round trip).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  input: any;
}

/** Where each mocked source activity must run; everything else belongs on the main queue. */
const SOURCE_OF: Partial<Record<keyof Activities, SourceQueue[]>> = {
  collectTmdbIds: ['tmdb'],
  fetchTmdbDetails: ['tmdb'],
  enrichOmdbBatch: ['omdb'],
  scrapeCriticsBatch: ['rotten-tomatoes', 'metacritic'],
};
const ALL_SOURCES: SourceQueue[] = ['tmdb', 'omdb', 'rotten-tomatoes', 'metacritic'];

export interface Harness {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
}

export async function createHarness(): Promise<Harness> {
  // Worker lines drown the test report; the expected activity failures log as warnings.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const [env, bundle] = await Promise.all([
    createTestEnv(),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger }),
  ]);
  return { env, bundle };
}

function record(calls: Call[], name: keyof Activities, fn: (...a: never[]) => Promise<unknown>) {
  return async (...args: never[]) => {
    const info = Context.current().info;
    calls.push({ name, queue: info.taskQueue, attempt: info.attempt, input: structuredClone(args[0]) });
    return fn(...args);
  };
}

/**
 * Runs `fn` while a worker polls the main queue (workflows + warehouse mocks) and one
 * activity-only worker polls each source queue (that source's mocks only), so an activity sent
 * to the wrong queue would never run and the test would time out or fail its queue assertion.
 */
export async function withWorkers<T>(h: Harness, impl: Impl, fn: (taskQueue: string, calls: Call[]) => Promise<T>): Promise<T> {
  const taskQueue = `ingest-${randomUUID()}`;
  const calls: Call[] = [];
  const main: Record<string, unknown> = {};
  const bySource: Record<string, Record<string, unknown>> = {};
  for (const [name, f] of Object.entries(impl) as [keyof Activities, (...a: never[]) => Promise<unknown>][]) {
    const wrapped = record(calls, name, f);
    const sources = SOURCE_OF[name];
    if (!sources) main[name] = wrapped;
    else for (const s of sources) (bySource[s] ??= {})[name] = wrapped;
  }
  const workers = [
    await Worker.create({ connection: h.env.nativeConnection, taskQueue, workflowBundle: h.bundle, activities: main }),
    ...(await Promise.all(
      // A worker needs something to run: sources without mocks get none (nothing may go there).
      ALL_SOURCES.filter((s) => bySource[s]).map((s) =>
        Worker.create({ connection: h.env.nativeConnection, taskQueue: sourceTaskQueue(taskQueue, s), activities: bySource[s] }),
      ),
    )),
  ];
  const nest = (i: number): Promise<T> => (i === workers.length ? fn(taskQueue, calls) : workers[i].runUntil(() => nest(i + 1)));
  return nest(0);
}

/** The run ids of a workflow's continue-as-new chain, first run first. */
export async function runChain(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<string[]> {
  const out: string[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const current: string = runId;
    out.push(current);
    const events = (await env.client.workflow.getHandle(workflowId, current).fetchHistory()).events ?? [];
    const next: string | null | undefined = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    runId = next ?? undefined;
  }
  return out;
}

/** Like maybeRecordHistory, but for one given run of the chain (e.g. the one that continued as new). */
export async function maybeRecordRunHistory(env: TestWorkflowEnvironment, workflowId: string, runId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const dir = join(__dirname, '..', 'replay', 'histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
}

/** Polls until `ok` holds (a query or the calls log), failing after `ms`. */
export async function eventually<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A promise a mock can wait on, released by the test. */
export function gate(): { wait: Promise<void>; release: () => void } {
  let release = () => {};
  const wait = new Promise<void>((r) => (release = r));
  return { wait, release };
}

/** The calls of the given activities only, as [name, selected fields]. */
export function names(calls: Call[]): string[] {
  return calls.map((c) => c.name);
}


/** The recorded calls of one activity, in order. */
export function callsNamed(calls: Call[], name: Call['name']): Call[] {
  return calls.filter((c) => c.name === name);
}

/** Starts a workflow under a fresh id (`<prefix>-<uuid>`) on the test's task queue. */
export function startWorkflow(h: Harness, workflowType: string, taskQueue: string, args: unknown[], prefix: string) {
  return h.env.client.workflow.start(workflowType, { taskQueue, workflowId: `${prefix}-${randomUUID()}`, args });
}
