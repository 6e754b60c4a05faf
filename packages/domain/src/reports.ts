// 工作汇报 (DOMAIN §11): the placeholder language of a report's prose, the paragraph kinds of the shape users write
// (一、 / （一） / 1. / （1）), and figures written the Chinese way. Shared by the server (rendering, export) and the web
// (the editor shows the placeholders, the preview the figures behind them).
import { addDays, addYears } from './dates.js';
import { METRIC_KEY_PATTERN, type MetricChange } from './metrics.js';

/**
 * How a placeholder writes its metric: `{{members.total}}` → 1234名; `|number` without the unit; `|percent` a
 * fraction as 85.3%; `|wan` 4.2万名 from 10,000 up; and against the compared period (同比): `|change` 增加12名 /
 * 减少3名 / 持平, `|rate` 5.2%, `|trend` 增长5.2% / 下降3.1% / 持平, `|prev` the compared period's figure.
 */
export const REPORT_FORMATS = ['number', 'percent', 'wan', 'change', 'rate', 'trend', 'prev'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_FORMAT_LABELS: Record<ReportFormat, string> = {
  number: '只写数字，不带单位',
  percent: '写成百分数（一位小数）',
  wan: '一万及以上写成“万”（如4.2万名）',
  change: '与对比期相比的增减（增加12名／减少3名／持平）',
  rate: '与对比期相比的增长率（如5.2%）',
  trend: '与对比期相比的增减幅度（增长5.2%／下降3.1%）',
  prev: '对比期的数值',
};
/** The formats that read the compared period (同比); a placeholder takes at most one of them. */
export const COMPARE_FORMATS: readonly ReportFormat[] = ['change', 'rate', 'trend', 'prev'];

/**
 * Words of the scope and period, not metrics: 城关镇党委, 2026, 2026年第三季度… `compare.*` need a compared period.
 */
export const REPORT_WORD_KEYS = [
  'org.name',
  'period.year',
  'period.from',
  'period.to',
  'period.label',
  'period.quarter',
  'compare.year',
  'compare.from',
  'compare.to',
  'compare.label',
  'report.date',
] as const;
export type ReportWordKey = (typeof REPORT_WORD_KEYS)[number];
export const REPORT_WORD_LABELS: Record<ReportWordKey, string> = {
  'org.name': '组织名称',
  'period.year': '年度（如2026）',
  'period.from': '起始日期（如2026年1月1日）',
  'period.to': '截止日期',
  'period.label': '期间（如2026年第三季度）',
  'period.quarter': '季度（如第三季度）',
  'compare.year': '对比期年度',
  'compare.from': '对比期起始日期',
  'compare.to': '对比期截止日期',
  'compare.label': '对比期（如2025年第三季度）',
  'report.date': '成文日期（今天）',
};

export function isReportWordKey(key: string): key is ReportWordKey {
  return (REPORT_WORD_KEYS as readonly string[]).includes(key);
}

/** `{{#compare}}…{{/compare}}`: text kept only when the draft has a compared period (同比). */
export const COMPARE_BLOCK = 'compare';

export type ReportToken =
  | { type: 'text'; text: string }
  | { type: 'placeholder'; raw: string; key: string; formats: ReportFormat[]; error: string | null }
  | { type: 'open' | 'close'; block: typeof COMPARE_BLOCK };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function placeholderOf(raw: string, inner: string): ReportToken {
  const [keyPart = '', ...formatParts] = inner.split('|').map((s) => s.trim());
  const formats = formatParts.filter(Boolean);
  const bad = (error: string): ReportToken => ({ type: 'placeholder', raw, key: keyPart, formats: [], error });
  if (!METRIC_KEY_PATTERN.test(keyPart)) return bad(`占位符“${raw}”格式有误`);
  const unknown = formats.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown !== undefined) return bad(`格式“${unknown}”无效`);
  if (formats.filter((f) => COMPARE_FORMATS.includes(f as ReportFormat)).length > 1) {
    return bad(`占位符“${raw}”只能用一种对比格式`);
  }
  return { type: 'placeholder', raw, key: keyPart, formats: formats as ReportFormat[], error: null };
}

