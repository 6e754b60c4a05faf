// Request schemas of 党建联系点 (包抓联系): leader ↔ org links with a validity period, visits with the problems
// raised at them (each solved or not), and the figures of a subtree and year.
import { z } from 'zod';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';

const zYear = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在2000年以后')
  .max(2100, '年度无效');

const ZLinkFields = z.object({
  leaderName: zText('联系领导', 50),
  leaderPosition: zText('职务', 100),
  validFrom: zIsoDate('联系开始日期'),
  validTo: zIsoDate('联系结束日期').nullable().optional(),
  note: zOptionalText('备注', 500),
});
export const ZContactLinkCreate = ZLinkFields.extend({ orgId: zId });
export type TContactLinkCreate = z.infer<typeof ZContactLinkCreate>;
export const ZContactLinkUpdate = ZLinkFields.partial().extend({ version: zVersion });
export type TContactLinkUpdate = z.infer<typeof ZContactLinkUpdate>;
export const ZContactLinkQuery = ZPaging.extend({
  orgId: zId.optional(),
  /** Links in force at some day of that year. */
  year: zYear.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
});
export type TContactLinkQuery = z.infer<typeof ZContactLinkQuery>;

/** A problem raised at a visit: solved once it has the date it was solved on. */
export const ZContactProblem = z.object({
  text: zText('问题', 200),
  solvedOn: zIsoDate('解决日期').nullable().optional(),
});
export type TContactProblem = z.infer<typeof ZContactProblem>;
const zProblems = z.array(ZContactProblem, { error: '问题列表无效' }).max(50, '问题不能超过50个');

export const ZContactVisitCreate = z.object({
  linkId: zId,
  visitedOn: zIsoDate('走访日期'),
  content: zText('走访内容', 2000),
  problems: zProblems.default([]),
});
export type TContactVisitCreate = z.infer<typeof ZContactVisitCreate>;
/** `problems`, when given, replaces the visit's list (in order). */
export const ZContactVisitUpdate = z.object({
  visitedOn: zIsoDate('走访日期').optional(),
  content: zText('走访内容', 2000).optional(),
  problems: zProblems.optional(),
  version: zVersion,
});
export type TContactVisitUpdate = z.infer<typeof ZContactVisitUpdate>;
export const ZContactVisitQuery = ZPaging.extend({
  orgId: zId.optional(),
  linkId: zId.optional(),
  year: zYear.optional(),
});
export type TContactVisitQuery = z.infer<typeof ZContactVisitQuery>;

export const ZContactFiguresQuery = z.object({ orgId: zId.optional(), year: zYear });
export type TContactFiguresQuery = z.infer<typeof ZContactFiguresQuery>;
