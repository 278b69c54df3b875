import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

/** What the bench reads from a workflow's histories (every run of a continue-as-new chain). */
export interface HistoryFacts {
  runs: number;
  events: number;
  /** Events per run, in chain order. */
  eventsPerRun: number[];
  activities: Record<string, number>;
  details: DetailPhase | null;
}

export interface DetailPhase {
  batches: number;
  /** Sum of counts.requests of the fetchTmdbDetails results. */
  requests: number;
  /** First batch scheduled → last batch completed (what the run waited for), ms. */
  phaseMs: number;
  /** Sum over batches of started → completed (time spent fetching), ms. */
  activeMs: number;
  /** Sum over batches of scheduled → started (waiting on the task queue), ms. */
  queuedMs: number;
  /** First batch started → last batch completed: the phase once fetching began, ms. */
  sustainedMs: number;
  /** Per batch: scheduled→started and started→completed, ms, and requests. */
  perBatch: { queuedMs: number; activeMs: number; requests: number }[];
}

type Ts = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;
const ms = (t: Ts): number => (t ? Number(String(t.seconds ?? 0)) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : NaN);
const id = (v: unknown): string => String(v);

interface Ev {
  eventId?: unknown;
  eventTime?: Ts;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskStartedEventAttributes?: { scheduledEventId?: unknown } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: unknown; result?: { payloads?: unknown[] | null } | null } | null;
  workflowExecutionContinuedAsNewEventAttributes?: { newExecutionRunId?: string | null } | null;
}

/** Fetches every run's history by run id, following continue-as-new from the first run. */
export async function readHistories(client: Client, workflowId: string, firstRunId: string): Promise<HistoryFacts> {
  const facts: HistoryFacts = { runs: 0, events: 0, eventsPerRun: [], activities: {}, details: null };
  const batches: { scheduled: number; started: number; completed: number; requests: number }[] = [];
  let runId: string | null = firstRunId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = (history.events ?? []) as Ev[];
    facts.runs += 1;
    facts.events += events.length;
    facts.eventsPerRun.push(events.length);
    // Activity events of one run are tied together by the scheduled event's id.
    const scheduled = new Map<string, { name: string; at: number; started?: number }>();
    runId = null;
    for (const e of events) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) {
        const name = s.activityType?.name ?? '?';
        scheduled.set(id(e.eventId), { name, at: ms(e.eventTime) });
        facts.activities[name] = (facts.activities[name] ?? 0) + 1;
      }
      const st = e.activityTaskStartedEventAttributes;
      if (st) {
        const sch = scheduled.get(id(st.scheduledEventId));
        // Temporal writes the started event when the attempt ends, but stamps it with the start time.
        if (sch) sch.started = ms(e.eventTime);
      }
      const c = e.activityTaskCompletedEventAttributes;
      if (c) {
        const sch = scheduled.get(id(c.scheduledEventId));
        if (sch?.name === 'fetchTmdbDetails') {
          const payload = c.result?.payloads?.[0];
          const result = payload ? (defaultPayloadConverter.fromPayload(payload as never) as { requests?: number }) : {};
          batches.push({ scheduled: sch.at, started: sch.started ?? sch.at, completed: ms(e.eventTime), requests: result.requests ?? 0 });
        }
      }
      const can = e.workflowExecutionContinuedAsNewEventAttributes;
      if (can?.newExecutionRunId) runId = can.newExecutionRunId;
    }
  }
  if (batches.length) {
    facts.details = {
      batches: batches.length,
      requests: batches.reduce((n, b) => n + b.requests, 0),
      phaseMs: Math.max(...batches.map((b) => b.completed)) - Math.min(...batches.map((b) => b.scheduled)),
      sustainedMs: Math.max(...batches.map((b) => b.completed)) - Math.min(...batches.map((b) => b.started)),
      activeMs: batches.reduce((n, b) => n + (b.completed - b.started), 0),
      queuedMs: batches.reduce((n, b) => n + (b.started - b.scheduled), 0),
      perBatch: batches.map((b) => ({ queuedMs: b.started - b.scheduled, activeMs: b.completed - b.started, requests: b.requests })),
    };
  }
  return facts;
}
