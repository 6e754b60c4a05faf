// Request schemas of 软弱涣散整顿 (weak_org_rectification).
import { z } from 'zod';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';
import { WEAK_ORG_REASONS, WEAK_ORG_STATUSES } from './weak-orgs.js';

const zYear = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在2000年以后')
  .max(2100, '年度无效');

export const ZWeakOrgFields = z.object({
  reasons: z
    .array(z.enum(WEAK_ORG_REASONS, { error: '软弱涣散类型无效' }), { error: '请选择软弱涣散类型' })
    .min(1, '请至少选择一项软弱涣散类型')
    .max(WEAK_ORG_REASONS.length),
  reasonDetail: zOptionalText('具体表现', 1000),
  plan: zText('整顿方案（一支一策）', 4000),
  leaderName: zText('包联领导', 50),
  leaderTitle: zOptionalText('包联领导职务', 100),
  measures: z
    .array(zText('整顿措施', 500), { error: '整顿措施无效' })
    .min(1, '请至少填写一条整顿措施')
    .max(50, '整顿措施最多50条'),
  deadline: zIsoDate('整顿期限'),
});

export const ZWeakOrgCreate = ZWeakOrgFields.extend({ orgId: zId, year: zYear }).refine(
  (v) => !v.reasons.includes('other') || (v.reasonDetail ?? '').length > 0,
  { message: '选择“其他”时请填写具体表现', path: ['reasonDetail'] },
);
export type TWeakOrgCreate = z.infer<typeof ZWeakOrgCreate>;
export const ZWeakOrgUpdate = ZWeakOrgFields.partial().extend({ version: zVersion });
export type TWeakOrgUpdate = z.infer<typeof ZWeakOrgUpdate>;

/** submit (提交验收), accept (验收通过), return (退回, with the reason why). */
export const ZWeakOrgDecision = z.object({ version: zVersion, note: zOptionalText('说明', 1000) });
export const ZWeakOrgReturn = z.object({ version: zVersion, note: zText('退回原因', 1000) });
export type TWeakOrgDecision = z.infer<typeof ZWeakOrgDecision>;

export const WEAK_ORG_SORTS = ['deadline', '-deadline', 'year', '-year', 'org', '-org'] as const;
export const ZWeakOrgListQuery = ZPaging.extend({
  orgId: zId.optional(),
  year: zYear.optional(),
  status: z.enum(WEAK_ORG_STATUSES, { error: '状态无效' }).optional(),
  overdue: z.enum(['true', 'false'], { error: '逾期筛选无效' }).optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  sort: z.enum(WEAK_ORG_SORTS, { error: '排序字段无效' }).default('deadline'),
});
export type TWeakOrgListQuery = z.infer<typeof ZWeakOrgListQuery>;
export { zYear };
