// Request schemas shared by server (validation at the edge) and web (forms). Messages are Chinese and name the field.
import { z } from 'zod';
import { ROLES } from './access.js';
import {
  AGE_BANDS,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  MEMBER_FLAGS,
  MEMBER_STATUSES,
  OCCUPATIONS,
  ORG_KINDS,
  SECTORS,
  TRANSFER_KINDS,
  UNIT_TYPES,
} from './constants.js';
import { isValidIsoDate } from './dates.js';

export const zId = z.coerce
  .number({ error: '编号无效' })
  .int('编号无效')
  .positive('编号无效')
  .max(Number.MAX_SAFE_INTEGER, '编号无效');

/** Route params of a record addressed by id. */
export const ZIdParams = z.object({ id: zId });
export const zIsoDate = (label: string) =>
  z.string({ error: `${label}应为日期` }).refine(isValidIsoDate, `${label}应为有效日期（YYYY-MM-DD）`);
export const zText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);
export const zOptionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文本` })
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullable()
    .optional();
export const zPhone = z
  .string({ error: '联系电话应为文本' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号或带区号的固定电话')
  .nullable()
  .optional();
export const zVersion = z.number({ error: '缺少版本号' }).int().nonnegative();
/** The version read, in the query string of a request without a body (a delete, a reversal). */
export const ZVersionQuery = z.object({
  version: z.coerce.number({ error: '缺少版本号' }).int('缺少版本号').nonnegative('缺少版本号'),
});

export const ZPaging = z.object({
  page: z.coerce.number({ error: '页码无效' }).int('页码无效').min(1, '页码最小为1').max(100000, '页码过大').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数无效' })
    .int('每页条数无效')
    .min(1, '每页条数最小为1')
    .max(200, '每页条数最大为200')
    .default(20),
});

// ---- auth
export const ZLogin = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256, '密码过长'),
});
export type TLogin = z.infer<typeof ZLogin>;

// ---- orgs
export const zTermYears = z.union([z.literal(3), z.literal(5)], { error: '任期应为3年或5年' });
export const ZOrgCreate = z.object({
  parentId: zId,
  name: zText('组织名称', 100),
  shortName: zOptionalText('简称', 50),
  kind: z.enum(ORG_KINDS, { error: '组织类别无效' }),
  sector: z.enum(SECTORS, { error: '所属领域无效' }),
  code: z
    .string({ error: '请填写组织代码' })
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/, '组织代码应为1-32位字母、数字或短横线'),
  secretaryName: zOptionalText('书记姓名', 50),
  committee: z.array(zText('委员姓名', 50), { error: '委员名单无效' }).max(30, '委员最多30人').optional(),
  foundedOn: zIsoDate('成立日期').nullable().optional(),
  termStart: zIsoDate('本届任期开始日期').nullable().optional(),
  termYears: zTermYears.nullable().optional(),
  contactPhone: zPhone,
  address: zOptionalText('地址', 200),
});
export type TOrgCreate = z.infer<typeof ZOrgCreate>;
export const ZOrgUpdate = ZOrgCreate.omit({ parentId: true }).partial().extend({ version: zVersion });
export type TOrgUpdate = z.infer<typeof ZOrgUpdate>;
export const ZOrgMove = z.object({ parentId: zId, version: zVersion });
export const ZOrgClose = z.object({ version: zVersion, reason: zText('撤销原因', 200) });
export const ZOrgSearch = z.object({
  q: z.string().trim().min(1, '请输入搜索内容').max(50, '搜索内容过长'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// ---- members
export const ZMemberFields = z.object({
  name: zText('姓名', 50),
  gender: z.enum(GENDERS, { error: '性别应为男或女' }),
  ethnicity: z.enum(ETHNICITIES, { error: '民族应为56个民族之一' }),
  birthDate: zIsoDate('出生日期'),
  idNumber: z.string({ error: '请填写身份证号码' }).trim().min(1, '请填写身份证号码').max(18, '身份证号码应为18位'),
  education: z.enum(EDUCATIONS, { error: '学历无效' }),
  occupation: z.enum(OCCUPATIONS, { error: '职业类别无效' }),
  joinedOn: zIsoDate('入党时间'),
  fullOn: zIsoDate('转正时间').nullable().optional(),
  status: z.enum(MEMBER_STATUSES, { error: '党员类别应为预备党员或正式党员' }),
  phone: zPhone,
  address: zOptionalText('家庭住址', 200),
  flags: z
    .array(z.enum(MEMBER_FLAGS, { error: '标记无效' }))
    .max(MEMBER_FLAGS.length)
    .optional(),
});
export const ZMemberCreate = ZMemberFields.extend({ orgId: zId });
export type TMemberCreate = z.infer<typeof ZMemberCreate>;
export const ZMemberUpdate = ZMemberFields.partial().extend({ version: zVersion });
export type TMemberUpdate = z.infer<typeof ZMemberUpdate>;

export const MEMBER_SORTS = ['name', '-name', 'birthDate', '-birthDate', 'joinedOn', '-joinedOn', 'id', '-id'] as const;
export const ZMemberListQuery = ZPaging.extend({
  orgId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  status: z.enum(MEMBER_STATUSES, { error: '党员类别无效' }).optional(),
  gender: z.enum(GENDERS, { error: '性别无效' }).optional(),
  ethnicity: z.enum(ETHNICITIES, { error: '民族无效' }).optional(),
  education: z.enum(EDUCATIONS, { error: '学历无效' }).optional(),
  occupation: z.enum(OCCUPATIONS, { error: '职业类别无效' }).optional(),
  ageBand: z.enum(AGE_BANDS, { error: '年龄段无效' }).optional(),
  flag: z.enum(MEMBER_FLAGS, { error: '标记无效' }).optional(),
  inTransfer: z.enum(['true', 'false'], { error: '转接状态无效' }).optional(),
  sort: z.enum(MEMBER_SORTS, { error: '排序字段无效' }).default('name'),
  /** Keyset paging: `nextCursor` of the previous page (then `page` is ignored). */
  cursor: z.string().max(500, '翻页标记无效').optional(),
});
export type TMemberListQuery = z.infer<typeof ZMemberListQuery>;

export const ZTransferCreate = z.object({
  toOrgId: zId,
  reason: zOptionalText('转接原因', 200),
  letterNo: zOptionalText('介绍信编号', 50),
  version: zVersion,
});
export const ZTransferDecision = z.object({ reason: zOptionalText('说明', 200) });
export const ZTransferListQuery = ZPaging.extend({
  orgId: zId.optional(),
  direction: z.enum(['in', 'out'], { error: '方向应为转入或转出' }).default('in'),
  state: z.enum(['pending', 'completed', 'rejected', 'cancelled'], { error: '状态无效' }).optional(),
  kind: z.enum(TRANSFER_KINDS, { error: '转接类别无效' }).optional(),
});

// ---- users
export const ZGrant = z
  .object({
    role: z.enum(ROLES, { error: '角色无效' }),
    orgId: zId,
    includeSubtree: z.boolean({ error: '是否含下级应为是或否' }).default(true),
    validFrom: zIsoDate('生效日期').nullable().default(null),
    validTo: zIsoDate('失效日期').nullable().default(null),
  })
  .refine((g) => g.validFrom === null || g.validTo === null || g.validFrom <= g.validTo, {
    message: '失效日期不能早于生效日期',
    path: ['validTo'],
  });
export const ZUserCreate = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名应为3-32位字母、数字、下划线、点或短横线'),
  name: zText('姓名', 50),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128, '密码不能超过128位'),
  grants: z.array(ZGrant).min(1, '至少授予一个角色').max(20, '授权最多20项'),
});
export const ZUserUpdate = z.object({
  name: zText('姓名', 50).optional(),
  disabled: z.boolean({ error: '停用状态应为是或否' }).optional(),
  grants: z.array(ZGrant).min(1, '至少授予一个角色').max(20, '授权最多20项').optional(),
  version: zVersion,
});
export const ZPasswordReset = z.object({ password: z.string().min(1, '请填写新密码').max(128, '密码不能超过128位') });
export const ZPasswordChange = z.object({
  oldPassword: z.string().min(1, '请填写原密码').max(256),
  newPassword: z.string().min(1, '请填写新密码').max(128, '密码不能超过128位'),
});
export const ZUserListQuery = ZPaging.extend({ q: z.string().trim().max(50).optional() });

// ---- audit
export const ZAuditListQuery = ZPaging.extend({
  userId: zId.optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: zId.optional(),
  action: z.string().trim().max(40).optional(),
  from: zIsoDate('开始日期').optional(),
  to: zIsoDate('结束日期').optional(),
});

// ---- units (单位台账, for 应建未建)
export const ZUnitCreate = z.object({
  orgId: zId,
  name: zText('单位名称', 100),
  unitType: z.enum(UNIT_TYPES, { error: '单位类型无效' }),
  fullMembers: z
    .number({ error: '正式党员人数应为数字' })
    .int('正式党员人数应为整数')
    .min(0, '正式党员人数不能为负')
    .max(100000, '正式党员人数过大'),
  employees: z
    .number({ error: '职工人数应为数字' })
    .int('职工人数应为整数')
    .min(0, '职工人数不能为负')
    .max(10000000, '职工人数过大')
    .nullable()
    .optional(),
  coveringOrgId: zId.nullable().optional(),
});
export type TUnitCreate = z.infer<typeof ZUnitCreate>;
// orgId: another org takes over overseeing the unit (e.g. before the old one is closed).
export const ZUnitUpdate = ZUnitCreate.partial().extend({ version: zVersion });
export type TUnitUpdate = z.infer<typeof ZUnitUpdate>;
export const ZUnitListQuery = ZPaging.extend({
  orgId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  unitType: z.enum(UNIT_TYPES, { error: '单位类型无效' }).optional(),
  gap: z.enum(['true', 'false'], { error: '应建未建筛选无效' }).optional(),
});
export type TUnitListQuery = z.infer<typeof ZUnitListQuery>;
