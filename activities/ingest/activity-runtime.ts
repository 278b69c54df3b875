import { Context } from '@temporalio/activity';

/**
 * What a long activity needs from Temporal: heartbeat its checkpoint, read the checkpoint a
 * previous attempt left, and the cancellation signal. Outside an activity (unit tests, bench)
 * it is a no-op runtime, or a test double that records the heartbeats.
 */
export interface ActivityRuntime {
  heartbeat(details?: unknown): void;
  /** The details of the last heartbeat of an earlier attempt, if any. */
  lastHeartbeat<T>(): T | undefined;
  signal: AbortSignal | undefined;
  /** 1 on the first attempt. */
  attempt: number;
}

export function currentRuntime(): ActivityRuntime {
  let ctx: Context | undefined;
  try {
    ctx = Context.current();
  } catch {
    ctx = undefined;
  }
  if (!ctx) return noopRuntime();
  const c = ctx;
  return {
    heartbeat: (d) => c.heartbeat(d),
    lastHeartbeat: <T>() => c.info.heartbeatDetails as T | undefined,
    signal: c.cancellationSignal,
    attempt: c.info.attempt,
  };
}

export function noopRuntime(): ActivityRuntime {
  return { heartbeat: () => undefined, lastHeartbeat: () => undefined, signal: undefined, attempt: 1 };
}

/** A runtime that records heartbeats and can pretend to be a retry of an attempt that left `resumeWith`. */
export function recordingRuntime<T>(resumeWith?: T): ActivityRuntime & { beats: unknown[] } {
  const beats: unknown[] = [];
  return {
    beats,
    heartbeat: (d) => void beats.push(d),
    lastHeartbeat: <U>() => resumeWith as unknown as U | undefined,
    signal: undefined,
    attempt: resumeWith === undefined ? 1 : 2,
  };
}