/** Splits prose into text, placeholders and compare-block marks (a `{{…}}` that is not valid is kept with its error). */
export function tokenizeReportText(text: string): ReportToken[] {
  const out: ReportToken[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    const inner = m[1]!.trim();
    if (inner === `#${COMPARE_BLOCK}`) out.push({ type: 'open', block: COMPARE_BLOCK });
    else if (inner === `/${COMPARE_BLOCK}`) out.push({ type: 'close', block: COMPARE_BLOCK });
    else out.push(placeholderOf(m[0], inner));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/** The distinct metric keys a text names (words of scope and period excluded). */
export function metricKeysOf(text: string): string[] {
  const keys = new Set<string>();
  for (const t of tokenizeReportText(text)) {
    if (t.type === 'placeholder' && !t.error && !isReportWordKey(t.key)) keys.add(t.key);
  }
  return [...keys];
}

// ---- paragraphs

export const REPORT_PARAGRAPH_KINDS = [
  'title',
  'salutation',
  'heading1',
  'heading2',
  'heading3',
  'heading4',
  'body',
] as const;
export type ReportParagraphKind = (typeof REPORT_PARAGRAPH_KINDS)[number];

const CN_ORDINAL = '[一二三四五六七八九十]{1,3}';
const KIND_PATTERNS: Array<[ReportParagraphKind, RegExp]> = [
  ['heading1', new RegExp(`^${CN_ORDINAL}、`)],
  ['heading2', new RegExp(`^[（(]${CN_ORDINAL}[）)]`)],
  ['heading4', /^[（(]\d{1,2}[）)]/],
  ['heading3', /^\d{1,2}[.．](?!\d)/],
  // 主送机关: "县委：" alone on its line.
  ['salutation', /^[^，。；：、\s{}]{1,20}：$/],
];

/** The kind of a line of a report: 一、 黑体, （一） 楷体, 1. and （1） 仿宋, the addressee, or body text. */
export function paragraphKindOf(line: string): ReportParagraphKind {
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(line)) return kind;
  return 'body';
}

/** The lines of a body, one paragraph each: trimmed (full-width indents too), blank lines dropped. */
export function reportLines(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l.length > 0);
}

/**
 * How many characters of a heading paragraph are the heading itself: up to and including the first 。 when text
 * follows in the same paragraph (（一）健全机制、夯实责任。构建了…), else all of it.
 */
export function headingLength(text: string): number {
  const stop = text.indexOf('。');
  return stop === -1 || stop === text.length - 1 ? text.length : stop + 1;
}

