// Request schemas of 清单管理: task lists, key tasks, measures, assignments and their progress; 书记项目 and 实事.
import { z } from 'zod';
import { SECTORS } from './constants.js';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';
import {
  MATTER_KINDS,
  MATTER_STATUSES,
  PROJECT_GRADES,
  PROJECT_STAGES,
  SATISFACTIONS,
  TASK_ASSIGNMENT_ACTIONS,
  TASK_ASSIGNMENT_STATES,
} from './tasks.js';

const zTaskYear = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在2000年以后')
  .max(2100, '年度无效');
const zSector = z.enum(SECTORS, { error: '领域无效' });
const zOrgIds = z.array(zId, { error: '请选择责任单位' }).min(1, '请至少选择一个责任单位').max(2000, '责任单位过多');

// ---- task lists

export const ZTaskListCreate = z.object({
  orgId: zId,
  year: zTaskYear,
  sector: zSector,
  title: zText('清单名称', 100),
  description: zOptionalText('说明', 2000),
});
export type TTaskListCreate = z.infer<typeof ZTaskListCreate>;
export const ZTaskListUpdate = ZTaskListCreate.omit({ orgId: true }).partial().extend({ version: zVersion });
export type TTaskListUpdate = z.infer<typeof ZTaskListUpdate>;
export const ZTaskListQuery = ZPaging.extend({
  orgId: zId.optional(),
  year: zTaskYear.optional(),
  sector: zSector.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;
/** The import's list: issuer, year, domain and title as query parameters beside the uploaded sheet. */
export const ZTaskListImportQuery = ZTaskListCreate.omit({ description: true });
export type TTaskListImportQuery = z.infer<typeof ZTaskListImportQuery>;

export const ZTaskCreate = z.object({ title: zText('重点任务', 200) });
export const ZTaskUpdate = ZTaskCreate.extend({ version: zVersion });

/** 推进措施 with the four fixes: what (title), how (method), when (deadline), who (orgs, person). */
export const ZMeasureCreate = z.object({
  taskId: zId,
  title: zText('推进措施', 500),
  method: zOptionalText('具体举措', 2000),
  deadline: zIsoDate('完成时限'),
  responsiblePerson: zOptionalText('责任人', 50),
  orgIds: zOrgIds,
});
export type TMeasureCreate = z.infer<typeof ZMeasureCreate>;
export const ZMeasureUpdate = ZMeasureCreate.omit({ taskId: true, orgIds: true })
  .partial()
  .extend({ version: zVersion });
export type TMeasureUpdate = z.infer<typeof ZMeasureUpdate>;
export const ZMeasureAssign = z.object({ orgIds: zOrgIds });

// ---- assignments and progress

export const TASK_ASSIGNMENT_SORTS = ['deadline', '-deadline', 'org', 'updated'] as const;
export const ZAssignmentQuery = ZPaging.extend({
  orgId: zId.optional(),
  listId: zId.optional(),
  state: z.enum(TASK_ASSIGNMENT_STATES, { error: '状态无效' }).optional(),
  overdue: z.enum(['true', 'false'], { error: '逾期筛选无效' }).optional(),
  sort: z.enum(TASK_ASSIGNMENT_SORTS, { error: '排序字段无效' }).default('deadline'),
});
export type TAssignmentQuery = z.infer<typeof ZAssignmentQuery>;

export const ZAssignmentActionParams = z.object({
  id: zId,
  action: z.enum(TASK_ASSIGNMENT_ACTIONS, { error: '操作无效' }),
});
/** report: note required, percent or milestone, complete = 报完成; return: reason required; accept: note optional. */
export const ZAssignmentAction = z.object({
  version: zVersion,
  note: zOptionalText('说明', 2000),
  percent: z
    .number({ error: '完成进度应为数字' })
    .int('完成进度应为整数')
    .min(0, '完成进度应在0到100之间')
    .max(100, '完成进度应在0到100之间')
    .nullable()
    .optional(),
  milestone: zOptionalText('节点', 100),
  complete: z.boolean({ error: '是否完成应为是或否' }).optional(),
  responsiblePerson: zOptionalText('责任人', 50),
  attachmentIds: z.array(zId, { error: '附件无效' }).max(20, '附件不能超过20个').optional(),
});
export type TAssignmentAction = z.infer<typeof ZAssignmentAction>;

export const ZTaskStatsQuery = z.object({
  orgId: zId.optional(),
  listId: zId.optional(),
  year: zTaskYear.optional(),
});
export type TTaskStatsQuery = z.infer<typeof ZTaskStatsQuery>;

// ---- 书记项目

export const ZProjectFields = z.object({
  title: zText('项目名称', 200),
  secretaryName: zText('领办书记', 50),
  goal: zText('项目目标', 2000),
  content: zOptionalText('推进措施', 4000),
  targetDate: zIsoDate('计划完成时间'),
});
export const ZProjectCreate = ZProjectFields.extend({ orgId: zId, year: zTaskYear });
export type TProjectCreate = z.infer<typeof ZProjectCreate>;
export const ZProjectUpdate = ZProjectFields.partial().extend({ version: zVersion });
export type TProjectUpdate = z.infer<typeof ZProjectUpdate>;
export const ZProjectActionParams = z.object({
  id: zId,
  action: z.enum(['start', 'accept', 'rate'], { error: '操作无效' }),
});
export const ZProjectAction = z.object({
  version: zVersion,
  result: zOptionalText('项目成效', 2000),
  grade: z.enum(PROJECT_GRADES, { error: '评比等次无效' }).optional(),
});
export type TProjectAction = z.infer<typeof ZProjectAction>;
export const ZProjectQuery = ZPaging.extend({
  orgId: zId.optional(),
  year: zTaskYear.optional(),
  stage: z.enum(PROJECT_STAGES, { error: '阶段无效' }).optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
});
export type TProjectQuery = z.infer<typeof ZProjectQuery>;

// ---- 实事 / 急难愁盼

const ZMatterFields = z.object({
  kind: z.enum(MATTER_KINDS, { error: '类别无效' }),
  title: zText('事项', 200),
  raisedBy: zText('提出人（来源）', 100),
  ownerName: zText('责任人', 50),
  targetDate: zIsoDate('承诺完成时间'),
  projectId: zId.nullable().optional(),
});
export const ZMatterCreate = ZMatterFields.extend({ orgId: zId, year: zTaskYear });
export type TMatterCreate = z.infer<typeof ZMatterCreate>;
export const ZMatterUpdate = ZMatterFields.partial().extend({
  version: zVersion,
  status: z.enum(MATTER_STATUSES, { error: '办理状态无效' }).optional(),
  result: zOptionalText('办理结果', 2000),
  doneOn: zIsoDate('办结日期').nullable().optional(),
  satisfaction: z.enum(SATISFACTIONS, { error: '群众满意度无效' }).nullable().optional(),
});
export type TMatterUpdate = z.infer<typeof ZMatterUpdate>;
export const ZMatterQuery = ZPaging.extend({
  orgId: zId.optional(),
  year: zTaskYear.optional(),
  kind: z.enum(MATTER_KINDS, { error: '类别无效' }).optional(),
  status: z.enum(MATTER_STATUSES, { error: '办理状态无效' }).optional(),
  overdue: z.enum(['true', 'false'], { error: '逾期筛选无效' }).optional(),
  projectId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
});
export type TMatterQuery = z.infer<typeof ZMatterQuery>;
export const ZProjectFiguresQuery = z.object({ orgId: zId.optional(), year: zTaskYear.optional() });
