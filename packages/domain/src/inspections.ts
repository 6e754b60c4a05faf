// 督导检查与整改 (DOMAIN.md §6): inspection rounds (督导检查, 明察暗访) and the problems they find, rectified through
// 待整改 → 整改中 → 已提交 (with evidence) → 已验收销号, or 退回 back to 整改中.
//
// Decisions where DOMAIN.md is silent:
// - 逾期 is derived, never a state: not yet accepted and today is after the deadline (the deadline day is on time).
//   A problem submitted on time but not yet accepted still counts as overdue once the day has passed.
// - Rectification rate = accepted / found, in percent with one decimal; nothing found → null.
// - Acceptance and return belong to a level above the problem's org (inspections:verify anchored above it), never
//   the rectifying org itself.
import { z } from 'zod';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';

export const PROBLEM_STATES = ['pending', 'rectifying', 'submitted', 'accepted'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  pending: '待整改',
  rectifying: '整改中',
  submitted: '已提交',
  accepted: '已验收销号',
};
export const PROBLEM_OVERDUE_LABEL = '逾期';

export const PROBLEM_ACTIONS = ['start', 'submit', 'accept', 'return'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];
export const PROBLEM_ACTION_LABELS: Record<ProblemAction | 'create', string> = {
  create: '发现问题',
  start: '开始整改',
  submit: '提交整改材料',
  accept: '验收销号',
  return: '退回重新整改',
};

export const PROBLEM_CATEGORIES = [
  'organization_life',
  'member_management',
  'development',
  'dues',
  'positions',
  'records',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  organization_life: '组织生活',
  member_management: '党员教育管理',
  development: '发展党员',
  dues: '党费收缴',
  positions: '阵地建设',
  records: '基础台账',
  other: '其他',
};

export const PROBLEM_SEVERITIES = ['minor', 'major', 'severe'] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];
export const PROBLEM_SEVERITY_LABELS: Record<ProblemSeverity, string> = {
  minor: '一般',
  major: '较重',
  severe: '严重',
};

export const INSPECTION_KINDS = ['open', 'unannounced'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  open: '督导检查',
  unannounced: '明察暗访',
};

export function isProblemOverdue(p: { state: ProblemState; deadline: string }, today: string): boolean {
  return p.state !== 'accepted' && today > p.deadline;
}

// ---- request schemas

export const ZInspectionRoundCreate = z
  .object({
    orgId: zId,
    title: zText('检查名称', 200),
    team: zText('检查组', 500),
    kind: z.enum(INSPECTION_KINDS, { error: '检查方式无效' }),
    checklist: z.array(zText('检查事项', 300)).max(100, '检查事项最多100条').default([]),
    startsOn: zIsoDate('开始日期'),
    endsOn: zIsoDate('结束日期'),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type TInspectionRoundCreate = z.infer<typeof ZInspectionRoundCreate>;

export const ZInspectionRoundListQuery = ZPaging.extend({ orgId: zId.optional() });
export type TInspectionRoundListQuery = z.infer<typeof ZInspectionRoundListQuery>;

export const ZProblemCreate = z.object({
  roundId: zId,
  orgId: zId,
  category: z.enum(PROBLEM_CATEGORIES, { error: '问题类别无效' }),
  description: zText('问题描述', 2000),
  severity: z.enum(PROBLEM_SEVERITIES, { error: '严重程度无效' }),
  responsiblePerson: zText('整改责任人', 50),
  deadline: zIsoDate('整改期限'),
  attachmentIds: z.array(zId).max(20).default([]),
});
export type TProblemCreate = z.infer<typeof ZProblemCreate>;

export const ZProblemListQuery = ZPaging.extend({
  orgId: zId.optional(),
  roundId: zId.optional(),
  state: z.enum(PROBLEM_STATES, { error: '整改状态无效' }).optional(),
  category: z.enum(PROBLEM_CATEGORIES, { error: '问题类别无效' }).optional(),
  overdue: z.enum(['true', 'false'], { error: '逾期筛选无效' }).optional(),
});
export type TProblemListQuery = z.infer<typeof ZProblemListQuery>;

/** The export takes the list's filters, without paging: every matching row. */
export const ZProblemExportQuery = ZProblemListQuery.omit({ page: true, pageSize: true });
export type TProblemExportQuery = z.infer<typeof ZProblemExportQuery>;

export const ZProblemActionParams = z.object({
  id: zId,
  action: z.enum(PROBLEM_ACTIONS, { error: '整改操作无效' }),
});

/** `evidence`: a description of what was done, or the ids of uploaded files; `attachmentIds` adds files to a text. */
export const ZProblemActionBody = z.object({
  version: zVersion,
  reason: zOptionalText('原因', 1000),
  evidence: z.union([zText('整改材料', 2000), z.array(zId).max(20, '附件不能超过 20 个')]).optional(),
  attachmentIds: z.array(zId).max(20, '附件不能超过 20 个').default([]),
});
export type TProblemActionBody = z.infer<typeof ZProblemActionBody>;

export const ZInspectionFiguresQuery = z.object({ orgId: zId.optional(), roundId: zId.optional() });
export type TInspectionFiguresQuery = z.infer<typeof ZInspectionFiguresQuery>;