// ---- figures written the Chinese way (DOMAIN §11)

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** A plain number: integers exact without separators (3629), others with up to two decimals (41539.41). */
function plain(n: number): string {
  return Number.isInteger(n) ? String(n) : trimZeros(n.toFixed(2));
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * A figure with its unit: 1234名, 41539.41元, 85.3% for a share (unit '%'); `wan` writes 10,000 and more in 万
 * (4.2万名, 41539.41万元) and smaller figures exactly; `bare` leaves the unit off.
 */
export function formatReportNumber(
  value: number,
  unit: string,
  options: { percent?: boolean; wan?: boolean; bare?: boolean } = {},
): string {
  if (unit === '%' || options.percent) return formatPercent(value);
  const text = options.wan && Math.abs(value) >= 10_000 ? `${trimZeros((value / 10_000).toFixed(2))}万` : plain(value);
  return options.bare ? text : `${text}${unit}`;
}

/** 增加12名 / 减少3名 / 持平; a share's change in 个百分点. */
export function formatChange(change: number, unit: string, options: { wan?: boolean; bare?: boolean } = {}): string {
  if (Math.abs(change) < 1e-9) return '持平';
  const word = change > 0 ? '增加' : '减少';
  if (unit === '%') return `${word}${(Math.abs(change) * 100).toFixed(1)}个百分点`;
  return `${word}${formatReportNumber(Math.abs(change), unit, options)}`;
}

/** The growth rate: 5.2%, -3.1%. */
export function formatRate(rate: number): string {
  return formatPercent(rate);
}

/** 增长5.2% / 下降3.1% / 持平. */
export function formatTrend(rate: number): string {
  if (Math.abs(rate) < 0.0005) return '持平';
  return `${rate > 0 ? '增长' : '下降'}${formatPercent(Math.abs(rate))}`;
}

// ---- periods

/** 2026-03-31 → 2026年3月31日. */
export function formatReportDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

export function quarterOf(date: string): 1 | 2 | 3 | 4 {
  return (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function yearPeriod(year: number): { from: string; to: string } {
  return { from: iso(year, 1, 1), to: iso(year, 12, 31) };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  return { from: iso(year, first, 1), to: iso(year, first + 2, lastDayOf(year, first + 2)) };
}

/** The same period one year earlier (同比). */
export function previousYearPeriod(period: { from: string; to: string }): { from: string; to: string } {
  return { from: addYears(period.from, -1), to: addYears(period.to, -1) };
}

/** 2026年 / 2026年第三季度 / 2026年3月 / 2026年1月1日至3月31日 / 2025年12月1日至2026年2月28日. */
export function reportPeriodLabel(from: string, to: string): string {
  const y = Number(from.slice(0, 4));
  const sameYear = to.slice(0, 4) === from.slice(0, 4);
  if (sameYear) {
    const year = yearPeriod(y);
    if (from === year.from && to === year.to) return `${y}年`;
    const q = quarterOf(from);
    const quarter = quarterPeriod(y, q);
    if (from === quarter.from && to === quarter.to) return `${y}年${QUARTER_LABELS[q - 1]!}`;
    const m = Number(from.slice(5, 7));
    if (from === iso(y, m, 1) && to === iso(y, m, lastDayOf(y, m))) return `${y}年${m}月`;
    return `${formatReportDate(from)}至${formatReportDate(to).slice(5)}`;
  }
  return `${formatReportDate(from)}至${formatReportDate(to)}`;
}

const dayNumber = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;

/**
 * The period a report's figures are counted over: nothing is known after today, so a period not yet ended stops
 * today (asOf), and the compared period (同比) is cut by as many days to stay like for like.
 */
export function reportFigurePeriods(
  period: { from: string; to: string },
  compare: { from: string; to: string } | null,
  today: string,
): { period: { from: string; to: string }; compare: { from: string; to: string } | null; asOf: string | null } {
  if (period.to <= today) return { period, compare, asOf: null };
  const asOf = period.from > today ? period.from : today;
  const cut = dayNumber(period.to) - dayNumber(asOf);
  // Never before the compared period's first day.
  const compareCut = compare ? Math.min(cut, dayNumber(compare.to) - dayNumber(compare.from)) : 0;
  return {
    period: { from: period.from, to: asOf },
    compare: compare ? { from: compare.from, to: addDays(compare.to, -compareCut) } : null,
    asOf,
  };
}

/** The text of a period word (`period.year` → 2026); `compare.*` need the compared period, null without one. */
export function reportWordText(
  key: ReportWordKey,
  ctx: {
    orgName: string;
    from: string;
    to: string;
    compare: { from: string; to: string } | null;
    today: string;
    /** The figures' end when the period has not ended yet: 截至{{period.to}} says that day. */
    asOf?: string | null;
  },
): string | null {
  const c = ctx.compare;
  switch (key) {
    case 'org.name':
      return ctx.orgName;
    case 'period.year':
      return ctx.to.slice(0, 4);
    case 'period.from':
      return formatReportDate(ctx.from);
    case 'period.to':
      return formatReportDate(ctx.asOf ?? ctx.to);
    case 'period.label':
      return reportPeriodLabel(ctx.from, ctx.to);
    case 'period.quarter':
      return QUARTER_LABELS[quarterOf(ctx.to) - 1]!;
    case 'compare.year':
      return c ? c.to.slice(0, 4) : null;
    case 'compare.from':
      return c ? formatReportDate(c.from) : null;
    case 'compare.to':
      return c ? formatReportDate(c.to) : null;
    case 'compare.label':
      return c ? reportPeriodLabel(c.from, c.to) : null;
    case 'report.date':
      return formatReportDate(ctx.today);
  }
}

/** The words of scope and period filled in, metric placeholders left as they are (a draft's title in a list). */
export function fillReportWords(text: string, ctx: Parameters<typeof reportWordText>[1]): string {
  return text.replace(PLACEHOLDER, (raw, inner: string) => {
    const key = inner.trim();
    return isReportWordKey(key) ? (reportWordText(key, ctx) ?? raw) : raw;
  });
}

// ---- what a rendered report is (the preview, the .docx and the .md are made from it)

/** A figure in the text: which metric, for which org and period, its value and how it was written. */
export interface ReportFigure {
  type: 'figure';
  metricKey: string;
  label: string;
  value: number;
  unit: string;
  formatted: string;
  formats: ReportFormat[];
  orgId: number;
  orgName: string;
  from: string;
  to: string;
  compare?: MetricChange;
}

export type ReportSegment =
  | { type: 'text'; text: string }
  /** A word of the scope or period (org.name, period.label…). */
  | { type: 'word'; key: string; text: string }
  | ReportFigure
  /** 【无法计算：…】: an unknown key, a metric the user may not see, a comparison without a compared period. */
  | { type: 'missing'; key: string; reason: string; text: string };

export interface ReportParagraph {
  kind: ReportParagraphKind;
  segments: ReportSegment[];
}

export interface ReportMissing {
  key: string;
  reason: string;
}

export interface RenderedReport {
  orgId: number;
  orgName: string;
  from: string;
  to: string;
  compare: { from: string; to: string } | null;
  /**
   * When the period has not ended: the day its figures are counted to (today), earlier than `to`; the compared
   * period is cut by as many days. Null for a period that has ended.
   */
  asOf: string | null;
  title: ReportParagraph;
  paragraphs: ReportParagraph[];
  /** Placeholders filled with a figure. */
  figures: number;
  missing: ReportMissing[];
}

export function missingText(reason: string): string {
  return `【无法计算：${reason}】`;
}

export function segmentText(s: ReportSegment): string {
  return s.type === 'figure' ? s.formatted : s.text;
}

export function paragraphText(p: ReportParagraph): string {
  return p.segments.map(segmentText).join('');
}

/** 二、存在的问题 suggested from the data: a sentence to insert (placeholders kept) and what it found. */
export interface ReportSuggestion {
  id: string;
  topic: string;
  /** applies: the data shows the problem; clear: it does not; unavailable: it cannot be checked (and why). */
  state: 'applies' | 'clear' | 'unavailable';
  /** The sentence with its placeholders, inserted into the draft as it is. */
  text: string;
  /** The sentence with the figures filled in. */
  preview: string;
  /** What the rule tests, in words (“组织生活落实率低于90%”). */
  rule: string;
  figures: ReportFigure[];
  reason: string | null;
}

export const REPORT_TEMPLATE_PERIOD_KINDS = ['year', 'quarter', 'any'] as const;
export type ReportTemplatePeriodKind = (typeof REPORT_TEMPLATE_PERIOD_KINDS)[number];
export const REPORT_TEMPLATE_PERIOD_LABELS: Record<ReportTemplatePeriodKind, string> = {
  year: '年度',
  quarter: '季度',
  any: '任意期间',
};

/** Built-in templates are `builtin:<key>`, saved ones `saved:<id>`. */
export const REPORT_TEMPLATE_KEY_PATTERN = /^(builtin:[a-z_]+|saved:\d{1,15})$/;

export interface ReportTemplateDto {
  key: string;
  id: number | null;
  builtin: boolean;
  orgId: number | null;
  orgName: string | null;
  name: string;
  description: string | null;
  periodKind: ReportTemplatePeriodKind;
  title: string;
  body: string;
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
  canEdit: boolean;
}

export interface ReportDraftDto {
  id: number;
  orgId: number;
  orgName: string;
  templateKey: string;
  templateName: string;
  title: string;
  body: string;
  from: string;
  to: string;
  compareFrom: string | null;
  compareTo: string | null;
  version: number;
  createdByName: string;
  createdAt: string;
  updatedByName: string;
  updatedAt: string;
  canEdit: boolean;
}
