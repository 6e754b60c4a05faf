import { DUES_ARREARS_FLAG_MONTHS, duesArrears, duesRate, shiftMonth } from '@grassroots/domain';
import { describe, expect, it } from 'vitest';
import { DUES_DEMO_MONTHS, type DuesDemoMember, generateMemberDues } from './dues.js';

const TODAY = '2026-11-25';
const member = (id: number, over: Partial<DuesDemoMember> = {}): DuesDemoMember => ({
  id,
  orgId: 7,
  occupation: (['worker', 'farmer', 'retired', 'professional', 'student', 'other'] as const)[id % 6]!,
  joinedOn: '2010-07-01',
  isHardship: 0,
  isMobile: 0,
  isLostContact: 0,
  ...over,
});

describe('demo dues', () => {
  const all = Array.from({ length: 3000 }, (_, i) => generateMemberDues(member(i + 1), 1, TODAY));

  it('is deterministic per seed and member', () => {
    expect(generateMemberDues(member(42), 1, TODAY)).toEqual(generateMemberDues(member(42), 1, TODAY));
    expect(generateMemberDues(member(42), 2, TODAY)).not.toEqual(generateMemberDues(member(42), 1, TODAY));
  });

  it('gives every member a base from 15 months ago (or joining) at the 2008 amount, chained when it changes', () => {
    for (const d of all) {
      expect(d.bases[0]!.fromMonth).toBe(shiftMonth('2026-11', -DUES_DEMO_MONTHS));
      for (const b of d.bases) {
        expect(b.monthlyFen).toBe(
          Math.round(duesRate(b.category, b.baseFen === null ? null : b.baseFen / 100).monthly * 100),
        );
      }
      if (d.bases.length === 2) expect(d.bases[0]!.untilMonth).toBe(d.bases[1]!.fromMonth);
    }
    const late = generateMemberDues(member(5, { joinedOn: '2026-09-12' }), 1, TODAY);
    expect(late.bases[0]!.fromMonth).toBe('2026-09');
  });

  it('has a realistic share of arrears: most paid up, a few flagged, never a payment below due or after today', () => {
    let paidUp = 0;
    let flagged = 0;
    for (const d of all) {
      const a = duesArrears(
        d.payments.map((p) => p.month),
        { from: d.bases[0]!.fromMonth, to: null },
        '2026-10',
      );
      if (a.total === 0) paidUp++;
      if (a.longestConsecutive >= DUES_ARREARS_FLAG_MONTHS) flagged++;
      for (const p of d.payments) {
        expect(p.amountFen).toBeGreaterThanOrEqual(p.dueFen);
        expect(p.paidOn <= TODAY).toBe(true);
      }
      expect(new Set(d.payments.map((p) => p.month)).size).toBe(d.payments.length);
    }
    expect(paidUp / all.length).toBeGreaterThan(0.7);
    expect(flagged / all.length).toBeGreaterThan(0.01);
    expect(flagged / all.length).toBeLessThan(0.05);
  });
});
