import { addDays, chunkWindow, daysBetween, halveWindow, isIsoDate } from '../../../../activities/sources/tmdb/date-windows';

describe('date windows', () => {
  it('validates and shifts dates across months and leap days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
  });

  it('chunks into windows of at most N days, covering the range exactly', () => {
    expect(chunkWindow({ from: '2024-01-01', to: '2024-01-30' }, 14)).toEqual([
      { from: '2024-01-01', to: '2024-01-14' },
      { from: '2024-01-15', to: '2024-01-28' },
      { from: '2024-01-29', to: '2024-01-30' },
    ]);
    expect(chunkWindow({ from: '2024-01-01', to: '2024-01-01' }, 14)).toEqual([{ from: '2024-01-01', to: '2024-01-01' }]);
    expect(() => chunkWindow({ from: '2024-01-02', to: '2024-01-01' }, 14)).toThrow(RangeError);
  });

  it('halves windows, never a single day', () => {
    expect(halveWindow({ from: '2024-01-01', to: '2024-01-02' })).toEqual([
      { from: '2024-01-01', to: '2024-01-01' },
      { from: '2024-01-02', to: '2024-01-02' },
    ]);
    expect(halveWindow({ from: '2024-01-01', to: '2024-01-31' })).toEqual([
      { from: '2024-01-01', to: '2024-01-15' },
      { from: '2024-01-16', to: '2024-01-31' },
    ]);
    expect(halveWindow({ from: '2024-01-01', to: '2024-01-01' })).toBeNull();
  });
});
