// Rendering a report for an org and a period: every placeholder filled through the metric catalogue (一数一源; no SQL
// of its own), each figure kept with its metric, org and period so the preview can say where it comes from; an
// unknown key, a metric the user may not see or a comparison without a compared period becomes a visible
// 【无法计算：…】 and is listed. The suggestions for 二、存在的问题 are rendered the same way.
import {
  AppError,
  COMPARE_FORMATS,
  formatChange,
  formatRate,
  formatReportNumber,
  formatTrend,
  isReportWordKey,
  type MetricValue,
  metricKeysOf,
  missingText,
  paragraphKindOf,
  paragraphText,
  type RenderedReport,
  type ReportFigure,
  type ReportMissing,
  type ReportParagraph,
  type ReportParagraphKind,
  type ReportSegment,
  type ReportSuggestion,
  type ReportToken,
  reportFigurePeriods,
  reportLines,
  reportWordText,
  tokenizeReportText,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { hasPermission } from '../../platform/scope.js';
import { getMetricDefinition, getMetricValue, type Period } from '../metrics/metrics.service.js';
import { PROBLEM_RULES, type ProblemRule } from './report-templates.js';

export interface RenderScope {
  org: { id: number; name: string };
  period: Period;
  compare: Period | null;
}

/** A metric's figure for the scope, or why there is none. */
type Resolved = { value: MetricValue } | { reason: string };

/** Called after each metric computed: (done, total). */
export type RenderProgress = (done: number, total: number) => Promise<void>;

/** Computes each metric once (with the compared period when there is one); later look-ups are free. */
function metricResolver(ctx: AppContext, actor: Actor, scope: RenderScope) {
  const known = new Map<string, Resolved>();
  const compute = async (key: string): Promise<Resolved> => {
    let label: string;
    try {
      const def = getMetricDefinition(key);
      label = def.label;
      if (!hasPermission(actor, def.permission)) return { reason: `无权查看“${label}”` };
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return { reason: `未知指标“${key}”` };
      throw err;
    }
    try {
      const value = await getMetricValue(ctx, actor, key, {
        orgId: scope.org.id,
        ...scope.period,
        ...(scope.compare ? { compareFrom: scope.compare.from, compareTo: scope.compare.to } : {}),
      });
      return { value };
    } catch (err) {
      // The metric's permission reaches no part of the org's subtree.
      if (err instanceof AppError && err.code === 'FORBIDDEN') return { reason: `无权查看“${label}”` };
      throw err;
    }
  };
  return {
    async load(keys: readonly string[], progress?: RenderProgress) {
      const todo = keys.filter((k) => !known.has(k));
      let done = 0;
      await progress?.(0, todo.length);
      for (const key of todo) {
        known.set(key, await compute(key));
        await progress?.(++done, todo.length);
      }
    },
    get(key: string): Resolved {
      const r = known.get(key);
      if (!r) throw new Error(`metric ${key} not loaded`);
      return r;
    },
  };
}
type Resolver = ReturnType<typeof metricResolver>;

/** Drops `{{#compare}}…{{/compare}}` (to the end of the line when unclosed) when there is no compared period. */
function withoutCompareBlocks(tokens: ReportToken[], hasCompare: boolean): ReportToken[] {
  const out: ReportToken[] = [];
  let skipping = false;
  for (const t of tokens) {
    if (t.type === 'open') skipping = !hasCompare;
    else if (t.type === 'close') skipping = false;
    else if (!skipping) out.push(t);
  }
  return out;
}

function figureOf(org: RenderScope['org'], v: MetricValue, formats: ReportFigure['formats']): ReportFigure | string {
  const wan = formats.includes('wan');
  const bare = formats.includes('number');
  const percent = formats.includes('percent');
  const against = formats.find((f) => COMPARE_FORMATS.includes(f));
  let formatted: string;
  if (against === undefined) formatted = formatReportNumber(v.value, v.unit, { wan, bare, percent });
  else if (!v.compare) return '未选择对比期';
  else if (against === 'change') formatted = formatChange(v.compare.change, v.unit, { wan, bare });
  else if (against === 'prev') formatted = formatReportNumber(v.compare.value, v.unit, { wan, bare, percent });
  else if (v.compare.rate === null) {
    if (v.compare.change !== 0) return `“${v.label}”对比期为0，无法计算增长率`;
    formatted = against === 'trend' ? '持平' : formatRate(0);
  } else formatted = against === 'trend' ? formatTrend(v.compare.rate) : formatRate(v.compare.rate);
  return {
    type: 'figure',
    metricKey: v.key,
    label: v.label,
    value: v.value,
    unit: v.unit,
    formatted,
    formats,
    orgId: org.id,
    orgName: org.name,
    from: v.from,
    to: v.to,
    ...(v.compare ? { compare: v.compare } : {}),
  };
}

/** The words of scope and period: the period as the draft names it, its figures counted to `asOf`. */
type Words = Parameters<typeof reportWordText>[1];

function segmentsOf(tokens: ReportToken[], scope: RenderScope, words: Words, metrics: Resolver): ReportSegment[] {
  const segments: ReportSegment[] = [];
  const missing = (key: string, reason: string) =>
    segments.push({ type: 'missing', key, reason, text: missingText(reason) });
  for (const t of withoutCompareBlocks(tokens, scope.compare !== null)) {
    if (t.type === 'text') segments.push({ type: 'text', text: t.text });
    else if (t.type !== 'placeholder') continue;
    else if (t.error) missing(t.raw, t.error);
    else if (isReportWordKey(t.key)) {
      const text = reportWordText(t.key, words);
      if (text === null) missing(t.key, '未选择对比期');
      else segments.push({ type: 'word', key: t.key, text });
    } else {
      const r = metrics.get(t.key);
      if ('reason' in r) missing(t.key, r.reason);
      else {
        const f = figureOf(scope.org, r.value, t.formats);
        if (typeof f === 'string') missing(t.key, f);
        else segments.push(f);
      }
    }
  }
  return segments;
}

/**
 * The metrics computed over the period as far as it has gone (a quarter not yet ended stops today) and the words of
 * the period as the draft names it.
 */
function countedScope(ctx: AppContext, actor: Actor, scope: RenderScope) {
  const t = today();
  const counted = reportFigurePeriods(scope.period, scope.compare, t);
  const words: Words = {
    orgName: scope.org.name,
    ...scope.period,
    compare: scope.compare,
    today: t,
    asOf: counted.asOf,
  };
  const metrics = metricResolver(ctx, actor, { org: scope.org, period: counted.period, compare: counted.compare });
  return { metrics, words, asOf: counted.asOf };
}

function missingOf(paragraphs: ReportParagraph[]): ReportMissing[] {
  const seen = new Map<string, ReportMissing>();
  for (const p of paragraphs)
    for (const s of p.segments)
      if (s.type === 'missing') seen.set(`${s.key}|${s.reason}`, { key: s.key, reason: s.reason });
  return [...seen.values()];
}

/** Title and body rendered for the scope and period; `progress` follows the metrics computed. */
export async function renderReport(
  ctx: AppContext,
  actor: Actor,
  scope: RenderScope,
  text: { title: string; body: string },
  progress?: RenderProgress,
): Promise<RenderedReport> {
  const { metrics, words, asOf } = countedScope(ctx, actor, scope);
  await metrics.load(metricKeysOf(`${text.title}\n${text.body}`), progress);
  const paragraphOf = (line: string, kind: ReportParagraphKind): ReportParagraph => ({
    kind,
    segments: segmentsOf(tokenizeReportText(line), scope, words, metrics),
  });
  const title = paragraphOf(text.title.trim(), 'title');
  const paragraphs = reportLines(text.body).map((line) => paragraphOf(line, paragraphKindOf(line)));
  const all = [title, ...paragraphs];
  return {
    orgId: scope.org.id,
    orgName: scope.org.name,
    from: scope.period.from,
    to: scope.period.to,
    compare: scope.compare,
    asOf,
    title,
    paragraphs,
    figures: all.reduce((n, p) => n + p.segments.filter((s) => s.type === 'figure').length, 0),
    missing: missingOf(all),
  };
}

function holds(rule: Extract<ProblemRule, { test: unknown }>['test'], metrics: Resolver): boolean | string {
  const figure = (key: string) => {
    const r = metrics.get(key);
    return 'reason' in r ? r.reason : r.value.value;
  };
  const left = figure(rule.key);
  const right = 'key' in rule.than ? figure(rule.than.key) : rule.than.value;
  if (typeof left === 'string') return left;
  if (typeof right === 'string') return right;
  return rule.op === '<' ? left < right : left > right;
}

/** Each rule of 二、存在的问题 over the scope: applies (with its sentence filled in), clear, or unavailable (why). */
export async function suggestProblems(ctx: AppContext, actor: Actor, scope: RenderScope): Promise<ReportSuggestion[]> {
  const { metrics, words } = countedScope(ctx, actor, scope);
  const keysOf = (r: ProblemRule) =>
    'test' in r ? [r.test.key, ...('key' in r.test.than ? [r.test.than.key] : []), ...metricKeysOf(r.text)] : [];
  await metrics.load([...new Set(PROBLEM_RULES.flatMap(keysOf))]);
  return PROBLEM_RULES.map((r) => {
    const paragraph: ReportParagraph = {
      kind: 'body',
      segments: segmentsOf(tokenizeReportText(r.text), scope, words, metrics),
    };
    const base = { id: r.id, topic: r.topic, rule: r.rule, text: r.text, preview: paragraphText(paragraph) };
    const figures = paragraph.segments.filter((s): s is ReportFigure => s.type === 'figure');
    if ('unavailable' in r) return { ...base, state: 'unavailable', figures, reason: r.unavailable };
    const missing = paragraph.segments.find((s) => s.type === 'missing');
    const outcome = holds(r.test, metrics);
    if (typeof outcome === 'string') return { ...base, state: 'unavailable', figures, reason: outcome };
    if (missing) return { ...base, state: 'unavailable', figures, reason: missing.reason };
    return { ...base, state: outcome ? 'applies' : 'clear', figures, reason: null };
  });
}
