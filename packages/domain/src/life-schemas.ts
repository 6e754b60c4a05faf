// 组织生活 (三会一课, DOMAIN.md §3) over HTTP: meeting records with attendance and 民主评议 results, the obligation
// catalogue, exemptions and compliance queries. The rules themselves are obligations.ts.
import { z } from 'zod';
import { ORG_KINDS, SECTORS } from './constants.js';
import { todayIso } from './dates.js';
import {
  type ComplianceStatus,
  MEETING_KINDS,
  type MeetingKind,
  OBLIGATION_CYCLES,
  type ObligationCycle,
  type ObligationPeriod,
  periodFromKey,
} from './obligations.js';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';

// 民主评议党员 grades (《关于建立民主评议党员制度的意见》): 优秀, 合格, 基本合格, 不合格.
export const MEMBER_REVIEW_RESULTS = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type MemberReviewResult = (typeof MEMBER_REVIEW_RESULTS)[number];
export const MEMBER_REVIEW_RESULT_LABELS: Record<MemberReviewResult, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

/** The kinds that record a result per member (组织生活会 is usually held with 民主评议党员). */
export const MEETING_KINDS_WITH_RESULTS: readonly MeetingKind[] = ['life_meeting', 'member_review'];

/**
 * meetings_short warns about the current period while it is still in progress once this few days (today included)
 * remain and meetings are still missing; the last completed period warns when it ended short.
 */
export const MEETINGS_DUE_SOON_DAYS: Record<ObligationCycle, number> = { month: 7, quarter: 15, year: 30 };

/** '2026年', '2026年第3季度', '2026年7月'. */
export function periodLabel(p: Pick<ObligationPeriod, 'key'>): string {
  const [y, rest] = p.key.split('-');
  if (rest === undefined) return `${y}年`;
  if (rest.startsWith('Q')) return `${y}年第${rest.slice(1)}季度`;
  return `${y}年${Number(rest)}月`;
}

const STATUS_WEIGHT: Record<ComplianceStatus, number> = {
  short: 4,
  in_progress: 3,
  met: 2,
  exempt: 1,
  not_applicable: 0,
};

/** One status for several periods of an obligation (a quarter's three months): the worst of them. */
export function worstStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus {
  let worst: ComplianceStatus = 'not_applicable';
  for (const s of statuses) if (STATUS_WEIGHT[s] > STATUS_WEIGHT[worst]) worst = s;
  return worst;
}

// ——— requests ———

const zMeetingKind = z.enum(MEETING_KINDS, { error: '会议类型无效' });
const zNotFuture = (label: string) =>
  zIsoDate(label).refine((d) => d <= todayIso(), `${label}不能晚于今天（会后如实登记，可以补录）`);

const ZAbsence = z.object({
  memberId: zId,
  reason: zText('缺席原因', 100),
});
const ZResult = z.object({
  memberId: zId,
  result: z.enum(MEMBER_REVIEW_RESULTS, { error: '评议结果应为优秀、合格、基本合格或不合格' }),
});

const meetingFields = {
  kind: zMeetingKind,
  date: zNotFuture('会议日期'),
  topic: zText('会议主题', 200),
  host: zText('主持人', 50),
  place: zOptionalText('会议地点', 100),
  minutes: zOptionalText('会议记录', 20000),
  /** Members present. */
  attendees: z.array(zId, { error: '参会人员应为党员列表' }).max(2000, '参会人员过多'),
  absences: z.array(ZAbsence, { error: '缺席人员应为列表' }).max(2000, '缺席人员过多'),
  /** 组织生活会 / 民主评议党员 only. */
  results: z.array(ZResult, { error: '评议结果应为列表' }).max(2000, '评议结果过多'),
  attachmentIds: z.array(zId, { error: '附件应为列表' }).max(50, '附件过多'),
};

export const ZMeetingCreate = z.object({
  orgId: zId,
  ...meetingFields,
  absences: meetingFields.absences.default([]),
  results: meetingFields.results.default([]),
  attachmentIds: meetingFields.attachmentIds.default([]),
});
export type TMeetingCreate = z.infer<typeof ZMeetingCreate>;

export const ZMeetingUpdate = z.object({ version: zVersion, ...meetingFields }).partial({
  kind: true,
  date: true,
  topic: true,
  host: true,
  place: true,
  minutes: true,
  attendees: true,
  absences: true,
  results: true,
  attachmentIds: true,
});
export type TMeetingUpdate = z.infer<typeof ZMeetingUpdate>;

export const MEETING_SORTS = ['-date', 'date', '-createdAt'] as const;
export const ZMeetingListQuery = ZPaging.extend({
  orgId: zId.optional(),
  kind: zMeetingKind.optional(),
  from: zIsoDate('开始日期').optional(),
  to: zIsoDate('结束日期').optional(),
  late: z.enum(['true', 'false'], { error: '补录筛选应为 true 或 false' }).optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  sort: z.enum(MEETING_SORTS, { error: '排序方式无效' }).default('-date'),
});
export type TMeetingListQuery = z.infer<typeof ZMeetingListQuery>;

export const ZMeetingMembersQuery = z.object({ date: zIsoDate('会议日期') });

export const zPeriodKey = z
  .string({ error: '请选择期间' })
  .trim()
  .refine((k) => {
    try {
      periodFromKey(k);
      return true;
    } catch {
      return false;
    }
  }, '期间应为“2026”“2026-Q3”或“2026-07”的形式');

export const ZComplianceQuery = ZPaging.extend({
  period: zPeriodKey,
  /** Filters the per-org list. */
  status: z.enum(['short', 'in_progress', 'met', 'exempt'], { error: '完成情况无效' }).optional(),
});
export type TComplianceQuery = z.infer<typeof ZComplianceQuery>;

const obligationFields = {
  kind: zMeetingKind,
  cycle: z.enum(OBLIGATION_CYCLES, { error: '周期应为每年、每季度或每月' }),
  expected: z
    .number({ error: '请填写应开次数' })
    .int('应开次数应为整数')
    .min(1, '应开次数至少为1')
    .max(31, '应开次数不能超过31'),
  orgKinds: z
    .array(z.enum(ORG_KINDS, { error: '组织类别无效' }), { error: '请选择适用的组织类别' })
    .min(1, '请选择适用的组织类别'),
  /** null = every sector. */
  sectors: z
    .array(z.enum(SECTORS, { error: '所属领域无效' }))
    .min(1, '请选择领域，或选“全部领域”')
    .nullable(),
  requiresCommittee: z.boolean({ error: '请选择是否仅限设支委会的组织' }),
  startsOn: zIsoDate('执行日期').nullable(),
};
export const ZObligationCreate = z.object(obligationFields);
export type TObligationCreate = z.infer<typeof ZObligationCreate>;
export const ZObligationUpdate = z.object({ version: zVersion, ...obligationFields }).partial({
  kind: true,
  cycle: true,
  expected: true,
  orgKinds: true,
  sectors: true,
  requiresCommittee: true,
  startsOn: true,
});
export type TObligationUpdate = z.infer<typeof ZObligationUpdate>;

export const ZExemptionCreate = z.object({
  orgId: zId,
  /** null = every kind of meeting. */
  kind: zMeetingKind.nullable(),
  periodKey: zPeriodKey,
  reason: zText('免于考核的原因', 200),
});
export type TExemptionCreate = z.infer<typeof ZExemptionCreate>;

export const ZExemptionListQuery = ZPaging.extend({
  period: zPeriodKey.optional(),
});
export type TExemptionListQuery = z.infer<typeof ZExemptionListQuery>;
