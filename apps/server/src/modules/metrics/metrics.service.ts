// 一数一源: the catalogue, a metric's value for an org subtree and period (with an optional compared period, 同比),
// the records behind it, a monthly trend and the per-child comparison. Access: the org must be readable (404
// otherwise) and the metric's permission decides which part of the subtree counts (403 without it).
import {
  addDays,
  addMonths,
  type MetricChange,
  type MetricChildrenTable,
  type MetricInfo,
  type MetricRecordPage,
  type MetricTrendPoint,
  type MetricValue,
  type TMetricQuery,
  type TMetricRecordsQuery,
  type TMetricTrendQuery,
  type TMetricValuesQuery,
} from '@grassroots/domain';
import { dataGeneration } from '../../db/database.js';
import { type Actor, grantsKey } from '../../platform/actor.js';
import { today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type ExportColumn, preparePagedExport } from '../../platform/list-export.js';
import type { MetricDefinition, MetricQuery } from '../../platform/metrics.js';
import { offsetOf } from '../../platform/paging.js';
import { ReadCache } from '../../platform/read-cache.js';
import { hasPermission, narrowScope, scopeOf } from '../../platform/scope.js';
import * as orgs from '../orgs/orgs.service.js';
import { METRICS } from './metric-registry.js';

export function getMetricDefinition(key: string): MetricDefinition {
  const def = METRICS.get(key);
  if (!def) throw new AppError('NOT_FOUND', `指标“${key}”不存在`);
  return def;
}

export function infoOf(def: MetricDefinition): MetricInfo {
  const { key, label, unit, kind, period, group, module, description, phrases } = def;
  return { key, label, unit, kind, period, group, module, description, phrases: [...phrases] };
}

/** The catalogue: the metrics whose permission the actor holds. */
export function listMetrics(actor: Actor): MetricInfo[] {
  return [...METRICS.values()].filter((m) => hasPermission(actor, m.permission)).map(infoOf);
}

export interface Period {
  from: string;
  to: string;
}

/** Defaults: to = today, from = the first day of `to`'s year. */
export function periodOf(query: { from?: string; to?: string }): Period {
  const to = query.to ?? today();
  return { from: query.from ?? `${to.slice(0, 4)}-01-01`, to };
}

/** The query of one metric over an org the actor may read (404 otherwise), cut to the metric's permission scope. */
export function metricQueryFor(
  actor: Actor,
  def: MetricDefinition,
  org: { id: number; path: string },
  period: Period,
): MetricQuery {
  const scope = narrowScope(scopeOf(actor, def.permission), org.path);
  if (scope.length === 0) throw new AppError('FORBIDDEN', `您无权查看该组织的“${def.label}”`);
  const wholeSubtree = scope.length === 1 && scope[0]!.includeSubtree && scope[0]!.path === org.path;
  return { orgId: org.id, path: org.path, scope, wholeSubtree, ...period, today: today() };
}

/** Values are kept per (metric, org, period, grants) until this process writes or VALUE_CACHE_MS pass. */
const VALUE_CACHE_MS = 30_000;
const valueCache = new ReadCache<number>(VALUE_CACHE_MS, 20_000);

export async function computeMetric(ctx: AppContext, def: MetricDefinition, q: MetricQuery, actor: Actor) {
  const cacheKey = `${def.key}|${q.orgId}|${q.from}|${q.to}|${grantsKey(actor)}`;
  const kept = valueCache.get(ctx.db, cacheKey);
  if (kept !== undefined) return kept;
  const generation = dataGeneration();
  const value = await def.compute(ctx.db, q);
  valueCache.set(ctx.db, cacheKey, value, generation);
  return value;
}

function changeOf(value: number, compared: number, period: Period): MetricChange {
  const change = value - compared;
  return { ...period, value: compared, change, rate: compared === 0 ? null : change / compared };
}

async function metricValueOf(
  ctx: AppContext,
  actor: Actor,
  def: MetricDefinition,
  org: { id: number; path: string },
  query: TMetricQuery,
): Promise<MetricValue> {
  const period = periodOf(query);
  const value = await computeMetric(ctx, def, metricQueryFor(actor, def, org, period), actor);
  const out: MetricValue = {
    key: def.key,
    label: def.label,
    unit: def.unit,
    value,
    orgId: org.id,
    ...period,
    period: def.period,
  };
  if (query.compareFrom && query.compareTo) {
    const compared: Period = { from: query.compareFrom, to: query.compareTo };
    out.compare = changeOf(
      value,
      await computeMetric(ctx, def, metricQueryFor(actor, def, org, compared), actor),
      compared,
    );
  }
  return out;
}

export async function getMetricValue(ctx: AppContext, actor: Actor, key: string, query: TMetricQuery) {
  const def = getMetricDefinition(key);
  const org = await orgs.getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
  return metricValueOf(ctx, actor, def, org, query);
}

/** Several metrics of one org and period; those the actor may not see are listed in `denied`, not failed. */
export async function getMetricValues(ctx: AppContext, actor: Actor, query: TMetricValuesQuery) {
  const defs = query.keys.map(getMetricDefinition);
  const org = await orgs.getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
  const values: MetricValue[] = [];
  const denied: string[] = [];
  for (const def of defs) {
    if (!hasPermission(actor, def.permission)) denied.push(def.key);
    else values.push(await metricValueOf(ctx, actor, def, org, query));
  }
  return { orgId: org.id, ...periodOf(query), values, denied };
}

