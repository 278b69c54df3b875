import { z } from 'zod';
import { stateKey } from '../state-store';

/**
 * The OMDb request budget: a free key allows `dailyBudget` requests per UTC day whichever run
 * makes them, so the count lives in a state document per day (not in a run), and OMDb's own
 * "Request limit reached!" marks the day as spent whatever the count says.
 */

export const budgetDocSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  used: z.number().int().nonnegative(),
  exhausted: z.boolean(),
  exhaustedAt: z.string().nullable().optional(),
  updatedAt: z.string(),
});
export type BudgetDoc = z.infer<typeof budgetDocSchema>;

export interface OmdbBudgetStatus {
  budgetDay: string;
  limit: number;
  used: number;
  remaining: number;
  resetsAt: string;
  onQuota: 'wait' | 'stop';
}

/** The UTC calendar day of an instant. */
export function budgetDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The next UTC midnight after `now` (when OMDb's daily counter and ours start over). */
export function nextUtcMidnight(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
}

/** `state/omdb-budget/<day>.json`; a scope (tests) puts the document in a folder of its own. */
export function budgetKey(day: string, scope?: string): string {
  return scope ? stateKey('omdb-budget', scope, `${day}.json`) : stateKey('omdb-budget', `${day}.json`);
}

export function emptyBudgetDoc(day: string, now: Date): BudgetDoc {
  return { day, used: 0, exhausted: false, exhaustedAt: null, updatedAt: now.toISOString() };
}

export function budgetStatus(doc: BudgetDoc | undefined, o: { limit: number; now: Date; onQuota: 'wait' | 'stop' }): OmdbBudgetStatus {
  const day = budgetDay(o.now);
  // A document of another day (cannot happen with budgetKey, but cheap to refuse) counts as empty.
  const d = doc && doc.day === day ? doc : emptyBudgetDoc(day, o.now);
  const remaining = d.exhausted ? 0 : Math.max(0, o.limit - d.used);
  return { budgetDay: day, limit: o.limit, used: d.used, remaining, resetsAt: nextUtcMidnight(o.now), onQuota: o.onQuota };
}

/** The document after `delta` more requests (and, when OMDb said so, the day marked exhausted). */
export function withUsage(doc: BudgetDoc, delta: number, now: Date, exhausted = false): BudgetDoc {
  if (!Number.isInteger(delta) || delta < 0) throw new RangeError(`Invalid request count ${delta}`);
  return {
    ...doc,
    used: doc.used + delta,
    exhausted: doc.exhausted || exhausted,
    exhaustedAt: exhausted && !doc.exhausted ? now.toISOString() : (doc.exhaustedAt ?? null),
    updatedAt: now.toISOString(),
  };
}
