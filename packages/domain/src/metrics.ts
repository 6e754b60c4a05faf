// 一数一源: the metric catalogue's shapes, shared by server (validation at the edge) and web (dashboards, forms,
// reports). A metric is a named figure computed from the records for an org subtree and a period.
import { z } from 'zod';
import { isValidIsoDate } from './dates.js';
import { ZPaging, zId, zIsoDate } from './schemas.js';

/** `instant`: a state as of the period's end (党员总数 on 12/31); `range`: events within the period (发展党员 in 2023). */
export const METRIC_PERIOD_KINDS = ['instant', 'range'] as const;
export type MetricPeriodKind = (typeof METRIC_PERIOD_KINDS)[number];

/** How a metric's value relates to its records: a count of them, a sum of one of their columns, or a share. */
export const METRIC_KINDS = ['count', 'sum', 'share'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** Metric keys are dotted lower-case words: `members.female.share`, `inspections.problems.rectified`. */
export const METRIC_KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const zMetricKey = z
  .string({ error: '请填写指标' })
  .trim()
  .max(80, '指标编码过长')
  .regex(METRIC_KEY_PATTERN, '指标编码格式无效');

export interface MetricInfo {
  key: string;
  label: string;
  unit: string;
  kind: MetricKind;
  period: MetricPeriodKind;
  /** The display group (党员队伍, 发展党员, 组织生活, …) and the module that owns the records. */
  group: string;
  module: string;
  /** How it is computed, in one Chinese sentence. */
  description: string;
  /** Noun phrases a report uses for it: the fact-checker's dictionary (users can add more). */
  phrases: string[];
}

export interface MetricChange {
  from: string;
  to: string;
  value: number;
  /** value − the compared value; rate = change / compared value, null when that is 0. */
  change: number;
  rate: number | null;
}

export interface MetricValue {
  key: string;
  label: string;
  unit: string;
  /** A share is a fraction (0.85), shown as 85%. */
  value: number;
  orgId: number;
  from: string;
  to: string;
  period: MetricPeriodKind;
  /** The same metric for the compared period (同比), when asked for. */
  compare?: MetricChange;
}

export interface MetricRecordColumn {
  key: string;
  label: string;
  /** Codes stored in the column and the Chinese label shown for each (性别 female → 女). */
  labels?: Readonly<Record<string, string>>;
}

export type MetricRecord = Record<string, string | number | null>;

export interface MetricRecordPage {
  key: string;
  label: string;
  columns: MetricRecordColumn[];
  items: MetricRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** For a `sum` metric, the column whose values add up to the metric. */
  sumColumn: string | null;
}

const periodRefinement = <T extends { from?: string; to?: string; compareFrom?: string; compareTo?: string }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (v.from && v.to && isValidIsoDate(v.from) && isValidIsoDate(v.to) && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
  if ((v.compareFrom === undefined) !== (v.compareTo === undefined))
    ctx.addIssue({ code: 'custom', path: ['compareTo'], message: '对比期的起止日期须同时填写' });
  if (v.compareFrom && v.compareTo && v.compareFrom > v.compareTo)
    ctx.addIssue({ code: 'custom', path: ['compareTo'], message: '对比期截止日期不能早于起始日期' });
};

const periodFields = {
  orgId: zId,
  /** Defaults: from the first day of this year to today. */
  from: zIsoDate('起始日期').optional(),
  to: zIsoDate('截止日期').optional(),
  compareFrom: zIsoDate('对比期起始日期').optional(),
  compareTo: zIsoDate('对比期截止日期').optional(),
};

/** `?orgId=&from=&to=` (and an optional compared period) of one metric. */
export const ZMetricQuery = z.object(periodFields).superRefine(periodRefinement);
export type TMetricQuery = z.infer<typeof ZMetricQuery>;

const zKeyList = z
  .string({ error: '请填写指标' })
  .transform((s) =>
    s
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(zMetricKey).min(1, '请至少选择一个指标').max(100, '一次最多查询100个指标'));

/** Several metrics at once: `?keys=a,b,c&orgId=&from=&to=`. */
export const ZMetricValuesQuery = z.object({ ...periodFields, keys: zKeyList }).superRefine(periodRefinement);
export type TMetricValuesQuery = z.infer<typeof ZMetricValuesQuery>;

export const ZMetricRecordsQuery = ZPaging.extend(periodFields).superRefine(periodRefinement);
export type TMetricRecordsQuery = z.infer<typeof ZMetricRecordsQuery>;

/** A metric over the last `months` months, one point per calendar month ending at `to`. */
export const ZMetricTrendQuery = z.object({
  orgId: zId,
  to: zIsoDate('截止日期').optional(),
  months: z.coerce.number({ error: '月数无效' }).int('月数无效').min(2, '至少2个月').max(36, '最多36个月').default(12),
});
export type TMetricTrendQuery = z.infer<typeof ZMetricTrendQuery>;

export interface MetricTrendPoint {
  month: string;
  from: string;
  to: string;
  value: number;
}

/** Per-child comparison: each open child org in the actor's scope with the values of the asked metrics. */
export interface MetricChildrenTable {
  orgId: number;
  name: string;
  from: string;
  to: string;
  metrics: MetricInfo[];
  total: Record<string, number>;
  children: Array<{ orgId: number; name: string; kind: string; values: Record<string, number> }>;
}
