// 统计表 (一表通, issue 7 §3): a form is a grid — title, row headers, column headers — whose cells hold a metric
// formula (metric-expressions.ts), a text, or nothing. Built-in forms (党内统计 tables) live in the server's code;
// an org's own forms are stored, as a grid or as an uploaded Excel template whose `{{formula}}` cells become the
// grid's formula cells. Filling one gives every cell's value for an org and a period (and the compared period, 同比).
import { z } from 'zod';
import { CELL_FORMATS, type CellFormat, MAX_EXPRESSION_LENGTH } from './metric-expressions.js';
import type { MetricInfo } from './metrics.js';
import { ZMetricQuery } from './metrics.js';
import { ZPaging, zId, zOptionalText, zText, zVersion } from './schemas.js';

export const MAX_FORM_ROWS = 300;
export const MAX_FORM_COLUMNS = 50;

/** A formula cell; `format` unset = by the formula (metric-expressions.ts defaultCellFormat). */
export const ZFormFormulaCell = z
  .object({
    expr: z
      .string({ error: '公式应为文本' })
      .trim()
      .min(1, '请填写公式')
      .max(MAX_EXPRESSION_LENGTH, `公式不能超过${MAX_EXPRESSION_LENGTH}个字符`),
    format: z.enum(CELL_FORMATS, { error: '显示格式应为整数、小数或百分比' }).optional(),
  })
  .strict();
export const ZFormTextCell = z
  .object({ text: z.string({ error: '文字应为文本' }).max(500, '文字不能超过500个字') })
  .strict();
export const ZFormCell = z.union([z.null(), ZFormFormulaCell, ZFormTextCell], {
  error: '单元格应为公式、文字或空白',
});
export type TFormCell = z.infer<typeof ZFormCell>;

/** The layout kept from an uploaded template (the bytes are stored with the form): shown in the page, not edited. */
export const ZFormTemplateLayout = z.object({
  fileName: z.string().max(200),
  sheet: z.string().max(31),
  /** Merged ranges in the sheet, `A1:D1`. */
  merges: z.array(z.string().regex(/^[A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7}$/)).max(2000),
  /** Column widths in Excel's character units, null = default. */
  columnWidths: z.array(z.number().nonnegative().max(255).nullable()).max(MAX_FORM_COLUMNS),
});
export type TFormTemplateLayout = z.infer<typeof ZFormTemplateLayout>;

const zHeader = (label: string) =>
  z
    .string({ error: `${label}应为文本` })
    .trim()
    .max(100, `${label}不能超过100个字`);

export const ZFormDefinition = z
  .object({
    title: zText('表名', 100),
    note: zOptionalText('填报说明', 1000),
    /** The caption over the row headers (项目, 指标). */
    rowHeader: zOptionalText('首列标题', 50),
    rows: z
      .array(zHeader('行标题'), { error: '行标题无效' })
      .min(1, '至少需要一行')
      .max(MAX_FORM_ROWS, `最多${MAX_FORM_ROWS}行`),
    columns: z
      .array(zHeader('列标题'), { error: '列标题无效' })
      .min(1, '至少需要一列')
      .max(MAX_FORM_COLUMNS, `最多${MAX_FORM_COLUMNS}列`),
    /** cells[row][column]. */
    cells: z.array(z.array(ZFormCell, { error: '单元格无效' }), { error: '单元格无效' }),
    /** Set by the server for a form made from an uploaded template: the grid is the sheet (rows 1…, columns A…). */
    template: ZFormTemplateLayout.nullable().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.cells.length !== d.rows.length) {
      ctx.addIssue({ code: 'custom', path: ['cells'], message: `单元格应有${d.rows.length}行，与行标题一致` });
      return;
    }
    d.cells.forEach((row, r) => {
      if (row.length !== d.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['cells', r],
          message: `第${r + 1}行应有${d.columns.length}个单元格，与列标题一致`,
        });
      }
    });
  });
export type TFormDefinition = z.infer<typeof ZFormDefinition>;

