import { budgetDay, budgetKey, budgetStatus, emptyBudgetDoc, nextUtcMidnight, withUsage } from '../../../activities/ingest/omdb/budget';

describe('OMDb daily budget arithmetic', () => {
  const now = new Date('2026-03-31T23:59:59.999Z');

  it('uses the UTC calendar day and resets at the next UTC midnight (month and year ends)', () => {
    expect(budgetDay(now)).toBe('2026-03-31');
    expect(nextUtcMidnight(now)).toBe('2026-04-01T00:00:00.000Z');
    expect(nextUtcMidnight(new Date('2026-12-31T00:00:00.000Z'))).toBe('2027-01-01T00:00:00.000Z');
    // 23:30 in UTC-5 is already the next UTC day.
    expect(budgetDay(new Date('2026-05-01T23:30:00-05:00'))).toBe('2026-05-02');
  });

  it('remaining = limit - used, never below 0, and 0 once OMDb said the limit is reached', () => {
    const base = { limit: 1000, now, onQuota: 'wait' as const };
    expect(budgetStatus(undefined, base)).toEqual({
      budgetDay: '2026-03-31',
      limit: 1000,
      used: 0,
      remaining: 1000,
      resetsAt: '2026-04-01T00:00:00.000Z',
      onQuota: 'wait',
    });
    const doc = withUsage(emptyBudgetDoc('2026-03-31', now), 993, now);
    expect(budgetStatus(doc, base).remaining).toBe(7);
    expect(budgetStatus(withUsage(doc, 20, now), base)).toMatchObject({ used: 1013, remaining: 0 });
    const exhausted = withUsage(doc, 1, now, true);
    expect(exhausted).toMatchObject({ used: 994, exhausted: true, exhaustedAt: now.toISOString() });
    expect(budgetStatus(exhausted, { ...base, onQuota: 'stop' })).toMatchObject({ remaining: 0, used: 994, onQuota: 'stop' });
    // Exhaustion is sticky for the day: later updates keep it and its first time.
    const later = new Date('2026-03-31T23:59:59.999Z');
    expect(withUsage(exhausted, 0, later)).toMatchObject({ exhausted: true, exhaustedAt: now.toISOString() });
  });

  it('a document of another day does not count for today', () => {
    const yesterday = withUsage(emptyBudgetDoc('2026-03-30', now), 1000, now, true);
    expect(budgetStatus(yesterday, { limit: 5, now, onQuota: 'wait' })).toMatchObject({ used: 0, remaining: 5 });
  });

  it('refuses negative or fractional request counts', () => {
    const doc = emptyBudgetDoc('2026-03-31', now);
    expect(() => withUsage(doc, -1, now)).toThrow(RangeError);
    expect(() => withUsage(doc, 1.5, now)).toThrow(RangeError);
  });

  it('keys: state/omdb-budget/<day>.json, or a scope folder', () => {
    expect(budgetKey('2026-03-31')).toBe('state/omdb-budget/2026-03-31.json');
    expect(budgetKey('2026-03-31', 'it-abc')).toBe('state/omdb-budget/it-abc/2026-03-31.json');
    expect(() => budgetKey('2026-03-31', '../x')).toThrow();
  });
});
