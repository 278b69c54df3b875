import type { StateStore } from '../state-store';
import { budgetDocSchema, budgetKey, budgetStatus, emptyBudgetDoc, withUsage, type BudgetDoc, type OmdbBudgetStatus } from './budget';

/**
 * Reads and updates the day's budget document. Each update re-reads the document and adds this
 * activity's requests since its last update, so concurrent writers lose at most a short window
 * of counts instead of overwriting each other's totals.
 */
export class OmdbBudgetStore {
  constructor(
    private readonly state: StateStore,
    private readonly o: { limit: number; onQuota: 'wait' | 'stop'; now: () => Date; scope?: string },
  ) {}

  private async read(day: string, now: Date): Promise<BudgetDoc> {
    return (await this.state.get(budgetKey(day, this.o.scope), budgetDocSchema)) ?? emptyBudgetDoc(day, now);
  }

  async status(): Promise<OmdbBudgetStatus> {
    const now = this.o.now();
    const s = budgetStatus(undefined, { limit: this.o.limit, now, onQuota: this.o.onQuota });
    const doc = await this.read(s.budgetDay, now);
    return budgetStatus(doc, { limit: this.o.limit, now, onQuota: this.o.onQuota });
  }

  /** Adds `delta` requests to `day`'s count; `exhausted` records OMDb's "Request limit reached!". */
  async add(day: string, delta: number, exhausted = false): Promise<void> {
    if (delta === 0 && !exhausted) return;
    const now = this.o.now();
    const doc = await this.read(day, now);
    await this.state.put(budgetKey(day, this.o.scope), withUsage(doc, delta, now, exhausted));
  }
}
