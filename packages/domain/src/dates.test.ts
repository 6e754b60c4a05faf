import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageOn, isValidIsoDate, todayIso } from './dates.js';

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('isValidIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-02-28', '1900-01-01', '2099-12-31', '2024-04-30'])('accepts %s', (d) => {
    expect(isValidIsoDate(d)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '1999-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-01',
    '2024/01/01',
    '20240101',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '',
  ])('refuses %j', (d) => {
    expect(isValidIsoDate(d)).toBe(false);
  });
});

describe('todayIso (China, UTC+8)', () => {
  it('is still the same day at 23:59:59 in Beijing (15:59:59 UTC)', () => {
    expect(todayIso(new Date('2024-01-01T15:59:59.999Z'))).toBe('2024-01-01');
  });

  it('turns to the next day at midnight in Beijing (16:00 UTC)', () => {
    expect(todayIso(new Date('2024-01-01T16:00:00Z'))).toBe('2024-01-02');
  });

  it('is already the new year in Beijing while it is still the old year in UTC', () => {
    expect(todayIso(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(todayIso(new Date('2023-12-31T23:59:59Z'))).toBe('2024-01-01');
  });

  it('is the same day as UTC after 16:00 UTC of the previous day and until 15:59 UTC', () => {
    expect(todayIso(new Date('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
    expect(todayIso(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(todayIso(new Date('2024-02-29T16:00:00Z'))).toBe('2024-03-01');
  });

  it('defaults to now and returns a valid date', () => {
    expect(isValidIsoDate(todayIso())).toBe(true);
  });
});

describe('addYears', () => {
  it('keeps the day of month', () => {
    expect(addYears('1990-03-07', 18)).toBe('2008-03-07');
    expect(addYears('2024-12-31', 1)).toBe('2025-12-31');
    expect(addYears('2024-01-01', -31)).toBe('1993-01-01');
  });

  it('clamps 02-29 to 02-28 in a non-leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addYears('2000-02-29', 100)).toBe('2100-02-28');
  });

  it('keeps 02-29 in a leap year', () => {
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2000-02-29', -400)).toBe('1600-02-29');
  });

  it('property: the result is a valid date in the target year', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -100, max: 100 }), (d, n) => {
        const r = addYears(d, n);
        expect(isValidIsoDate(r)).toBe(true);
        expect(Number(r.slice(0, 4))).toBe(Number(d.slice(0, 4)) + n);
        expect(r.slice(5, 7)).toBe(d.slice(5, 7));
      }),
    );
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2024-05-31', -6)).toBe('2023-11-30');
  });

  it('does not round a clamped date back up', () => {
    // Jan 31 + 1 month = Feb 29, + 1 more month from there = Mar 29 (not Mar 31).
    expect(addMonths(addMonths('2024-01-31', 1), 1)).toBe('2024-03-29');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
  });

  it('crosses year boundaries both ways', () => {
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonths('2024-06-30', 6)).toBe('2024-12-30');
    expect(addMonths('2024-07-01', 6)).toBe('2025-01-01');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonths('2024-01-15', 0)).toBe('2024-01-15');
  });

  it('property: adding 12·k months is adding k years', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -50, max: 50 }), (d, k) => {
        expect(addMonths(d, 12 * k)).toBe(addYears(d, k));
      }),
    );
  });

  it('property: the result is a valid date, never beyond the original day of month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const r = addMonths(d, n);
        expect(isValidIsoDate(r)).toBe(true);
        expect(Number(r.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
        const months = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
        expect(months(r) - months(d)).toBe(n);
      }),
    );
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('property: adding then subtracting days is the identity', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
    );
  });
});

describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('1990-03-07', '2008-03-06')).toBe(17);
    expect(ageOn('1990-03-07', '2008-03-07')).toBe(18);
    expect(ageOn('1990-03-07', '2008-03-08')).toBe(18);
  });

  it('is 0 on the day of birth and before the first birthday', () => {
    expect(ageOn('2024-05-01', '2024-05-01')).toBe(0);
    expect(ageOn('2024-05-01', '2025-04-30')).toBe(0);
    expect(ageOn('2024-05-01', '2025-05-01')).toBe(1);
  });

  it('handles year-end birthdays', () => {
    expect(ageOn('1949-12-31', '2024-12-30')).toBe(74);
    expect(ageOn('1949-12-31', '2024-12-31')).toBe(75);
    expect(ageOn('1950-01-01', '2024-12-31')).toBe(74);
    expect(ageOn('1950-01-01', '2025-01-01')).toBe(75);
  });

  it('a 02-29 birthday counts on 02-29 in leap years and from 03-01 in other years', () => {
    expect(ageOn('2000-02-29', '2020-02-28')).toBe(19);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
  });

  it('a 02-28 birthday counts on 02-28 even in a leap year', () => {
    expect(ageOn('2001-02-28', '2024-02-28')).toBe(23);
    expect(ageOn('2001-02-28', '2024-02-27')).toBe(22);
  });

  it('property: ageOn(b, addYears(b, n)) is n for births not on 02-29, and n or n-1 for 02-29', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 120 }), (b, n) => {
        const on = addYears(b, n);
        if (b.endsWith('-02-29') && !on.endsWith('-02-29')) expect(ageOn(b, on)).toBe(n - 1);
        else expect(ageOn(b, on)).toBe(n);
        expect(ageOn(b, addDays(on, -1))).toBe(n - 1);
      }),
    );
  });

  it('property: age never decreases as time passes', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.integer({ min: 1, max: 400 }), (b, on, days) => {
        expect(ageOn(b, addDays(on, days))).toBeGreaterThanOrEqual(ageOn(b, on));
      }),
    );
  });
});