export const ZFormCreate = z.object({
  /** The owner: the org whose subtree the form is for. */
  orgId: zId,
  name: zText('报表名称', 100),
  definition: ZFormDefinition,
});
export type TFormCreate = z.infer<typeof ZFormCreate>;

export const ZFormUpdate = z.object({
  name: zText('报表名称', 100).optional(),
  definition: ZFormDefinition.optional(),
  version: zVersion,
});
export type TFormUpdate = z.infer<typeof ZFormUpdate>;

export const ZFormArchive = z.object({ version: zVersion });

/** A form in a URL: a stored form's id (digits) or a built-in form's key (`members-basic`). */
export const ZFormKeyParams = z.object({
  key: z.string({ error: '报表编号无效' }).regex(/^([1-9]\d{0,14}|[a-z][a-z0-9-]{1,40})$/, '报表编号无效'),
});

export const FORM_SORTS = ['name', '-name', 'updatedAt', '-updatedAt'] as const;
export const ZFormListQuery = ZPaging.extend({
  /** Forms for this org: its own, its upper levels' (issued to it) and its subtree's. */
  orgId: zId.optional(),
  q: z.string().trim().max(50, '搜索内容过长').optional(),
  /** 'true': the archived forms only; default the active ones. */
  archived: z.enum(['true', 'false'], { error: '归档筛选无效' }).optional(),
  sort: z.enum(FORM_SORTS, { error: '排序字段无效' }).default('-updatedAt'),
});
export type TFormListQuery = z.infer<typeof ZFormListQuery>;

/** `?orgId&from&to[&compareFrom&compareTo]`: the period defaults to this year up to today, as for metrics. */
export const ZFormFillQuery = ZMetricQuery;
export type TFormFillQuery = z.infer<typeof ZFormFillQuery>;

/** The fill as .xlsx; `perChild=1`: one sheet per child org of `orgId` (the upper level fills it for them). */
export const ZFormExportQuery = ZFormFillQuery.safeExtend({
  perChild: z
    .enum(['1', '0', 'true', 'false'], { error: '按下级导出参数无效' })
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});
export type TFormExportQuery = z.infer<typeof ZFormExportQuery>;

/** Fills a definition not saved yet (the editor's live preview). */
export const ZFormPreview = z.object({
  definition: ZFormDefinition,
  orgId: zId,
  from: ZMetricQuery.shape.from,
  to: ZMetricQuery.shape.to,
});
export type TFormPreview = z.infer<typeof ZFormPreview>;

// ---- answers

export interface FormSummary {
  /** What addresses the form in URLs: the id of a stored form, the key of a built-in one. */
  key: string;
  id: number | null;
  builtIn: boolean;
  name: string;
  title: string;
  orgId: number | null;
  orgName: string | null;
  rowCount: number;
  columnCount: number;
  /** Made from an uploaded Excel template: the export keeps its layout. */
  hasTemplate: boolean;
  version: number;
  updatedAt: string | null;
  archivedAt: string | null;
}

export interface FormDetail extends FormSummary {
  definition: TFormDefinition;
}

export type FilledCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | {
      kind: 'value';
      expr: string;
      format: CellFormat;
      keys: string[];
      /** null when it cannot be computed: `error` says why (unknown metric, no permission, a wrong formula). */
      value: number | null;
      error: string | null;
      /** The compared period's value, the change and its rate (null when the compared value is 0). */
      compare?: { value: number | null; change: number | null; rate: number | null };
    };

export type FormMetricInfo = Pick<MetricInfo, 'key' | 'label' | 'unit' | 'description' | 'period' | 'group'>;

export interface FilledForm {
  key: string;
  name: string;
  title: string;
  note: string | null;
  rowHeader: string | null;
  builtIn: boolean;
  orgId: number;
  orgName: string;
  from: string;
  to: string;
  compare: { from: string; to: string } | null;
  rows: string[];
  columns: string[];
  template: TFormTemplateLayout | null;
  cells: FilledCell[][];
  /** The catalogue entries of the metrics the cells read (label, unit, 口径). */
  metrics: Record<string, FormMetricInfo>;
}
