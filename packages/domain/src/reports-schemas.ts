// 工作汇报: templates, drafts, preview, suggestions and export requests, validated at the edge.
import { z } from 'zod';
import { isValidIsoDate } from './dates.js';
import { REPORT_TEMPLATE_KEY_PATTERN, REPORT_TEMPLATE_PERIOD_KINDS } from './reports.js';
import { ZPaging, zId, zIsoDate, zOptionalText, zText, zVersion } from './schemas.js';

export const REPORT_BODY_MAX = 50_000;
export const REPORT_TITLE_MAX = 200;

export interface ReportPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
  compareFrom?: string | null | undefined;
  compareTo?: string | null | undefined;
}

/** The period's rules, by field: from ≤ to, a compared period given whole and in order. */
export function reportPeriodErrors(p: ReportPeriodInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const ok = (d: string | null | undefined): d is string => typeof d === 'string' && isValidIsoDate(d);
  if (ok(p.from) && ok(p.to) && p.from > p.to) errors.to = '截止日期不能早于起始日期';
  const hasFrom = p.compareFrom !== undefined && p.compareFrom !== null;
  const hasTo = p.compareTo !== undefined && p.compareTo !== null;
  if (hasFrom !== hasTo) errors.compareTo = '对比期的起止日期须同时填写';
  else if (ok(p.compareFrom) && ok(p.compareTo) && p.compareFrom > p.compareTo) {
    errors.compareTo = '对比期截止日期不能早于起始日期';
  }
  return errors;
}

const refinePeriod = (v: ReportPeriodInput, ctx: z.RefinementCtx) => {
  for (const [path, message] of Object.entries(reportPeriodErrors(v)))
    ctx.addIssue({ code: 'custom', path: [path], message });
};

const zCompareDate = (label: string) => zIsoDate(label).nullable().optional();
const zTitle = zText('报告标题', REPORT_TITLE_MAX);
const zBody = zText('正文', REPORT_BODY_MAX);
const zSearch = z.string().trim().max(50, '搜索内容过长').optional();

// ---- templates

export const ZReportTemplateListQuery = ZPaging.extend({ q: zSearch });
export type TReportTemplateListQuery = z.infer<typeof ZReportTemplateListQuery>;

export const ZReportTemplateCreate = z.object({
  orgId: zId,
  name: zText('模板名称', 60),
  description: zOptionalText('模板说明', 200),
  periodKind: z.enum(REPORT_TEMPLATE_PERIOD_KINDS, { error: '适用期间无效' }),
  title: zTitle,
  body: zBody,
});
export type TReportTemplateCreate = z.infer<typeof ZReportTemplateCreate>;

export const ZReportTemplateUpdate = ZReportTemplateCreate.omit({ orgId: true })
  .partial()
  .extend({ version: zVersion });
export type TReportTemplateUpdate = z.infer<typeof ZReportTemplateUpdate>;

// ---- drafts

export const ZReportDraftListQuery = ZPaging.extend({ orgId: zId.optional(), q: zSearch });
export type TReportDraftListQuery = z.infer<typeof ZReportDraftListQuery>;

export const ZReportDraftCreate = z
  .object({
    orgId: zId,
    templateKey: z.string({ error: '请选择模板' }).trim().regex(REPORT_TEMPLATE_KEY_PATTERN, '模板无效'),
    /** Defaults to the template's title (placeholders kept). */
    title: zTitle.optional(),
    from: zIsoDate('起始日期'),
    to: zIsoDate('截止日期'),
    compareFrom: zCompareDate('对比期起始日期'),
    compareTo: zCompareDate('对比期截止日期'),
  })
  .superRefine(refinePeriod);
export type TReportDraftCreate = z.infer<typeof ZReportDraftCreate>;

export const ZReportDraftUpdate = z
  .object({
    title: zTitle.optional(),
    body: zBody.optional(),
    from: zIsoDate('起始日期').optional(),
    to: zIsoDate('截止日期').optional(),
    compareFrom: zCompareDate('对比期起始日期'),
    compareTo: zCompareDate('对比期截止日期'),
    version: zVersion,
  })
  .superRefine(refinePeriod);
export type TReportDraftUpdate = z.infer<typeof ZReportDraftUpdate>;

/** The text being edited, rendered for an org and period without saving it. */
export const ZReportPreview = z
  .object({
    orgId: zId,
    title: zTitle,
    body: z.string({ error: '请填写正文' }).max(REPORT_BODY_MAX, `正文不能超过${REPORT_BODY_MAX}个字`),
    from: zIsoDate('起始日期'),
    to: zIsoDate('截止日期'),
    compareFrom: zCompareDate('对比期起始日期'),
    compareTo: zCompareDate('对比期截止日期'),
  })
  .superRefine(refinePeriod);
export type TReportPreview = z.infer<typeof ZReportPreview>;

export const ZReportSuggestionsQuery = z
  .object({
    orgId: zId,
    from: zIsoDate('起始日期'),
    to: zIsoDate('截止日期'),
    compareFrom: zCompareDate('对比期起始日期'),
    compareTo: zCompareDate('对比期截止日期'),
  })
  .superRefine(refinePeriod);
export type TReportSuggestionsQuery = z.infer<typeof ZReportSuggestionsQuery>;

export const REPORT_EXPORT_FORMATS = ['docx', 'md'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
export const ZReportExport = z.object({
  format: z.enum(REPORT_EXPORT_FORMATS, { error: '导出格式应为 docx 或 md' }),
});
export type TReportExport = z.infer<typeof ZReportExport>;
