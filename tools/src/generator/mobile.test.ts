import { addYears, noContactDueOn } from '@grassroots/domain';
import { describe, expect, it } from 'vitest';
import { generateExternalTransfers, generateMedals, generateMobileRecords } from './mobile.js';

const TODAY = '2026-11-25';
const members = Array.from({ length: 400 }, (_, i) => ({
  id: i + 1,
  orgId: 10 + (i % 7),
  orgPath: `/1/${10 + (i % 7)}/`,
  joinedOn: `19${80 + (i % 20)}-07-01`,
  isLostContact: i % 25 === 0 ? 1 : 0,
}));

describe('demo 流动党员', () => {
  const records = generateMobileRecords(members, 1, TODAY);
  const active = records.filter((r) => r.returnedOn === null);

  it('is deterministic and gives every mobile member exactly one active record', () => {
    expect(generateMobileRecords(members, 1, TODAY)).toEqual(records);
    expect(new Set(active.map((r) => r.memberId)).size).toBe(members.length);
    expect(active).toHaveLength(members.length);
  });

  it('keeps dates in order and a realistic share out of contact for 3 months', () => {
    for (const r of records) {
      expect(r.since <= TODAY).toBe(true);
      if (r.lastContactOn) expect(r.lastContactOn >= r.since && r.lastContactOn <= TODAY).toBe(true);
      if (r.returnedOn) expect(r.returnedOn >= r.since).toBe(true);
      for (const c of r.contacts)
        expect(c.contactedOn >= r.since && c.contactedOn <= (r.lastContactOn ?? TODAY)).toBe(true);
    }
    const overdue = active.filter((r) => noContactDueOn(r.lastContactOn ?? r.since) <= TODAY).length / active.length;
    expect(overdue).toBeGreaterThan(0.05);
    expect(overdue).toBeLessThan(0.3);
    expect(active.filter((r) => r.lostContact === 1)).toHaveLength(16);
    expect(records.some((r) => r.returnedOn !== null)).toBe(true);
  });
});

describe('demo 光荣在党50年 and external transfers', () => {
  it('awards earlier cohorts mostly, never before the anniversary year, and leaves part of this year due', () => {
    const candidates = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, fullOn: `19${60 + (i % 17)}-03-15` }));
    const awards = generateMedals(candidates, 1, TODAY);
    const fullOn = new Map(candidates.map((c) => [c.id, c.fullOn]));
    for (const a of awards) expect(a.awardedOn >= addYears(fullOn.get(a.memberId)!, 50).slice(0, 4)).toBe(true);
    const thisYear = candidates.filter((c) => c.fullOn.startsWith('1976'));
    const awardedThisYear = awards.filter((a) => fullOn.get(a.memberId)!.startsWith('1976')).length;
    expect(awardedThisYear).toBeGreaterThan(0);
    expect(awardedThisYear).toBeLessThan(thisYear.length);
    expect(awards.length).toBeGreaterThan(candidates.length * 0.8);
  });

  it('alternates 转出 and 转入 on letters, dated within the last year and after joining', () => {
    const t = generateExternalTransfers(members.slice(0, 6), 1, TODAY);
    expect(t.map((x) => x.kind)).toEqual(['out', 'in', 'out', 'in', 'out', 'in']);
    for (const x of t) {
      expect(x.letterNo).toMatch(/^组(转|接)字〔\d{4}〕第\d{3}号$/);
      expect(x.transferDate <= TODAY && x.transferDate > '2025-11-25').toBe(true);
    }
  });
});
