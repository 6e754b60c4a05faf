// What a module gives the metric catalogue (一数一源, issue 7 §1): named figures, each computed for an org subtree
// and a period, and the records behind it. A metric is the one place a figure is counted; dashboards, forms, reports
// and the fact-checker read metrics and never write their own SQL. The catalogue is modules/metrics/metric-registry.ts;
// each module declares its metrics in <module>.metrics.ts (the only SQL outside a repo, on the module's own tables).
import {
  addDays,
  type MetricInfo,
  type MetricKind,
  type MetricPeriodKind,
  type MetricRecord,
  type MetricRecordColumn,
  type Permission,
} from '@grassroots/domain';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Scope } from './scope.js';
import { type StateClass, statesOfClass, type WorkflowDefinition, type WorkflowTransition } from './workflow.js';

/** What a metric is computed over. */
export interface MetricQuery {
  /** The org the user picked and its path: the subtree. */
  orgId: number;
  path: string;
  /** The actor's scope for the metric's permission, narrowed to the subtree: filter every record by it. */
  scope: Scope;
  /** The scope is the whole subtree of `path`: subtree counters may answer (they count whole subtrees). */
  wholeSubtree: boolean;
  /** The period, ISO dates, both inclusive. An `instant` metric is the state as of `to`. */
  from: string;
  to: string;
  today: string;
}

export interface MetricPaging {
  limit: number;
  offset: number;
}

export interface MetricDefinition extends Omit<MetricInfo, 'phrases'> {
  phrases: readonly string[];
  /** The actor sees the figure for the part of the subtree in this permission's scope; without it, not at all. */
  permission: Permission;
  compute(db: Db, q: MetricQuery): Promise<number>;
  records: {
    columns: readonly MetricRecordColumn[];
    /** For a `sum` metric, the column whose values add up to the figure. */
    sumColumn: string | null;
    count(db: Db, q: MetricQuery): Promise<number>;
    list(db: Db, q: MetricQuery, paging: MetricPaging): Promise<MetricRecord[]>;
  };
}

type MetricMeta = {
  key: string;
  label: string;
  unit: string;
  group: string;
  module: string;
  period: MetricPeriodKind;
  description: string;
  phrases?: readonly string[];
  permission: Permission;
};

/**
 * A metric that counts (or sums a column of) the rows of one query: the records behind the figure are that query's
 * rows, so a record list always adds up to its metric. `query` selects the record columns (camelCase aliases, the
 * keys of `columns`) and must filter by `q.scope` and the period. `fast` may answer the figure without the scan
 * (subtree counters); it returns null when it cannot (a past date, a partial scope).
 */
export function defineRecordMetric(
  meta: MetricMeta & {
    query: (db: Db, q: MetricQuery) => Expression<object>;
    columns: readonly MetricRecordColumn[];
    /** SQL order of the records, over the selected aliases in snake_case (e.g. `org_path, id`). */
    orderBy: string;
    sumColumn?: string;
    fast?: (db: Db, q: MetricQuery) => Promise<number | null>;
  },
): MetricDefinition {
  const { query, columns, orderBy, sumColumn, fast, phrases, ...info } = meta;
  const kind: MetricKind = sumColumn ? 'sum' : 'count';
  const count = async (db: Db, q: MetricQuery) => {
    const r = await sql<{ n: number | string }>`select count(*) as n from (${query(db, q)}) r`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  };
  const snake = sumColumn?.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return {
    ...info,
    kind,
    phrases: phrases ?? [],
    async compute(db, q) {
      const known = fast ? await fast(db, q) : null;
      if (known !== null) return known;
      if (!snake) return count(db, q);
      const r = await sql<{
        s: number | string | null;
      }>`select sum(${sql.ref(`r.${snake}`)}) as s from (${query(db, q)}) r`.execute(db);
      return roundMoney(Number(r.rows[0]?.s ?? 0));
    },
    records: {
      columns,
      sumColumn: sumColumn ?? null,
      count,
      async list(db, q, paging) {
        const r = await sql<MetricRecord>`select * from (${query(db, q)}) r order by ${sql.raw(orderBy)} limit ${
          paging.limit
        } offset ${paging.offset}`.execute(db);
        return r.rows;
      },
    },
  };
}

