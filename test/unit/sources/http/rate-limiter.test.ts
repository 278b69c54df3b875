import { RateLimiter } from '../../../../activities/sources/http/rate-limiter';

describe('RateLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('spaces requests by minIntervalMs, with no burst', () => {
    const l = new RateLimiter({ minIntervalMs: 2000 }, clock);
    expect([l.reserve(), l.reserve(), l.reserve()]).toEqual([0, 2000, 4000]);
    now += 10_000;
    expect(l.reserve()).toBe(0);
  });

  it('allows a burst of requestsPerSecond, then the sustained rate', () => {
    const l = new RateLimiter({ requestsPerSecond: 4 }, clock);
    const waits = Array.from({ length: 6 }, () => l.reserve());
    expect(waits).toEqual([0, 0, 0, 0, 250, 500]);
  });

  it('has no limit when none is configured', () => {
    const l = new RateLimiter({}, clock);
    expect([l.reserve(), l.reserve()]).toEqual([0, 0]);
  });

  it('pauseUntil holds back every caller, limited or not', () => {
    const unlimited = new RateLimiter({}, clock);
    unlimited.pauseUntil(now + 3000);
    expect(unlimited.reserve()).toBe(3000);
    const limited = new RateLimiter({ requestsPerSecond: 10 }, clock);
    limited.pauseUntil(now + 1000);
    expect(limited.reserve()).toBe(1000);
    expect(limited.reserve()).toBe(1100);
  });

  it('acquire sleeps for the reserved wait', async () => {
    const slept: number[] = [];
    const l = new RateLimiter({ minIntervalMs: 500 }, clock, async (ms) => {
      slept.push(ms);
    });
    await l.acquire();
    await l.acquire();
    expect(slept).toEqual([500]);
  });
});
