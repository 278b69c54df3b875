import { dateFrom, decimalFrom, integerFrom, listFrom, minutesFrom, na, scoreFrom, yearsFrom } from '../../../../activities/sources/omdb/values';

describe('OMDb value readers', () => {
  it('na', () => {
    expect(na('N/A')).toBeNull();
    expect(na(' n/a ')).toBeNull();
    expect(na('')).toBeNull();
    expect(na(undefined)).toBeNull();
    expect(na(7)).toBeNull();
    expect(na(' PG-13 ')).toBe('PG-13');
  });

  it('integerFrom: thousands separators and currency', () => {
    expect(integerFrom('802,014')).toBe(802014);
    expect(integerFrom('$389,813,101')).toBe(389813101);
    expect(integerFrom('87')).toBe(87);
    expect(integerFrom('N/A')).toBeNull();
    expect(integerFrom('7.6')).toBeNull();
    expect(integerFrom('12,34')).toBeNull();
    expect(integerFrom('-5')).toBeNull();
    expect(integerFrom('lots')).toBeNull();
  });

  it('decimalFrom', () => {
    expect(decimalFrom('7.6')).toBe(7.6);
    expect(decimalFrom('10')).toBe(10);
    expect(decimalFrom('N/A')).toBeNull();
    expect(decimalFrom('7,6')).toBeNull();
  });

  it('scoreFrom: "7.6/10", "85%", "67/100"', () => {
    expect(scoreFrom('7.6/10')).toEqual({ value: 7.6, scaleMax: 10 });
    expect(scoreFrom('85%')).toEqual({ value: 85, scaleMax: 100 });
    expect(scoreFrom('67/100')).toEqual({ value: 67, scaleMax: 100 });
    expect(scoreFrom('0%')).toEqual({ value: 0, scaleMax: 100 });
    expect(scoreFrom('11/10')).toBeNull();
    expect(scoreFrom('150%')).toBeNull();
    expect(scoreFrom('N/A')).toBeNull();
  });

  it('yearsFrom: single years and en-dash ranges', () => {
    expect(yearsFrom('2017')).toEqual({ start: 2017, end: null });
    expect(yearsFrom('1992–1995')).toEqual({ start: 1992, end: 1995 });
    expect(yearsFrom('2005–')).toEqual({ start: 2005, end: null });
    expect(yearsFrom('2005-2007')).toEqual({ start: 2005, end: 2007 });
    expect(yearsFrom('N/A')).toBeNull();
    expect(yearsFrom('soon')).toBeNull();
  });

  it('minutesFrom', () => {
    expect(minutesFrom('136 min')).toBe(136);
    expect(minutesFrom('1,013 min')).toBe(1013);
    expect(minutesFrom('0 min')).toBeNull();
    expect(minutesFrom('N/A')).toBeNull();
    expect(minutesFrom('2 h')).toBeNull();
  });

  it('dateFrom: "05 May 2017" → 2017-05-05', () => {
    expect(dateFrom('05 May 2017')).toBe('2017-05-05');
    expect(dateFrom('1 Oct 2010')).toBe('2010-10-01');
    expect(dateFrom('31 Feb 2010')).toBeNull();
    expect(dateFrom('05 Foo 2017')).toBeNull();
    expect(dateFrom('N/A')).toBeNull();
  });

  it('listFrom', () => {
    expect(listFrom('Action, Adventure, Comedy')).toEqual(['Action', 'Adventure', 'Comedy']);
    expect(listFrom('N/A')).toEqual([]);
  });
});
