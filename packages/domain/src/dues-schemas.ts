// 党费 request schemas (issue 5 §3): dues bases, payments by month, monthly figures, the arrears list.
import { z } from 'zod';
import { isValidIsoDate } from './dates.js';
import { DUES_CATEGORIES } from './dues.js';
import { ZPaging, zId, zVersion } from './schemas.js';

export const DUES_PAYERS = ['self', 'proxy'] as const;
export type DuesPayer = (typeof DUES_PAYERS)[number];
export const DUES_PAYER_LABELS: Record<DuesPayer, string> = { self: '本人交纳', proxy: '他人代交' };

/** Months one payment may cover (预交/补交 of up to two years at once). */
export const DUES_MAX_MONTHS_PER_PAYMENT = 24;
/** How far ahead a base may take effect or dues may be paid in advance (预交). */
export const DUES_MAX_MONTHS_AHEAD = 12;

export const zMonth = (label: string) =>
  z
    .string({ error: `${label}应为“年-月”（YYYY-MM）` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}应为“年-月”（YYYY-MM）`);

const isFen = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
const zYuan = (label: string, min: number) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .min(min, min > 0 ? `${label}须大于0` : `${label}不能为负`)
    .max(1_000_000, `${label}过大`)
    .refine(isFen, `${label}最多两位小数（到分）`);
const zNote = z.string({ error: '备注应为文本' }).trim().max(200, '备注不能超过200个字').nullable().optional();

export const ZDuesBaseCreate = z.object({
  category: z.enum(DUES_CATEGORIES, { error: '交纳类别无效' }),
  /** After-tax monthly salary (employed) or pension (retired) in 元; null for the fixed amounts. */
  base: zYuan('计算基数', 0).nullable().optional(),
  fromMonth: zMonth('起始月份'),
  note: zNote,
});
export type TDuesBaseCreate = z.infer<typeof ZDuesBaseCreate>;
export const ZDuesBaseUpdate = ZDuesBaseCreate.extend({ version: zVersion });
export type TDuesBaseUpdate = z.infer<typeof ZDuesBaseUpdate>;

export const ZDuesPaymentCreate = z
  .object({
    memberId: zId,
    months: z
      .array(z.object({ month: zMonth('交纳月份'), amount: zYuan('金额', 0.01) }), { error: '请选择交纳月份' })
      .min(1, '请选择交纳月份')
      .max(DUES_MAX_MONTHS_PER_PAYMENT, `一次最多交纳${DUES_MAX_MONTHS_PER_PAYMENT}个月`),
    paidOn: z.string({ error: '请填写交纳日期' }).refine(isValidIsoDate, '交纳日期应为有效日期（YYYY-MM-DD）'),
    payer: z.enum(DUES_PAYERS, { error: '交纳方式应为本人交纳或他人代交' }),
    /** Who paid on the member's behalf (代交人); required when payer is proxy. */
    payerName: z.string({ error: '代交人应为文本' }).trim().max(50, '代交人不能超过50个字').nullable().optional(),
    receiptNo: z
      .string({ error: '收据号应为文本' })
      .trim()
      .max(40, '收据号不能超过40个字')
      .regex(/^[\w\-/（）()]*$/u, '收据号只能含字母、数字、短横线和斜线')
      .nullable()
      .optional(),
    note: zNote,
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.months.forEach((m, i) => {
      if (seen.has(m.month)) ctx.addIssue({ code: 'custom', path: ['months', i, 'month'], message: '月份重复' });
      seen.add(m.month);
    });
    if (v.payer === 'proxy' && !v.payerName) {
      ctx.addIssue({ code: 'custom', path: ['payerName'], message: '他人代交时请填写代交人' });
    }
  });
export type TDuesPaymentCreate = z.infer<typeof ZDuesPaymentCreate>;

export const ZDuesFiguresQuery = z
  .object({
    orgId: zId,
    month: zMonth('月份').optional(),
    year: z.coerce.number({ error: '年份无效' }).int('年份无效').min(2000, '年份无效').max(2100, '年份无效').optional(),
  })
  .refine((v) => (v.month === undefined) !== (v.year === undefined), {
    message: '请选择月份或年份（二选一）',
    path: ['month'],
  });
export type TDuesFiguresQuery = z.infer<typeof ZDuesFiguresQuery>;

export const DUES_ARREARS_SORTS = ['-unpaid', 'unpaid', '-longest', 'firstUnpaid', 'name', 'org'] as const;
export const ZDuesArrearsQuery = ZPaging.extend({
  orgId: zId,
  /** Last month counted (default: the last month that has ended). */
  upTo: zMonth('截止月份').optional(),
  flagged: z.enum(['true', 'false'], { error: '筛选无效' }).optional(),
  minMonths: z.coerce
    .number({ error: '欠缴月数无效' })
    .int('欠缴月数无效')
    .min(1, '欠缴月数最小为1')
    .max(600)
    .optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  sort: z.enum(DUES_ARREARS_SORTS, { error: '排序无效' }).default('-unpaid'),
});
export type TDuesArrearsQuery = z.infer<typeof ZDuesArrearsQuery>;

export const ZDuesPaymentUpdate = z
  .object({
    amount: zYuan('金额', 0.01).optional(),
    paidOn: z
      .string({ error: '请填写交纳日期' })
      .refine(isValidIsoDate, '交纳日期应为有效日期（YYYY-MM-DD）')
      .optional(),
    payer: z.enum(DUES_PAYERS, { error: '交纳方式应为本人交纳或他人代交' }).optional(),
    payerName: z.string({ error: '代交人应为文本' }).trim().max(50, '代交人不能超过50个字').nullable().optional(),
    receiptNo: z.string({ error: '收据号应为文本' }).trim().max(40, '收据号不能超过40个字').nullable().optional(),
    note: zNote,
    version: zVersion,
  })
  .refine((v) => v.payer !== 'proxy' || !!v.payerName, { message: '他人代交时请填写代交人', path: ['payerName'] });
export type TDuesPaymentUpdate = z.infer<typeof ZDuesPaymentUpdate>;
