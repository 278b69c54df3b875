import { MockActivityEnvironment } from '@temporalio/testing';
import { currentRuntime, noopRuntime, recordingRuntime } from '../../../activities/ingest/activity-runtime';

describe('currentRuntime', () => {
  it('outside an activity is a no-op runtime: first attempt, nothing to resume, no signal', () => {
    const rt = currentRuntime();
    expect(rt.attempt).toBe(1);
    expect(rt.lastHeartbeat()).toBeUndefined();
    expect(rt.signal).toBeUndefined();
    expect(() => rt.heartbeat({ done: 3 })).not.toThrow();
    expect(() => rt.heartbeat()).not.toThrow();
    // Heartbeats go nowhere: still nothing to resume.
    expect(rt.lastHeartbeat()).toBeUndefined();
  });

  it('inside an activity reads attempt and last heartbeat from the context and heartbeats to it', async () => {
    const env = new MockActivityEnvironment({ attempt: 3, heartbeatDetails: { done: 40 } });
    const beats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => beats.push(d));
    const seen = await env.run(async () => {
      const rt = currentRuntime();
      rt.heartbeat({ done: 41 });
      return { attempt: rt.attempt, last: rt.lastHeartbeat<{ done: number }>(), hasSignal: rt.signal instanceof AbortSignal };
    });
    expect(seen).toEqual({ attempt: 3, last: { done: 40 }, hasSignal: true });
    expect(beats).toEqual([{ done: 41 }]);
  });
});

describe('noopRuntime', () => {
  it('is attempt 1 with nothing to resume', () => {
    const rt = noopRuntime();
    expect(rt).toMatchObject({ attempt: 1, signal: undefined });
    expect(rt.lastHeartbeat()).toBeUndefined();
  });
});

describe('recordingRuntime', () => {
  it('recordingRuntime(x) pretends to be attempt 2 resuming from x', () => {
    const checkpoint = { segment: 1, chunk: 4 };
    const rt = recordingRuntime(checkpoint);
    expect(rt.attempt).toBe(2);
    expect(rt.lastHeartbeat()).toBe(checkpoint);
    expect(rt.signal).toBeUndefined();
    expect(rt.beats).toEqual([]);
  });

  it('a falsy but defined checkpoint still counts as a retry', () => {
    expect(recordingRuntime(0).attempt).toBe(2);
    expect(recordingRuntime(0).lastHeartbeat()).toBe(0);
    expect(recordingRuntime(null).attempt).toBe(2);
  });

  it('without a checkpoint it is a first attempt with nothing to resume', () => {
    const rt = recordingRuntime();
    expect(rt.attempt).toBe(1);
    expect(rt.lastHeartbeat()).toBeUndefined();
  });

  it('records heartbeats in order, without touching what it resumes from', () => {
    const rt = recordingRuntime({ done: 10 });
    rt.heartbeat({ done: 11 });
    rt.heartbeat({ done: 12 });
    rt.heartbeat();
    expect(rt.beats).toEqual([{ done: 11 }, { done: 12 }, undefined]);
    expect(rt.lastHeartbeat()).toEqual({ done: 10 });
  });

  it('each runtime has its own record', () => {
    const a = recordingRuntime();
    const b = recordingRuntime();
    a.heartbeat('a');
    expect(b.beats).toEqual([]);
  });
});
