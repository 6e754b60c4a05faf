// 组织生活 obligations (DOMAIN.md §3, 三会一课 etc.): the default catalogue of meetings an org must hold per period,
// period arithmetic, exemptions, per-org compliance (held vs expected), and late records (补录).
//
// Decisions where DOMAIN.md is silent:
// - Periods are calendar years, quarters (01-01..03-31, 04-01..06-30, 07-01..09-30, 10-01..12-31) and months, with
//   inclusive start and end dates and keys '2025', '2025-Q2', '2025-04'.
// - The defaults bind 党支部 and 联合党支部 (支委会 only where the branch has a committee) and 党小组 (党小组会);
//   临时党支部, 党总支 and 党委 have no default obligation, and 第一议题 has no required frequency. A county adds or
//   changes obligations by passing its own catalogue.
// - An org owes a period's meetings only if it existed for the whole period: founded on or before the period's first
//   day, and not closed before its last day (closed on the last day still owes). A period it existed for in part is
//   exempt (partialPeriod 'exempt', the default) or owed in full ('required'); a period it did not exist in at all is
//   not applicable.
// - An explicit exemption (obligation_exemption) names a meeting kind (or all kinds), a period key and a reason; it
//   covers an obligation's period that lies entirely within the exemption's period (an exemption for 2025 covers all
//   months and quarters of 2025; one for 2025-01 does not cover 2025-Q1).
// - An obligation with a start date (a county's new rule) binds only periods that begin on or after it: a rule
//   starting mid-period is owed from the next period, as a branch founded mid-period is.
// - Meetings held count even when the period is exempt (status 'met'); a period not yet over is 'in_progress' until
//   it is met, and 'short' only from the day after its end.
// - A record entered more than 30 days after the meeting (MEETING_LATE_RECORD_DAYS) is late (补录); it is marked,
//   never refused.
import type { OrgKind, Sector } from './constants.js';
import { isValidIsoDate, todayIso } from './dates.js';
import { AppError } from './errors.js';

export const MEETING_KINDS = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'first_topic_study',
  'life_meeting',
  'member_review',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  first_topic_study: '第一议题',
  life_meeting: '组织生活会',
  member_review: '民主评议党员',
};

export const OBLIGATION_CYCLES = ['year', 'quarter', 'month'] as const;
export type ObligationCycle = (typeof OBLIGATION_CYCLES)[number];
export const OBLIGATION_CYCLE_LABELS: Record<ObligationCycle, string> = {
  year: '每年',
  quarter: '每季度',
  month: '每月',
};

export interface Obligation {
  kind: MeetingKind;
  cycle: ObligationCycle;
  /** At least this many meetings per period. */
  expected: number;
  orgKinds: readonly OrgKind[];
  /** null = every sector. */
  sectors: readonly Sector[] | null;
  /** Only orgs with a committee (支委会) owe it. */
  requiresCommittee: boolean;
  /** Binds the periods that begin on or after this day; earlier ones are not applicable. Absent/null = always. */
  startsOn?: string | null;
}

const BRANCHES: readonly OrgKind[] = ['branch', 'joint_branch'];

export const DEFAULT_OBLIGATIONS: readonly Obligation[] = [
  {
    kind: 'general_meeting',
    cycle: 'quarter',
    expected: 1,
    orgKinds: BRANCHES,
    sectors: null,
    requiresCommittee: false,
  },
  {
    kind: 'committee_meeting',
    cycle: 'month',
    expected: 1,
    orgKinds: BRANCHES,
    sectors: null,
    requiresCommittee: true,
  },
  { kind: 'group_meeting', cycle: 'month', expected: 1, orgKinds: ['group'], sectors: null, requiresCommittee: false },
  { kind: 'party_lecture', cycle: 'quarter', expected: 1, orgKinds: BRANCHES, sectors: null, requiresCommittee: false },
  { kind: 'theme_day', cycle: 'month', expected: 1, orgKinds: BRANCHES, sectors: null, requiresCommittee: false },
  { kind: 'life_meeting', cycle: 'year', expected: 1, orgKinds: BRANCHES, sectors: null, requiresCommittee: false },
  { kind: 'member_review', cycle: 'year', expected: 1, orgKinds: BRANCHES, sectors: null, requiresCommittee: false },
];

/** Days after the meeting beyond which a record is late (补录). */
export const MEETING_LATE_RECORD_DAYS = 30;

// ——— periods ———

