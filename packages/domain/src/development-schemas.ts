// Request schemas of 发展党员 (the rules themselves are development.ts): a new applicant, the next step, the lists.
import { z } from 'zod';
import { EDUCATIONS, ETHNICITIES, GENDERS, OCCUPATIONS } from './constants.js';
import { DEVELOPMENT_STAGES, DEVELOPMENT_STEP_CODES, PROBATION_OUTCOMES } from './development.js';
import { ZPaging, zId, zIsoDate, zVersion } from './schemas.js';

/** A record's stage as stored and filtered: the five stages, or cancelled (取消预备党员资格). */
export const DEVELOPMENT_RECORD_STAGES = [...DEVELOPMENT_STAGES, 'cancelled'] as const;
export type DevelopmentRecordStage = (typeof DEVELOPMENT_RECORD_STAGES)[number];
export const DEVELOPMENT_RECORD_STAGE_LABELS: Record<DevelopmentRecordStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
  cancelled: '已取消预备党员资格',
};

/** A step with a time limit is listed as due (发展步骤到期) from this many days before the limit. */
export const DEVELOPMENT_DUE_WARNING_DAYS = 30;

const zName = z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字');
const zNote = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文本` })
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullable()
    .optional();

// 入党申请: the person (not a member yet) and the date the application was handed in (step 1).
export const ZDevelopmentCreate = z.object({
  orgId: zId,
  name: zName,
  gender: z.enum(GENDERS, { error: '性别应为男或女' }),
  ethnicity: z.enum(ETHNICITIES, { error: '民族应为56个民族之一' }),
  birthDate: zIsoDate('出生日期'),
  idNumber: z.string({ error: '请填写身份证号码' }).trim().min(1, '请填写身份证号码').max(18, '身份证号码应为18位'),
  education: z.enum(EDUCATIONS, { error: '学历无效' }),
  occupation: z.enum(OCCUPATIONS, { error: '职业类别无效' }),
  phone: z
    .string({ error: '联系电话应为文本' })
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号或带区号的固定电话')
    .nullable()
    .optional(),
  applicationDate: zIsoDate('递交入党申请书日期'),
  note: zNote('说明', 500),
});
export type TDevelopmentCreate = z.infer<typeof ZDevelopmentCreate>;

const zMemberIds = (label: string) =>
  z
    .array(zId, { error: `${label}应为党员列表` })
    .max(5, `${label}人数过多`)
    .optional();

// The next step: its code and date, the meeting or approval that decided it, and the details its step needs.
export const ZDevelopmentStepCreate = z.object({
  step: z.enum(DEVELOPMENT_STEP_CODES, { error: '发展步骤无效' }),
  date: zIsoDate('日期'),
  /** 会议名称或批复文号. */
  decisionRef: zNote('会议或批复', 200),
  /** 谈话、思想汇报、考察等情况. */
  note: zNote('记录', 2000),
  /** 5: 培养联系人 (members). */
  contactPersonIds: zMemberIds('培养联系人'),
  /** 9: 入党介绍人 (members). */
  sponsorIds: zMemberIds('入党介绍人'),
  politicalReviewPassed: z.boolean({ error: '政治审查结论应为合格或不合格' }).optional(),
  trainingDays: z
    .number({ error: '培训天数应为数字' })
    .int('培训天数应为整数')
    .min(0, '培训天数不能为负')
    .max(366, '培训天数过大')
    .optional(),
  trainingHours: z
    .number({ error: '培训学时应为数字' })
    .int('培训学时应为整数')
    .min(0, '培训学时不能为负')
    .max(2000, '培训学时过大')
    .optional(),
  outcome: z.enum(PROBATION_OUTCOMES, { error: '讨论结果无效' }).optional(),
  extensionMonths: z.number({ error: '延长月数应为数字' }).int('延长月数应为整月').optional(),
  attachmentIds: z.array(zId, { error: '附件无效' }).max(20, '附件过多').optional(),
  version: zVersion,
});
export type TDevelopmentStepCreate = z.infer<typeof ZDevelopmentStepCreate>;

export const DEVELOPMENT_SORTS = ['name', '-name', 'stageSince', '-stageSince', 'nextDueDate', '-nextDueDate'] as const;
export const ZDevelopmentListQuery = ZPaging.extend({
  orgId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  stage: z.enum(DEVELOPMENT_RECORD_STAGES, { error: '发展阶段无效' }).optional(),
  /** Only people whose next step is due within DEVELOPMENT_DUE_WARNING_DAYS or overdue. */
  due: z.enum(['true', 'false'], { error: '到期筛选无效' }).optional(),
  sort: z.enum(DEVELOPMENT_SORTS, { error: '排序字段无效' }).default('name'),
});
export type TDevelopmentListQuery = z.infer<typeof ZDevelopmentListQuery>;

export const ZDevelopmentPipelineQuery = z.object({ orgId: zId.optional() });