export async function listMetricRecords(
  ctx: AppContext,
  actor: Actor,
  key: string,
  query: TMetricRecordsQuery,
): Promise<MetricRecordPage> {
  const def = getMetricDefinition(key);
  const org = await orgs.getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
  const q = metricQueryFor(actor, def, org, periodOf(query));
  const [total, rows] = await Promise.all([
    def.records.count(ctx.db, q),
    def.records.list(ctx.db, q, { limit: query.pageSize, offset: offsetOf(query.page, query.pageSize) }),
  ]);
  const columns = def.records.columns;
  const items = rows.map((row) => {
    const out: Record<string, string | number | null> = { id: row.id ?? null };
    for (const c of columns) {
      const v = row[c.key] ?? null;
      out[c.key] = c.labels && v !== null ? (c.labels[String(v)] ?? v) : v;
    }
    return out;
  });
  return {
    key: def.key,
    label: def.label,
    columns: columns.map(({ key: k, label }) => ({ key: k, label })),
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    sumColumn: def.records.sumColumn,
  };
}

/** The records behind a figure as .xlsx, in the list's order. */
export async function prepareMetricRecordsExport(ctx: AppContext, actor: Actor, key: string, query: TMetricQuery) {
  const def = getMetricDefinition(key);
  const columns: ExportColumn<Record<string, string | number | null>>[] = def.records.columns.map((c) => ({
    header: c.label,
    width: 16,
    cell: (item) => item[c.key] ?? '',
  }));
  return preparePagedExport(ctx, actor, {
    q: query,
    list: (q) => listMetricRecords(ctx, actor, key, q),
    sheet: def.label.replace(/[\\/?*[\]:]/g, ''),
    columns,
    entity: 'metric_records',
  });
}

/** One point per calendar month, the last ending at `to`: the state at each month's end, or the month's events. */
export async function getMetricTrend(ctx: AppContext, actor: Actor, key: string, query: TMetricTrendQuery) {
  const def = getMetricDefinition(key);
  const org = await orgs.getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
  const end = query.to ?? today();
  const points: MetricTrendPoint[] = [];
  for (let i = query.months - 1; i >= 0; i--) {
    const first = `${addMonths(`${end.slice(0, 7)}-01`, -i)}`;
    const last = i === 0 ? end : addDays(addMonths(first, 1), -1);
    const value = await computeMetric(ctx, def, metricQueryFor(actor, def, org, { from: first, to: last }), actor);
    points.push({ month: first.slice(0, 7), from: first, to: last, value });
  }
  return { key: def.key, label: def.label, unit: def.unit, period: def.period, points };
}

/** 各下级对比: each open child in the actor's org scope, with every asked metric for the same period. */
export async function getChildrenTable(
  ctx: AppContext,
  actor: Actor,
  query: TMetricValuesQuery,
): Promise<MetricChildrenTable> {
  const defs = query.keys.map(getMetricDefinition).filter((d) => hasPermission(actor, d.permission));
  const org = await orgs.getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
  const period = periodOf(query);
  const children = (await orgs.listChildren(ctx, actor, org.id, false)).items;
  const valuesFor = async (o: { id: number; path: string }) => {
    const values: Record<string, number> = {};
    for (const def of defs) {
      // A child outside the metric's scope (a grant on part of the subtree) shows no figure rather than failing.
      const scope = narrowScope(scopeOf(actor, def.permission), o.path);
      if (scope.length > 0)
        values[def.key] = await computeMetric(ctx, def, metricQueryFor(actor, def, o, period), actor);
    }
    return values;
  };
  const rows = [];
  for (const c of children) rows.push({ orgId: c.id, name: c.name, kind: c.kind, values: await valuesFor(c) });
  return {
    orgId: org.id,
    name: org.name,
    ...period,
    metrics: defs.map(infoOf),
    total: await valuesFor(org),
    children: rows,
  };
}

/** The per-child comparison as .xlsx: one row per child and a total row, shares as percentages. */
export async function prepareChildrenExport(ctx: AppContext, actor: Actor, query: TMetricValuesQuery) {
  const table = await getChildrenTable(ctx, actor, query);
  type Row = { name: string; values: Record<string, number> };
  const columns: ExportColumn<Row>[] = [
    { header: '组织', width: 28, cell: (r) => r.name },
    ...table.metrics.map((m) => ({
      header: `${m.label}（${m.unit}）`,
      width: 16,
      cell: (r: Row) => {
        const v = r.values[m.key];
        if (v === undefined) return '';
        return m.unit === '%' ? Math.round(v * 10000) / 100 : v;
      },
    })),
  ];
  const rows: Row[] = [...table.children, { name: `合计（${table.name}）`, values: table.total }];
  return preparePagedExport(ctx, actor, {
    q: query,
    list: async (q) => ({
      items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
    }),
    sheet: '各下级对比',
    columns,
    entity: 'metric_children',
  });
}
