import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { AppError } from './errors.js';
import {
  applicableObligations,
  COMPLIANCE_STATUS_LABELS,
  COMPLIANCE_STATUSES,
  DEFAULT_OBLIGATIONS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_LATE_RECORD_DAYS,
  type MeetingForCompliance,
  meetingIsLate,
  nextPeriod,
  OBLIGATION_CYCLES,
  type Obligation,
  type ObligationCycle,
  type OrgForObligations,
  obligationCompliance,
  orgCompliance,
  periodFromKey,
  periodOf,
  periodsBetween,
} from './obligations.js';

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function branch(over: Partial<OrgForObligations> = {}): OrgForObligations {
  return { kind: 'branch', sector: 'rural', hasCommittee: true, foundedOn: '2010-01-01', closedOn: null, ...over };
}
const obligation = (kind: string) => DEFAULT_OBLIGATIONS.find((o) => o.kind === kind) as Obligation;
const GENERAL = obligation('general_meeting');
const COMMITTEE = obligation('committee_meeting');
const meetings = (kind: MeetingForCompliance['kind'], ...dates: string[]) => dates.map((date) => ({ kind, date }));

describe('the default catalogue (DOMAIN.md §3)', () => {
  it('has the meeting kinds of GLOSSARY.md with Chinese labels', () => {
    expect(MEETING_KINDS).toEqual([
      'general_meeting',
      'committee_meeting',
      'group_meeting',
      'party_lecture',
      'theme_day',
      'first_topic_study',
      'life_meeting',
      'member_review',
    ]);
    for (const k of MEETING_KINDS) expect(MEETING_KIND_LABELS[k]).toMatch(/^[\u4e00-\u9fff]+$/);
    for (const s of COMPLIANCE_STATUSES) expect(COMPLIANCE_STATUS_LABELS[s]).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(OBLIGATION_CYCLES).toEqual(['year', 'quarter', 'month']);
  });

  it('三会一课: 党员大会 and 党课 quarterly, 支委会 and 党小组会 monthly; 主题党日 monthly; 组织生活会 and 民主评议 yearly', () => {
    expect(DEFAULT_OBLIGATIONS.map((o) => [o.kind, o.cycle, o.expected])).toEqual([
      ['general_meeting', 'quarter', 1],
      ['committee_meeting', 'month', 1],
      ['group_meeting', 'month', 1],
      ['party_lecture', 'quarter', 1],
      ['theme_day', 'month', 1],
      ['life_meeting', 'year', 1],
      ['member_review', 'year', 1],
    ]);
  });

  it('binds branches, committees only where there is one, 党小组 for 党小组会, nobody for 第一议题', () => {
    const kinds = (org: OrgForObligations) => applicableObligations(org).map((o) => o.kind);
    expect(kinds(branch())).toEqual([
      'general_meeting',
      'committee_meeting',
      'party_lecture',
      'theme_day',
      'life_meeting',
      'member_review',
    ]);
    expect(kinds(branch({ hasCommittee: false }))).not.toContain('committee_meeting');
    expect(kinds(branch({ kind: 'joint_branch' }))).toEqual(kinds(branch()));
    expect(kinds(branch({ kind: 'group', hasCommittee: false }))).toEqual(['group_meeting']);
    expect(kinds(branch({ kind: 'temporary_branch' }))).toEqual([]);
    expect(kinds(branch({ kind: 'committee' }))).toEqual([]);
    expect(DEFAULT_OBLIGATIONS.some((o) => o.kind === 'first_topic_study')).toBe(false);
  });

  it('a county catalogue may limit an obligation to sectors', () => {
    const custom: Obligation[] = [
      {
        kind: 'first_topic_study',
        cycle: 'month',
        expected: 1,
        orgKinds: ['branch'],
        sectors: ['government'],
        requiresCommittee: false,
      },
    ];
    expect(applicableObligations(branch({ sector: 'government' }), custom)).toHaveLength(1);
    expect(applicableObligations(branch({ sector: 'rural' }), custom)).toHaveLength(0);
    expect(applicableObligations(branch({ sector: null }), custom)).toHaveLength(0);
  });
});