/** Sums in 元 keep two decimals (floating sums of cents drift in the last place). */
function roundMoney(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * A share (占比): numerator / denominator, both metrics of the catalogue over the same scope and period, as a
 * fraction (0.304 → 30.4%); 0 when the denominator is 0. Its records are the numerator's.
 */
export function defineShareMetric(
  meta: Omit<MetricMeta, 'period' | 'permission' | 'module' | 'group' | 'unit'> & {
    numerator: MetricDefinition;
    denominator: MetricDefinition;
    group?: string;
  },
): MetricDefinition {
  const { numerator, denominator, phrases, ...info } = meta;
  return {
    group: numerator.group,
    ...info,
    unit: '%',
    kind: 'share',
    period: numerator.period,
    module: numerator.module,
    permission: numerator.permission,
    phrases: phrases ?? [],
    async compute(db, q) {
      const [n, d] = await Promise.all([numerator.compute(db, q), denominator.compute(db, q)]);
      return d === 0 ? 0 : n / d;
    },
    records: numerator.records,
  };
}

/**
 * The column (an ISO date or timestamp, text on both databases) lies in the period: from the first day's start to
 * the last day's end, so '2026-03-31T18:00:00Z' is in a period ending 2026-03-31.
 */
export function inPeriod(column: string, q: MetricQuery): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} >= ${q.from} and ${sql.ref(column)} < ${addDays(q.to, 1)})`;
}

/** The column (a date or timestamp) is on or before the period's end: a state as of `to`. */
export function onOrBefore(column: string, q: MetricQuery): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} < ${addDays(q.to, 1)}`;
}

/** The column (a record's year: a task list's, a rating's) is a calendar year the period touches. */
export function yearInPeriod(column: string, q: MetricQuery): Expression<SqlBool> {
  const first = Number(q.from.slice(0, 4));
  const last = Number(q.to.slice(0, 4));
  return sql<SqlBool>`(${sql.ref(column)} >= ${first} and ${sql.ref(column)} <= ${last})`;
}

/** Where a record's state changes are kept: `workflow_events` of one workflow, or a module's own event table. */
export interface StateHistory {
  table: 'workflowEvents' | 'weakOrgEvents';
  recordColumn: string;
  stateColumn: string;
  workflow?: string;
}

export function workflowHistory(workflow: string): StateHistory {
  return { table: 'workflowEvents', recordColumn: 'recordId', stateColumn: 'toState', workflow };
}

const ev = (column: string) => sql.ref(`e.${column}`);

/** `from <table> e where [e.workflow = … and] e.at < <the day after the period>`: a history's events by then. */
function eventsBy(history: StateHistory, q: MetricQuery) {
  const ofWorkflow = history.workflow === undefined ? sql`` : sql`${ev('workflow')} = ${history.workflow} and `;
  return sql`from ${sql.table(history.table)} e where ${ofWorkflow}${ev('at')} < ${addDays(q.to, 1)}`;
}

/**
 * A record's state at the end of the period's last day, for display: where its last event by then led (events in the
 * order they were appended, as a replay takes them); null before its first event. One lookup per row: filter with
 * `reachedBy`, which reads the events once.
 */
export function stateAsOf(history: StateHistory, recordId: string, q: MetricQuery): RawBuilder<string | null> {
  return sql<string | null>`(select ${ev(history.stateColumn)} ${eventsBy(history, q)} and ${ev(
    history.recordColumn,
  )} = ${sql.ref(recordId)} order by ${ev('id')} desc limit 1)`;
}

/**
 * The ids of the records that reached one of `states` by the end of the period's last day, for `id in (…)`. A record
 * is in such a state on that day when the states cannot be left (`finalStates`); given every state, the records that
 * existed by then (had an event).
 */
export function reachedBy(history: StateHistory, states: readonly string[], q: MetricQuery): RawBuilder<number> {
  return sql<number>`(select ${ev(history.recordColumn)} ${eventsBy(history, q)} and ${ev(
    history.stateColumn,
  )} in (${sql.join(states)}))`;
}

/** A workflow's states of `cls` when no transition leads out of the class (once reached, held); throws otherwise. */
export function finalStates<S extends string>(def: WorkflowDefinition<S, string>, cls: StateClass): S[] {
  const states = statesOfClass(def, cls);
  const leaving = Object.values<WorkflowTransition<S>>(def.actions).filter(
    (t) => t.from.some((s) => states.includes(s)) && [t.to, ...(t.outcomes ?? [])].some((s) => !states.includes(s)),
  );
  if (leaving.length > 0) throw new Error(`${def.name}: ${cls} states can be left, a past state needs a replay`);
  return states;
}
