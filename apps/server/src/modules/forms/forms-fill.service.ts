// Filling a form (填报): every formula cell's value for an org subtree and a period, and for a compared period (同比)
// its earlier value, change and rate. Figures come only from the metric catalogue (metrics.service: one value per key,
// org and period, cached there); a cell that cannot be computed — a key not in the catalogue (yet), a metric the
// actor may not see, a wrong formula — says why and leaves the rest of the form filled.
import {
  AppError,
  type CellFormat,
  defaultCellFormat,
  ExpressionError,
  type ExpressionNode,
  evaluateExpression,
  expressionKeys,
  type FilledCell,
  type FilledForm,
  type FormMetricInfo,
  parseExpression,
  type TFormCell,
  type TFormDefinition,
  type TFormFillQuery,
  type TFormPreview,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { MetricDefinition } from '../../platform/metrics.js';
import { hasPermission } from '../../platform/scope.js';
import {
  computeMetric,
  getMetricDefinition,
  infoOf,
  metricQueryFor,
  type Period,
  periodOf,
} from '../metrics/metrics.service.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { getForm } from './forms.service.js';

/** A form's cells read once, filled for as many orgs as needed (the per-child export). */
export interface PreparedForm {
  key: string;
  name: string;
  builtIn: boolean;
  definition: TFormDefinition;
  cells: Array<Array<{ cell: TFormCell; node: ExpressionNode | null; problem: string | null }>>;
  keys: string[];
  defs: Map<string, MetricDefinition>;
}

export interface FillTarget {
  org: { id: number; path: string; name: string };
  period: Period;
  compare: Period | null;
}

function knownDefinition(key: string): MetricDefinition | null {
  try {
    return getMetricDefinition(key);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export function prepareForm(form: {
  key: string;
  name: string;
  builtIn: boolean;
  definition: TFormDefinition;
}): PreparedForm {
  const keys = new Set<string>();
  const cells = form.definition.cells.map((line) =>
    line.map((cell) => {
      if (!cell || !('expr' in cell)) return { cell, node: null, problem: null };
      try {
        const node = parseExpression(cell.expr);
        for (const k of expressionKeys(node)) keys.add(k);
        return { cell, node, problem: null };
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        return { cell, node: null, problem: `公式有误：${e.message}` };
      }
    }),
  );
  const defs = new Map<string, MetricDefinition>();
  for (const k of keys) {
    const def = knownDefinition(k);
    if (def) defs.set(k, def);
  }
  return { ...form, cells, keys: [...keys], defs };
}

type Outcome = { value: number } | { error: string };

/** Each key's value for the org and period, or why there is none. */
async function outcomesOf(
  ctx: AppContext,
  actor: Actor,
  form: PreparedForm,
  org: FillTarget['org'],
  period: Period,
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  for (const key of form.keys) {
    const def = form.defs.get(key);
    if (!def) {
      out.set(key, { error: `未知指标 ${key}` });
      continue;
    }
    if (!hasPermission(actor, def.permission)) {
      out.set(key, { error: `您无权查看“${def.label}”` });
      continue;
    }
    try {
      out.set(key, { value: await computeMetric(ctx, def, metricQueryFor(actor, def, org, period), actor) });
    } catch (e) {
      // A grant on part of the subtree only: the org is readable, this metric of it is not.
      if (e instanceof AppError && e.code === 'FORBIDDEN') out.set(key, { error: e.message });
      else throw e;
    }
  }
  return out;
}

function evaluate(node: ExpressionNode, outcomes: Map<string, Outcome>): { value: number } | { error: string } {
  for (const k of expressionKeys(node)) {
    const o = outcomes.get(k)!;
    if ('error' in o) return o;
  }
  return { value: evaluateExpression(node, (k) => (outcomes.get(k) as { value: number }).value) };
}

export async function fillPrepared(
  ctx: AppContext,
  actor: Actor,
  form: PreparedForm,
  target: FillTarget,
): Promise<FilledForm> {
  const current = await outcomesOf(ctx, actor, form, target.org, target.period);
  const earlier = target.compare ? await outcomesOf(ctx, actor, form, target.org, target.compare) : null;
  const unitOf = (k: string) => form.defs.get(k)?.unit;
  const cells = form.cells.map((line) =>
    line.map(({ cell, node, problem }): FilledCell => {
      if (!cell) return { kind: 'empty' };
      if ('text' in cell) return { kind: 'text', text: cell.text };
      const format: CellFormat = cell.format ?? (node ? defaultCellFormat(node, unitOf) : 'integer');
      const keys = node ? expressionKeys(node) : [];
      if (!node) return { kind: 'value', expr: cell.expr, format, keys, value: null, error: problem };
      const now = evaluate(node, current);
      const filled: FilledCell = {
        kind: 'value',
        expr: cell.expr,
        format,
        keys,
        value: 'value' in now ? now.value : null,
        error: 'error' in now ? now.error : null,
      };
      if (earlier) {
        const then = evaluate(node, earlier);
        const before = 'value' in then ? then.value : null;
        const change = before !== null && filled.value !== null ? filled.value - before : null;
        filled.compare = { value: before, change, rate: change === null || before === 0 ? null : change / before! };
      }
      return filled;
    }),
  );
  const metrics: Record<string, FormMetricInfo> = {};
  for (const [key, def] of form.defs) {
    const { label, unit, description, period, group } = infoOf(def);
    metrics[key] = { key, label, unit, description, period, group };
  }
  const d = form.definition;
  return {
    key: form.key,
    name: form.name,
    title: d.title,
    note: d.note ?? null,
    rowHeader: d.rowHeader ?? null,
    builtIn: form.builtIn,
    orgId: target.org.id,
    orgName: target.org.name,
    ...target.period,
    compare: target.compare,
    rows: d.rows,
    columns: d.columns,
    template: d.template ?? null,
    cells,
    metrics,
  };
}

/** The period asked for (defaults as for metrics: this year up to today) and the compared one, if any. */
export function periodsOf(query: TFormFillQuery): Pick<FillTarget, 'period' | 'compare'> {
  return {
    period: periodOf(query),
    compare: query.compareFrom && query.compareTo ? { from: query.compareFrom, to: query.compareTo } : null,
  };
}

/** A form filled for one org: the org must be readable (404 otherwise), like the form. */
export async function fillForm(ctx: AppContext, actor: Actor, key: string, query: TFormFillQuery) {
  const form = await getForm(ctx, actor, key);
  const org = await getOrgInScope(ctx, actor, 'stats:read', query.orgId);
  return fillPrepared(ctx, actor, prepareForm(form), { org, ...periodsOf(query) });
}

/** The editor's live preview: a definition not saved, filled for an org; wrong cells say why instead of failing. */
export async function previewForm(ctx: AppContext, actor: Actor, input: TFormPreview) {
  const org = await getOrgInScope(ctx, actor, 'stats:read', input.orgId);
  const form = prepareForm({
    key: 'preview',
    name: input.definition.title,
    builtIn: false,
    definition: input.definition,
  });
  return fillPrepared(ctx, actor, form, { org, ...periodsOf(input) });
}
