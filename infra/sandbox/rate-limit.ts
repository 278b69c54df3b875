/**
 * Per-key token bucket: `perSecond` tokens a second, burst of one second's worth. A client pacing
 * itself at exactly the limit never sees a 429; one that goes faster does, with Retry-After.
 */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until a token is available (integer, ≥ 1) when not allowed. */
  retryAfterSeconds: number;
  /** Requests this key made in the current second (for TMDB's "Your request count (N)" message). */
  requestCount: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  windowStartMs: number;
  windowCount: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  take(key: string, perSecond: number): RateDecision {
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: perSecond, updatedMs: now, windowStartMs: now, windowCount: 0 };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(perSecond, b.tokens + ((now - b.updatedMs) / 1000) * perSecond);
    b.updatedMs = now;
    if (now - b.windowStartMs >= 1000) {
      b.windowStartMs = now;
      b.windowCount = 0;
    }
    b.windowCount++;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0, requestCount: b.windowCount };
    }
    const waitMs = ((1 - b.tokens) / perSecond) * 1000;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), requestCount: b.windowCount };
  }

  reset(): void {
    this.buckets.clear();
  }
}
