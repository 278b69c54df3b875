/**
 * Fault knobs per site and the deterministic schedule that applies them. A rate r fails request n
 * when floor(n·r) steps up, so rate 0.25 fails requests 4, 8, 12… — the same every run, which is
 * what a test needs to assert "one retry per failure".
 */
import { z } from 'zod';
import type { FaultKnobs } from './types';

export const SITE_NAMES = ['tmdb', 'omdb', 'rottenTomatoes', 'metacritic'] as const;
export type SiteName = (typeof SITE_NAMES)[number];

export const DEFAULT_FAULTS: Readonly<FaultKnobs> = Object.freeze({
  errorRate: 0,
  errorStatus: 503,
  latencyMs: 0,
  truncateRate: 0,
  malformedRate: 0,
  tooManyRequests: 0,
  retryAfterSeconds: 1,
  rateLimitPerSecond: null,
  invalidKey: false,
  dailyLimit: null,
  quotaExhausted: false,
  forbidden: false,
  maxPage: 500,
  faultRobots: false,
});

/** What each real site does without any fault: TMDB ≈40 req/s per key, OMDb's free key 1,000 a day. */
export const SITE_DEFAULT_FAULTS: Record<SiteName, Partial<FaultKnobs>> = {
  tmdb: { rateLimitPerSecond: 40 },
  omdb: { dailyLimit: 1000 },
  rottenTomatoes: {},
  metacritic: {},
};

const rate = z.number().min(0).max(1);
/** Validates knobs coming from tests or from POST /__admin/faults; unknown keys are an error. */
export const faultKnobsSchema = z
  .object({
    errorRate: rate,
    errorStatus: z.number().int().min(500).max(599),
    latencyMs: z.number().int().min(0).max(600_000),
    truncateRate: rate,
    malformedRate: rate,
    tooManyRequests: z.number().int().min(0),
    retryAfterSeconds: z.number().int().min(0).max(86_400),
    rateLimitPerSecond: z.number().positive().nullable(),
    invalidKey: z.boolean(),
    dailyLimit: z.number().int().min(0).nullable(),
    quotaExhausted: z.boolean(),
    forbidden: z.boolean(),
    maxPage: z.number().int().min(1).max(100_000),
    faultRobots: z.boolean(),
  })
  .partial()
  .strict();

export function siteNameOf(value: string): SiteName | undefined {
  const aliases: Record<string, SiteName> = { rt: 'rottenTomatoes', mc: 'metacritic', 'rotten-tomatoes': 'rottenTomatoes' };
  if ((SITE_NAMES as readonly string[]).includes(value)) return value as SiteName;
  return aliases[value];
}

/** Deterministic "every 1/rate-th request" counter. */
export class RateSchedule {
  private n = 0;
  private rate = 0;

  /** Counts one request; true when this one must fail. Restarts the pattern when the rate changes. */
  hit(rate: number): boolean {
    if (rate !== this.rate) {
      this.rate = rate;
      this.n = 0;
    }
    if (rate <= 0) return false;
    this.n++;
    // The epsilon keeps 0.57·100 from flooring to 56.
    return Math.floor(this.n * rate + 1e-9) > Math.floor((this.n - 1) * rate + 1e-9);
  }

  reset(): void {
    this.n = 0;
  }
}

/** The knobs and counters of one site. */
export class SiteFaults {
  private current: FaultKnobs;
  readonly errors = new RateSchedule();
  readonly truncations = new RateSchedule();
  readonly malformations = new RateSchedule();

  constructor(private readonly baseline: FaultKnobs) {
    this.current = { ...baseline };
  }

  get knobs(): Readonly<FaultKnobs> {
    return this.current;
  }

  /** Merges knobs over the current ones (validated). */
  set(knobs: Partial<FaultKnobs>): void {
    this.current = { ...this.current, ...faultKnobsSchema.parse(knobs) };
  }

  /** Back to the knobs the sandbox started with. */
  reset(): void {
    this.current = { ...this.baseline };
    this.errors.reset();
    this.truncations.reset();
    this.malformations.reset();
  }

  /** Consumes one request of a pending 429 storm. */
  takeStorm(): boolean {
    if (this.current.tooManyRequests <= 0) return false;
    this.current = { ...this.current, tooManyRequests: this.current.tooManyRequests - 1 };
    return true;
  }
}

export function baselineFaults(site: SiteName, overrides: Partial<FaultKnobs> = {}): FaultKnobs {
  return { ...DEFAULT_FAULTS, ...SITE_DEFAULT_FAULTS[site], ...faultKnobsSchema.parse(overrides) };
}
