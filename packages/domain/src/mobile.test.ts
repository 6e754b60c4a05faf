import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import {
  lastContactOf,
  medalAwardableOn,
  medalDueOn,
  medalFullOnRange,
  noContactDueOn,
  noContactThreshold,
} from './mobile.js';

describe('no contact for 3 months (流动党员失联预警)', () => {
  it('is due 3 calendar months after the last contact, clamped at month ends', () => {
    expect(noContactDueOn('2026-03-15')).toBe('2026-06-15');
    expect(noContactDueOn('2026-11-30')).toBe('2027-02-28');
    expect(noContactDueOn('2027-11-30')).toBe('2028-02-29');
  });

  it('counts from the day the member left when no contact was ever logged', () => {
    expect(lastContactOf({ lastContactOn: null, since: '2026-01-10' })).toBe('2026-01-10');
    expect(lastContactOf({ lastContactOn: '2026-04-01', since: '2026-01-10' })).toBe('2026-04-01');
  });

  it('threshold: the day before the due date is not due, the due date is', () => {
    expect(noContactThreshold('2026-06-15')).toBe('2026-03-15');
    expect('2026-03-15' <= noContactThreshold('2026-06-15')).toBe(true);
    expect('2026-03-15' <= noContactThreshold('2026-06-14')).toBe(false);
  });

  it('threshold on the last day of a short month takes every day that clamps onto it', () => {
    expect(noContactThreshold('2027-02-28')).toBe('2026-11-30');
    expect(noContactThreshold('2028-02-29')).toBe('2027-11-30');
    expect(noContactThreshold('2028-02-28')).toBe('2027-11-28');
    expect(noContactThreshold('2026-05-30')).toBe('2026-02-28');
  });

  it('agrees with noContactDueOn for every pair of dates', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, day, (last, today) => {
        expect(last <= noContactThreshold(today)).toBe(noContactDueOn(last) <= today);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('光荣在党50年 (party standing from 转正)', () => {
  it('reaches 50 years on the 50th anniversary of 转正, 02-29 on 02-28', () => {
    expect(medalDueOn('1976-07-01')).toBe('2026-07-01');
    expect(medalDueOn('1976-02-29')).toBe('2026-02-28');
  });

  it('is due in the calendar year of the anniversary: 转正 in year − 50', () => {
    expect(medalFullOnRange(2026)).toEqual({ from: '1976-01-01', to: '1976-12-31' });
  });

  it('may be recorded from the anniversary year on, never before, never for a probationary member', () => {
    expect(medalAwardableOn('1976-12-31', '2026-01-01')).toBe(true);
    expect(medalAwardableOn('1976-12-31', '2025-12-31')).toBe(false);
    expect(medalAwardableOn('1970-05-01', '2026-07-01')).toBe(true);
    expect(medalAwardableOn(null, '2026-07-01')).toBe(false);
  });
});
