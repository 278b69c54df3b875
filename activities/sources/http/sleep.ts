/** Timer helpers that honour an AbortSignal, so activity cancellation never waits out a backoff. */

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The error thrown when a caller's signal aborts: its own reason when that is an Error. */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  const err = new Error(typeof r === 'string' ? r : 'The operation was aborted');
  err.name = 'AbortError';
  return err;
}

export const sleep: SleepFn = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