export interface ObligationPeriod {
  cycle: ObligationCycle;
  /** '2025', '2025-Q2', '2025-04'. */
  key: string;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function period(cycle: ObligationCycle, y: number, firstMonth: number, months: number, key: string): ObligationPeriod {
  const lastMonth = firstMonth + months - 1;
  return {
    cycle,
    key,
    start: `${pad(y, 4)}-${pad(firstMonth)}-01`,
    end: `${pad(y, 4)}-${pad(lastMonth)}-${pad(lastDayOfMonth(y, lastMonth))}`,
  };
}

function requireDate(date: string, what: string): void {
  if (!isValidIsoDate(date)) throw new AppError('VALIDATION_FAILED', `${what}无效：${date}`);
}

/** The period of `cycle` containing `date`. */
export function periodOf(cycle: ObligationCycle, date: string): ObligationPeriod {
  requireDate(date, '日期');
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (cycle === 'year') return period(cycle, y, 1, 12, pad(y, 4));
  if (cycle === 'quarter') {
    const q = Math.ceil(m / 3);
    return period(cycle, y, q * 3 - 2, 3, `${pad(y, 4)}-Q${q}`);
  }
  return period(cycle, y, m, 1, `${pad(y, 4)}-${pad(m)}`);
}

/** The period a key names: '2025' (year), '2025-Q2' (quarter), '2025-04' (month). */
export function periodFromKey(key: string): ObligationPeriod {
  const year = /^(\d{4})$/.exec(key);
  if (year) return periodOf('year', `${year[1]}-01-01`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return periodOf('quarter', `${quarter[1]}-${pad(Number(quarter[2]) * 3 - 2)}-01`);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (month) return periodOf('month', `${month[1]}-${month[2]}-01`);
  throw new AppError('VALIDATION_FAILED', `期间应为“2025”“2025-Q2”或“2025-04”的形式：${key}`);
}

/** The period right after `p`. */
export function nextPeriod(p: ObligationPeriod): ObligationPeriod {
  const [y, m, d] = p.end.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return periodOf(p.cycle, next);
}

// A subtree's compliance asks for the same few ranges once per org: remember the last ones.
const periodsCache = new Map<string, readonly ObligationPeriod[]>();

/** Every period of `cycle` that overlaps [from, to] (inclusive), in order; empty when from > to. */
export function periodsBetween(cycle: ObligationCycle, from: string, to: string): ObligationPeriod[] {
  const key = `${cycle}|${from}|${to}`;
  const cached = periodsCache.get(key);
  if (cached) return cached.slice();
  requireDate(from, '开始日期');
  requireDate(to, '结束日期');
  const out: ObligationPeriod[] = [];
  if (from > to) return out;
  for (let p = periodOf(cycle, from); p.start <= to; p = nextPeriod(p)) out.push(Object.freeze(p));
  if (periodsCache.size >= 64) periodsCache.clear();
  periodsCache.set(key, out);
  return out.slice();
}

// ——— compliance ———

export interface OrgForObligations {
  kind: OrgKind;
  sector: Sector | null;
  /** Has a branch committee (支部委员会). */
  hasCommittee: boolean;
  foundedOn: string | null;
  closedOn: string | null;
}

export interface MeetingForCompliance {
  kind: MeetingKind;
  date: string;
}

export interface ObligationExemption {
  /** null = every kind of meeting. */
  kind: MeetingKind | null;
  periodKey: string;
  reason: string;
}

export const COMPLIANCE_STATUSES = ['met', 'short', 'in_progress', 'exempt', 'not_applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, string> = {
  met: '已完成',
  short: '未完成',
  in_progress: '进行中',
  exempt: '免于考核',
  not_applicable: '不适用',
};

export interface ComplianceOptions {
  /** The day compliance is judged on: a period not over by then is in progress. */
  today: string;
  exemptions?: readonly ObligationExemption[];
  /** A period the org existed for in part: exempt (default) or owed in full. */
  partialPeriod?: 'exempt' | 'required';
}

export interface ObligationCompliance {
  kind: MeetingKind;
  cycle: ObligationCycle;
  period: ObligationPeriod;
  expected: number;
  held: number;
  status: ComplianceStatus;
  /** Meetings missing (0 unless the status is short or in progress). */
  shortBy: number;
  /** Why the period is exempt or not applicable. */
  reason: string | null;
}

/** Does `obligation` bind `org` at all (kind, sector, committee)? */
export function obligationApplies(org: OrgForObligations, obligation: Obligation): boolean {
  return (
    obligation.orgKinds.includes(org.kind) &&
    (obligation.sectors === null || (org.sector !== null && obligation.sectors.includes(org.sector))) &&
    (!obligation.requiresCommittee || org.hasCommittee)
  );
}

export function applicableObligations(
  org: OrgForObligations,
  obligations: readonly Obligation[] = DEFAULT_OBLIGATIONS,
): Obligation[] {
  return obligations.filter((o) => obligationApplies(org, o));
}

function exemptionReason(
  org: OrgForObligations,
  obligation: Obligation,
  p: ObligationPeriod,
  options: ComplianceOptions,
): { status: 'exempt' | 'not_applicable'; reason: string } | null {
  if (!obligationApplies(org, obligation)) {
    return { status: 'not_applicable', reason: `${MEETING_KIND_LABELS[obligation.kind]}不适用于该党组织` };
  }
  if (obligation.startsOn != null && p.start < obligation.startsOn) {
    return { status: 'not_applicable', reason: `${obligation.startsOn}起执行` };
  }
  const { foundedOn, closedOn } = org;
  if (foundedOn !== null && foundedOn > p.end)
    return { status: 'not_applicable', reason: `${foundedOn}成立，本期尚未成立` };
  if (closedOn !== null && closedOn < p.start)
    return { status: 'not_applicable', reason: `${closedOn}撤销，本期已不存在` };
  for (const e of options.exemptions ?? []) {
    if (e.kind !== null && e.kind !== obligation.kind) continue;
    const covers = periodFromKey(e.periodKey);
    if (covers.start <= p.start && p.end <= covers.end) return { status: 'exempt', reason: e.reason };
  }
  if ((options.partialPeriod ?? 'exempt') === 'exempt') {
    if (foundedOn !== null && foundedOn > p.start) return { status: 'exempt', reason: `本期内新成立（${foundedOn}）` };
    if (closedOn !== null && closedOn < p.end) return { status: 'exempt', reason: `本期内撤销（${closedOn}）` };
  }
  return null;
}

/** Meetings of the obligation's kind held in the period vs expected. `meetings` are the org's own. */
export function obligationCompliance(
  org: OrgForObligations,
  obligation: Obligation,
  p: ObligationPeriod,
  meetings: readonly MeetingForCompliance[],
  options: ComplianceOptions,
): ObligationCompliance {
  if (p.cycle !== obligation.cycle) {
    throw new AppError(
      'VALIDATION_FAILED',
      `期间${p.key}与${MEETING_KIND_LABELS[obligation.kind]}的周期（${OBLIGATION_CYCLE_LABELS[obligation.cycle]}）不符`,
    );
  }
  const held = meetings.filter((m) => m.kind === obligation.kind && m.date >= p.start && m.date <= p.end).length;
  const base = { kind: obligation.kind, cycle: obligation.cycle, period: p, expected: obligation.expected, held };
  const exempt = exemptionReason(org, obligation, p, options);
  if (exempt?.status === 'not_applicable')
    return { ...base, status: 'not_applicable', shortBy: 0, reason: exempt.reason };
  if (held >= obligation.expected) return { ...base, status: 'met', shortBy: 0, reason: null };
  if (exempt !== null) return { ...base, status: 'exempt', shortBy: 0, reason: exempt.reason };
  const shortBy = obligation.expected - held;
  return { ...base, status: options.today > p.end ? 'short' : 'in_progress', shortBy, reason: null };
}

export interface OrgCompliance {
  /** One row per applicable obligation and period overlapping [from, to], by obligation then period; periods the
   * org did not exist in at all are left out. */
  rows: ObligationCompliance[];
  /** Rows whose status is short. */
  shortfalls: ObligationCompliance[];
  /** No shortfall. */
  compliant: boolean;
}

/** Compliance of one org over [from, to] with every obligation that binds it. */
export function orgCompliance(
  org: OrgForObligations,
  meetings: readonly MeetingForCompliance[],
  from: string,
  to: string,
  options: ComplianceOptions,
  obligations: readonly Obligation[] = DEFAULT_OBLIGATIONS,
): OrgCompliance {
  const rows: ObligationCompliance[] = [];
  for (const o of applicableObligations(org, obligations)) {
    // Each period only looks at meetings of its obligation's kind.
    const ofKind = meetings.filter((m) => m.kind === o.kind);
    for (const p of periodsBetween(o.cycle, from, to)) {
      const row = obligationCompliance(org, o, p, ofKind, options);
      if (row.status !== 'not_applicable') rows.push(row);
    }
  }
  const shortfalls = rows.filter((r) => r.status === 'short');
  return { rows, shortfalls, compliant: shortfalls.length === 0 };
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Was the meeting recorded late (补录)? `recordedAt` is a date ('YYYY-MM-DD') or a moment (a Date or an ISO
 * timestamp, read as a day in China). Late = more than `lateAfterDays` days after the meeting; day 30 is on time.
 */
export function meetingIsLate(
  meetingDate: string,
  recordedAt: string | Date,
  lateAfterDays: number = MEETING_LATE_RECORD_DAYS,
): boolean {
  requireDate(meetingDate, '会议日期');
  let recordedOn: string;
  if (recordedAt instanceof Date) recordedOn = todayIso(recordedAt);
  else if (recordedAt.length === 10) recordedOn = recordedAt;
  else {
    const moment = new Date(recordedAt);
    if (Number.isNaN(moment.getTime())) throw new AppError('VALIDATION_FAILED', `录入时间无效：${recordedAt}`);
    recordedOn = todayIso(moment);
  }
  requireDate(recordedOn, '录入日期');
  return dayNumber(recordedOn) - dayNumber(meetingDate) > lateAfterDays;
}
