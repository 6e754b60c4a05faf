// Request schemas of 流动党员, 光荣在党50年 and transfers out of / into the platform (rules: mobile.ts).
import { z } from 'zod';
import { MOBILE_CONTACT_METHODS } from './mobile.js';
import { ZMemberCreate, ZPaging, zId, zIsoDate, zOptionalText, zPhone, zText, zVersion } from './schemas.js';

// ---- 流动党员
const ZMobileFields = z.object({
  destinationRegion: zText('流入地', 100),
  workplace: zOptionalText('工作单位或务工地点', 100),
  since: zIsoDate('外出日期'),
  contactName: zOptionalText('联系人', 50),
  contactPhone: zPhone,
  station: zOptionalText('流入地党组织或流动党员服务站', 100),
  note: zOptionalText('备注', 200),
});
export const ZMobileCreate = ZMobileFields.extend({ memberId: zId });
export type TMobileCreate = z.infer<typeof ZMobileCreate>;
export const ZMobileUpdate = ZMobileFields.partial().extend({
  lostContact: z.boolean({ error: '失联标记应为是或否' }).optional(),
  version: zVersion,
});
export type TMobileUpdate = z.infer<typeof ZMobileUpdate>;
export const ZMobileContactCreate = z.object({
  contactedOn: zIsoDate('联系日期'),
  method: z.enum(MOBILE_CONTACT_METHODS, { error: '联系方式无效' }),
  note: zOptionalText('联系情况', 200),
  version: zVersion,
});
export type TMobileContactCreate = z.infer<typeof ZMobileContactCreate>;
export const ZMobileReturn = z.object({
  returnedOn: zIsoDate('返回日期'),
  note: zOptionalText('备注', 200),
  version: zVersion,
});
export type TMobileReturn = z.infer<typeof ZMobileReturn>;

/** active = not returned; no_contact = active and no contact for 3 months (or 失联); returned; all. */
export const MOBILE_LIST_FILTERS = ['active', 'lost_contact', 'no_contact', 'returned', 'all'] as const;
export type MobileListFilter = (typeof MOBILE_LIST_FILTERS)[number];
export const MOBILE_SORTS = ['lastContact', '-lastContact', 'since', '-since', 'name'] as const;
export const ZMobileListQuery = ZPaging.extend({
  orgId: zId.optional(),
  memberId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  filter: z.enum(MOBILE_LIST_FILTERS, { error: '筛选条件无效' }).default('active'),
  sort: z.enum(MOBILE_SORTS, { error: '排序字段无效' }).default('lastContact'),
});
export type TMobileListQuery = z.infer<typeof ZMobileListQuery>;

// ---- 光荣在党50年
export const ZMedalCreate = z.object({
  memberId: zId,
  awardedOn: zIsoDate('颁发日期'),
  note: zOptionalText('备注', 200),
});
export type TMedalCreate = z.infer<typeof ZMedalCreate>;
export const ZMedalListQuery = ZPaging.extend({ orgId: zId.optional(), memberId: zId.optional() });

// ---- 组织关系转出系统外 / 从系统外转入
export const ZTransferOut = z.object({
  letterNo: zText('介绍信编号', 50),
  destinationOrg: zText('转往党组织', 100),
  destinationRegion: zOptionalText('转往地区', 100),
  transferDate: zIsoDate('转出日期'),
  reason: zOptionalText('转出原因', 200),
  version: zVersion,
});
export type TTransferOut = z.infer<typeof ZTransferOut>;
/** The member record as for 新增党员, plus the letter it came with. */
export const ZTransferIn = ZMemberCreate.extend({
  letterNo: zText('介绍信编号', 50),
  originOrg: zText('原党组织', 100),
  originRegion: zOptionalText('原所在地区', 100),
  transferDate: zIsoDate('转入日期'),
  reason: zOptionalText('转入原因', 200),
});
export type TTransferIn = z.infer<typeof ZTransferIn>;
