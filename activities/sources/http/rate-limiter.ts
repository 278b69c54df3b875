import { sleep as defaultSleep, SleepFn } from './sleep';

export interface RateLimit {
  /** Sustained rate; short bursts up to `burst` (default: one second's worth) are allowed. */
  requestsPerSecond?: number;
  /** Minimum gap between two requests (polite scraping); implies no bursts. */
  minIntervalMs?: number;
  burst?: number;
}

/**
 * One site's limiter (GCRA, i.e. a token bucket computed from a single timestamp).
 * Each `acquire` reserves the next free slot immediately, so concurrent callers queue in
 * order without a polling loop; a 429 can push every caller back with `pauseUntil`.
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** Theoretical arrival time of the next request. */
  private tat = 0;
  private pausedUntil = 0;

  constructor(
    limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly sleep: SleepFn = defaultSleep,
  ) {
    const fromRate = limit.requestsPerSecond && limit.requestsPerSecond > 0 ? 1000 / limit.requestsPerSecond : 0;
    this.intervalMs = Math.max(fromRate, limit.minIntervalMs ?? 0);
    const burst = limit.minIntervalMs ? 1 : Math.max(1, Math.floor(limit.burst ?? limit.requestsPerSecond ?? 1));
    this.toleranceMs = this.intervalMs * (burst - 1);
  }

  /** Milliseconds the caller must wait; the slot is reserved even if the caller later aborts (errs on the polite side). */
  reserve(): number {
    const now = this.now();
    if (this.intervalMs <= 0) return Math.max(0, this.pausedUntil - now);
    const tat = Math.max(this.tat, now);
    const wait = Math.max(0, tat - this.toleranceMs - now, this.pausedUntil - now);
    this.tat = tat + this.intervalMs;
    return wait;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.sleep(wait, signal);
  }

  /** The site asked us to back off (429 Retry-After): no request of this client goes out before `atMs`. */
  pauseUntil(atMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, atMs);
    // Resume at the sustained rate, not with a full burst that would trip the limit again.
    this.tat = Math.max(this.tat, atMs + this.toleranceMs);
  }
}