describe('periods', () => {
  it('quarter boundaries: 03-31 is Q1, 04-01 is Q2', () => {
    expect(periodOf('quarter', '2025-03-31')).toEqual({
      cycle: 'quarter',
      key: '2025-Q1',
      start: '2025-01-01',
      end: '2025-03-31',
    });
    expect(periodOf('quarter', '2025-04-01')).toEqual({
      cycle: 'quarter',
      key: '2025-Q2',
      start: '2025-04-01',
      end: '2025-06-30',
    });
    expect(periodOf('quarter', '2025-09-30').key).toBe('2025-Q3');
    expect(periodOf('quarter', '2025-10-01')).toMatchObject({ key: '2025-Q4', end: '2025-12-31' });
  });

  it('year boundaries: 12-31 and 01-01 are in different years, quarters and months', () => {
    for (const cycle of OBLIGATION_CYCLES) {
      expect(periodOf(cycle, '2024-12-31').end).toBe('2024-12-31');
      expect(periodOf(cycle, '2025-01-01').start).toBe('2025-01-01');
    }
    expect(periodOf('year', '2024-07-15')).toEqual({
      cycle: 'year',
      key: '2024',
      start: '2024-01-01',
      end: '2024-12-31',
    });
  });

  it('February ends on 02-29 in leap years only (2000 yes, 2100 no)', () => {
    expect(periodOf('month', '2024-02-10')).toEqual({
      cycle: 'month',
      key: '2024-02',
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodOf('month', '2023-02-10').end).toBe('2023-02-28');
    expect(periodOf('month', '2000-02-01').end).toBe('2000-02-29');
    expect(periodOf('month', '2100-02-01').end).toBe('2100-02-28');
  });

  it('keys name periods, and back', () => {
    expect(periodFromKey('2025')).toEqual(periodOf('year', '2025-06-01'));
    expect(periodFromKey('2025-Q2')).toEqual(periodOf('quarter', '2025-05-15'));
    expect(periodFromKey('2025-04')).toEqual(periodOf('month', '2025-04-30'));
    for (const key of ['2025-Q5', '2025-Q0', '2025-13', '2025-1', '25', '2025-q1', '']) {
      expect(thrown(() => periodFromKey(key)).code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses invalid dates', () => {
    expect(thrown(() => periodOf('month', '2025-02-29')).message).toBe('日期无效：2025-02-29');
  });

  it('periodsBetween: the periods overlapping the range, both ends included', () => {
    expect(periodsBetween('quarter', '2025-03-31', '2025-04-01').map((p) => p.key)).toEqual(['2025-Q1', '2025-Q2']);
    expect(periodsBetween('month', '2024-12-31', '2025-01-01').map((p) => p.key)).toEqual(['2024-12', '2025-01']);
    expect(periodsBetween('year', '2024-12-31', '2025-01-01').map((p) => p.key)).toEqual(['2024', '2025']);
    expect(periodsBetween('month', '2025-01-01', '2025-12-31')).toHaveLength(12);
    expect(periodsBetween('quarter', '2025-05-05', '2025-05-05').map((p) => p.key)).toEqual(['2025-Q2']);
    expect(periodsBetween('month', '2025-02-01', '2025-01-31')).toEqual([]);
  });

  it('property: periods partition the calendar — contiguous, each date in exactly the period periodOf names', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ObligationCycle>(...OBLIGATION_CYCLES),
        isoDate,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 800 }),
        (cycle, from, length, probe) => {
          const to = addDays(from, length);
          const periods = periodsBetween(cycle, from, to);
          const first = periods[0] as (typeof periods)[number];
          const last = periods.at(-1) as (typeof periods)[number];
          expect(first.start <= from && from <= first.end).toBe(true);
          expect(last.start <= to && to <= last.end).toBe(true);
          for (let i = 1; i < periods.length; i++) {
            expect(periods[i]?.start).toBe(addDays(periods[i - 1]?.end as string, 1));
            expect(periods[i]).toEqual(nextPeriod(periods[i - 1] as (typeof periods)[number]));
          }
          const day = addDays(from, Math.min(probe, length));
          const containing = periods.filter((p) => p.start <= day && day <= p.end);
          expect(containing).toEqual([periodOf(cycle, day)]);
          expect(periodFromKey(periodOf(cycle, day).key)).toEqual(periodOf(cycle, day));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('compliance of one obligation in one period', () => {
  const Q2 = periodFromKey('2025-Q2');
  const status = (org: OrgForObligations, held: MeetingForCompliance[], today = '2025-07-01', extra = {}) =>
    obligationCompliance(org, GENERAL, Q2, held, { today, ...extra });

  it('held: met', () => {
    expect(status(branch(), meetings('general_meeting', '2025-05-20'))).toEqual({
      kind: 'general_meeting',
      cycle: 'quarter',
      period: Q2,
      expected: 1,
      held: 1,
      status: 'met',
      shortBy: 0,
      reason: null,
    });
  });

  it('not held: in progress up to the last day, short from the day after', () => {
    expect(status(branch(), [], '2025-06-30')).toMatchObject({ status: 'in_progress', shortBy: 1 });
    expect(status(branch(), [], '2025-07-01')).toMatchObject({ status: 'short', shortBy: 1 });
  });

  it('counts only its kind and its period: 03-31 is Q1, 04-01 and 06-30 are Q2, 07-01 is Q3', () => {
    const held = [
      ...meetings('general_meeting', '2025-03-31', '2025-07-01'),
      ...meetings('party_lecture', '2025-05-01'),
    ];
    expect(status(branch(), held)).toMatchObject({ held: 0, status: 'short' });
    expect(status(branch(), meetings('general_meeting', '2025-04-01')).held).toBe(1);
    expect(status(branch(), meetings('general_meeting', '2025-06-30')).held).toBe(1);
  });

  it('two expected, one held: short by one', () => {
    const twice = { ...GENERAL, expected: 2 };
    const row = obligationCompliance(branch(), twice, Q2, meetings('general_meeting', '2025-05-01'), {
      today: '2025-07-01',
    });
    expect(row).toMatchObject({ expected: 2, held: 1, status: 'short', shortBy: 1 });
  });

  it('founded on the first day of the quarter: owed; the day after: exempt for that quarter', () => {
    expect(status(branch({ foundedOn: '2025-04-01' }), [])).toMatchObject({ status: 'short' });
    expect(status(branch({ foundedOn: '2025-04-02' }), [])).toMatchObject({
      status: 'exempt',
      shortBy: 0,
      reason: '本期内新成立（2025-04-02）',
    });
    expect(status(branch({ foundedOn: '2025-06-30' }), [])).toMatchObject({ status: 'exempt' });
  });

  it('founded mid-quarter but held anyway: met', () => {
    expect(status(branch({ foundedOn: '2025-05-01' }), meetings('general_meeting', '2025-06-01')).status).toBe('met');
  });

  it('founded mid-quarter, configured to owe partial periods: short', () => {
    expect(status(branch({ foundedOn: '2025-05-01' }), [], '2025-07-01', { partialPeriod: 'required' }).status).toBe(
      'short',
    );
  });

  it('founded after the quarter: not applicable', () => {
    expect(status(branch({ foundedOn: '2025-07-01' }), [])).toMatchObject({
      status: 'not_applicable',
      reason: '2025-07-01成立，本期尚未成立',
    });
  });

  it('closed on the last day: owed; closed before: exempt; closed before the quarter: not applicable', () => {
    expect(status(branch({ closedOn: '2025-06-30' }), []).status).toBe('short');
    expect(status(branch({ closedOn: '2025-06-29' }), [])).toMatchObject({
      status: 'exempt',
      reason: '本期内撤销（2025-06-29）',
    });
    expect(status(branch({ closedOn: '2025-03-31' }), []).status).toBe('not_applicable');
  });

  it('an explicit exemption of the kind for the quarter, or of every kind for the year, exempts with its reason', () => {
    const forQuarter = [{ kind: 'general_meeting' as const, periodKey: '2025-Q2', reason: '疫情防控暂停集中活动' }];
    expect(status(branch(), [], '2025-07-01', { exemptions: forQuarter })).toMatchObject({
      status: 'exempt',
      reason: '疫情防控暂停集中活动',
    });
    const forYear = [{ kind: null, periodKey: '2025', reason: '抗洪抢险' }];
    expect(status(branch(), [], '2025-07-01', { exemptions: forYear }).status).toBe('exempt');
  });

  it('an exemption of another kind, another period, or a month inside the quarter does not exempt the quarter', () => {
    const other = [
      { kind: 'party_lecture' as const, periodKey: '2025-Q2', reason: 'x' },
      { kind: null, periodKey: '2025-Q1', reason: 'x' },
      { kind: null, periodKey: '2025-04', reason: 'x' },
    ];
    expect(status(branch(), [], '2025-07-01', { exemptions: other }).status).toBe('short');
  });

  it('a month exemption exempts that month’s monthly obligation', () => {
    const row = obligationCompliance(branch(), COMMITTEE, periodFromKey('2025-04'), [], {
      today: '2025-07-01',
      exemptions: [{ kind: null, periodKey: '2025-04', reason: '换届选举' }],
    });
    expect(row).toMatchObject({ status: 'exempt', reason: '换届选举' });
  });

  it('an obligation that does not bind the org: not applicable', () => {
    const row = obligationCompliance(branch({ hasCommittee: false }), COMMITTEE, periodFromKey('2025-04'), [], {
      today: '2025-07-01',
    });
    expect(row).toMatchObject({ status: 'not_applicable', reason: '支委会不适用于该党组织' });
  });

  it('an obligation with a start date binds periods beginning on or after it, not the one it starts in', () => {
    const from = (startsOn: string) =>
      obligationCompliance(branch(), { ...GENERAL, startsOn }, Q2, [], { today: '2025-07-01' });
    expect(from('2025-04-01').status).toBe('short');
    expect(from('2025-04-02')).toMatchObject({ status: 'not_applicable', reason: '2025-04-02起执行' });
    expect(
      orgCompliance(branch(), [], '2025-01-01', '2025-12-31', { today: '2026-01-01' }, [
        { ...GENERAL, startsOn: '2025-05-01' },
      ]).rows.map((r) => r.period.key),
    ).toEqual(['2025-Q3', '2025-Q4']);
  });

  it('refuses a period of another cycle', () => {
    expect(
      thrown(() => obligationCompliance(branch(), GENERAL, periodFromKey('2025-04'), [], { today: '2025-07-01' }))
        .message,
    ).toBe('期间2025-04与支部党员大会的周期（每季度）不符');
  });
});

describe('compliance of an org over a range', () => {
  const held: MeetingForCompliance[] = [
    ...meetings('general_meeting', '2025-03-15', '2025-06-15'),
    ...meetings('committee_meeting', '2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-06-10'),
    ...meetings('party_lecture', '2025-03-20', '2025-04-20'),
    ...meetings('theme_day', '2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'),
  ];

  it('one row per obligation and period; shortfalls are the months and quarters missed', () => {
    const result = orgCompliance(branch(), held, '2025-01-01', '2025-06-30', { today: '2025-07-01' });
    // 2 quarters × (大会, 党课) + 6 months × (支委会, 主题党日) + the year × (组织生活会, 民主评议)
    expect(result.rows).toHaveLength(18);
    expect(result.shortfalls.map((r) => [r.kind, r.period.key])).toEqual([['committee_meeting', '2025-05']]);
    expect(result.compliant).toBe(false);
    expect(result.rows.filter((r) => r.cycle === 'year').map((r) => r.status)).toEqual(['in_progress', 'in_progress']);
  });

  it('a branch founded on 2025-05-20: April is left out, May and Q2 exempt, June owed', () => {
    const org = branch({ foundedOn: '2025-05-20' });
    const since = held.filter((m) => m.date >= '2025-05-20');
    const result = orgCompliance(org, since, '2025-04-01', '2025-06-30', { today: '2025-07-01' });
    const committee = result.rows.filter((r) => r.kind === 'committee_meeting');
    expect(committee.map((r) => [r.period.key, r.status])).toEqual([
      ['2025-05', 'exempt'],
      ['2025-06', 'met'],
    ]);
    expect(result.rows.find((r) => r.kind === 'general_meeting')?.status).toBe('met');
    expect(result.rows.find((r) => r.kind === 'party_lecture')?.status).toBe('exempt');
    expect(result.compliant).toBe(true);
  });

  it('nothing owed by a temporary branch', () => {
    expect(
      orgCompliance(branch({ kind: 'temporary_branch' }), [], '2025-01-01', '2025-12-31', { today: '2026-01-01' }),
    ).toEqual({
      rows: [],
      shortfalls: [],
      compliant: true,
    });
  });
});

describe('late records (补录)', () => {
  it('30 days after: not late; 31: late (the default threshold)', () => {
    expect(MEETING_LATE_RECORD_DAYS).toBe(30);
    expect(meetingIsLate('2025-01-01', '2025-01-31')).toBe(false);
    expect(meetingIsLate('2025-01-01', '2025-02-01')).toBe(true);
  });

  it('across February and the year end', () => {
    expect(meetingIsLate('2024-02-01', '2024-03-02')).toBe(false); // 30 days in a leap year
    expect(meetingIsLate('2024-02-01', '2024-03-03')).toBe(true);
    expect(meetingIsLate('2024-12-15', '2025-01-14')).toBe(false);
    expect(meetingIsLate('2024-12-15', '2025-01-15')).toBe(true);
  });

  it('the same day or before the meeting (recorded ahead): not late', () => {
    expect(meetingIsLate('2025-01-01', '2025-01-01')).toBe(false);
    expect(meetingIsLate('2025-01-10', '2025-01-01')).toBe(false);
  });

  it('a moment is read as a day in China (UTC+8)', () => {
    expect(meetingIsLate('2025-01-01', new Date('2025-01-31T15:59:59Z'))).toBe(false);
    expect(meetingIsLate('2025-01-01', new Date('2025-01-31T16:00:00Z'))).toBe(true);
    expect(meetingIsLate('2025-01-01', '2025-01-31T16:00:00.000Z')).toBe(true);
  });

  it('a configurable threshold', () => {
    expect(meetingIsLate('2025-01-01', '2025-01-08', 7)).toBe(false);
    expect(meetingIsLate('2025-01-01', '2025-01-09', 7)).toBe(true);
  });

  it('refuses invalid dates', () => {
    expect(thrown(() => meetingIsLate('2025-02-30', '2025-03-01')).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => meetingIsLate('2025-01-01', 'yesterday, roughly')).code).toBe('VALIDATION_FAILED');
  });

  it('property: late exactly when the record is more than 30 days after the meeting', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5, max: 90 }), (meeting, days) => {
        expect(meetingIsLate(meeting, addDays(meeting, days))).toBe(days > 30);
      }),
      { numRuns: 500 },
    );
  });
});
