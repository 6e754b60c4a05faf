// The peer: the same dashboard computed the way RuoYi-style admin systems compute it, on the same members table.
// RuoYi keeps the org tree in sys_dept with an `ancestors` column ('0,100,101': the ids above the dept, root first,
// led by 0) and scopes data with `dept_id = ? or dept_id in (select dept_id from sys_dept where
// find_in_set(?, ancestors))`; a statistics page then runs one `count(*) … group by <column>` per chart, and repeats
// them for every child dept in the table under the chart. That is what this module does, query for query.
import { AGE_BANDS, birthDateRangeForAgeBand } from '@grassroots/domain';
import { type RawBuilder, sql } from 'kysely';
import type { DbHandle } from '../../../apps/server/src/db/database.js';
import { type DashboardFigures, emptyNodeFigures, type NodeFigures } from './figures.js';

/**
 * MySQL's FIND_IN_SET(str, strlist): the 1-based position of `needle` among the comma-separated items of `list`,
 * 0 when absent or when the list is empty. Scans in place (no split) as MySQL does.
 */
export function findInSet(needle: string, list: string): number {
  if (list === '') return 0;
  let position = 1;
  let start = 0;
  for (;;) {
    const comma = list.indexOf(',', start);
    const end = comma === -1 ? list.length : comma;
    if (end - start === needle.length && list.startsWith(needle, start)) return position;
    if (comma === -1) return 0;
    start = comma + 1;
    position++;
  }
}

/** '/1/7/42/' (our materialized path) → '0,1,7' (RuoYi's ancestors of dept 42: the ids above it, led by 0). */
export function ancestorsOfPath(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return ['0', ...ids.slice(0, -1)].join(',');
}

/**
 * Makes `find_in_set` callable from SQL on this connection. SQLite: a deterministic JS function with MySQL's
 * semantics (NULL in → NULL out). PostgreSQL: the SQL function RuoYi's PostgreSQL ports define, over
 * string_to_array, returning boolean so the query text stays `where find_in_set(?, ancestors)` on both.
 */
export async function registerFindInSet(handle: DbHandle): Promise<void> {
  if (handle.sqlite) {
    handle.sqlite.function('find_in_set', { deterministic: true }, (needle: unknown, list: unknown) =>
      needle === null || list === null ? null : findInSet(String(needle), String(list)),
    );
    return;
  }
  await sql`create or replace function find_in_set(needle text, list text) returns boolean
    language sql immutable parallel safe
    as $$ select needle = any (string_to_array(list, ',')) $$`.execute(handle.db);
}

interface DeptRow {
  deptId: number;
  parentId: number;
  ancestors: string;
  deptName: string;
  kind: string;
  delFlag: string;
}

/**
 * Builds peer_dept from orgs once (into the cached dataset): sys_dept's columns, plus `kind` (the figures include
 * orgs by kind). Only the primary key is indexed, as in RuoYi's schema: find_in_set cannot use an index anyway.
 */
export async function buildPeerDept(handle: DbHandle): Promise<number> {
  const idType = handle.dialect === 'postgres' ? sql`bigint` : sql`integer`;
  await sql`drop table if exists peer_dept`.execute(handle.db);
  await sql`create table peer_dept (
    dept_id ${idType} primary key,
    parent_id ${idType} not null default 0,
    ancestors text not null default '',
    dept_name text not null,
    kind text not null,
    order_num integer not null default 0,
    del_flag char(1) not null default '0'
  )`.execute(handle.db);
  const orgs = await handle.db
    .selectFrom('orgs')
    .select(['id', 'parentId', 'path', 'name', 'kind', 'closedAt'])
    .orderBy('id')
    .execute();
  const rows: DeptRow[] = orgs.map((o) => ({
    deptId: o.id,
    parentId: o.parentId ?? 0,
    ancestors: ancestorsOfPath(o.path),
    deptName: o.name,
    kind: o.kind,
    // RuoYi marks removed depts with del_flag '2' and filters on '0'.
    delFlag: o.closedAt === null ? '0' : '2',
  }));
  if (handle.sqlite) {
    const insert = handle.sqlite.prepare(
      'insert into peer_dept (dept_id, parent_id, ancestors, dept_name, kind, del_flag) values (?, ?, ?, ?, ?, ?)',
    );
    handle.sqlite.transaction(() => {
      for (const r of rows) insert.run(r.deptId, r.parentId, r.ancestors, r.deptName, r.kind, r.delFlag);
    })();
  } else {
    for (let i = 0; i < rows.length; i += 5000) {
      const b = rows.slice(i, i + 5000);
      await handle.pool!.query(
        `insert into peer_dept (dept_id, parent_id, ancestors, dept_name, kind, del_flag)
         select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [
          b.map((r) => r.deptId),
          b.map((r) => r.parentId),
          b.map((r) => r.ancestors),
          b.map((r) => r.deptName),
          b.map((r) => r.kind),
          b.map((r) => r.delFlag),
        ],
      );
    }
    await sql`analyze peer_dept`.execute(handle.db);
  }
  return rows.length;
}

/** RuoYi's data-scope condition for dept `id`, on members aliased m. */
function memberScope(id: number): RawBuilder<unknown> {
  return sql`(m.org_id = ${id} or m.org_id in (select dept_id from peer_dept where find_in_set(${String(id)}, ancestors)))`;
}

function deptScope(id: number): RawBuilder<unknown> {
  return sql`d.del_flag = '0' and (d.dept_id = ${id} or find_in_set(${String(id)}, d.ancestors))`;
}

interface KeyCount {
  k: string;
  n: number | string;
}

/** The statistics of one dept: one query per figure, as a statistics controller with one mapper call per chart. */
async function peerNodeFigures(handle: DbHandle, id: number, today: string): Promise<NodeFigures> {
  const db = handle.db;
  const f = emptyNodeFigures();
  const scope = memberScope(id);
  const fill = (target: Record<string, number>, rows: KeyCount[]) => {
    for (const r of rows) target[r.k] = Number(r.n);
  };
  const total = await sql<{ n: number | string }>`select count(*) as n from members m where ${scope}`.execute(db);
  f.members.total = Number(total.rows[0]?.n ?? 0);
  const groupBy = async (column: string) =>
    (
      await sql<KeyCount>`select ${sql.ref(`m.${column}`)} as k, count(*) as n from members m where ${scope}
        group by ${sql.ref(`m.${column}`)}`.execute(db)
    ).rows;
  fill(f.members.byStatus, await groupBy('status'));
  fill(f.members.byGender, await groupBy('gender'));
  fill(f.members.byEducation, await groupBy('education'));
  // Age bands from the same birth-date bounds as the server (RuoYi-style SQL would use TIMESTAMPDIFF on MySQL); the
  // cost is the scan either way, and identical bounds keep the figures comparable.
  const band = sql`case ${sql.join(
    AGE_BANDS.filter((b) => b !== 'ge61').map(
      (b) => sql`when m.birth_date >= ${birthDateRangeForAgeBand(b, today).from} then ${b}`,
    ),
    sql` `,
  )} else 'ge61' end`;
  fill(
    f.members.byAgeBand,
    (await sql<KeyCount>`select ${band} as k, count(*) as n from members m where ${scope} group by 1`.execute(db)).rows,
  );
  fill(f.members.byOccupation, await groupBy('occupation'));
  const orgs = await sql<{ n: number | string }>`select count(*) as n from peer_dept d where ${deptScope(id)}`.execute(
    db,
  );
  f.orgs.total = Number(orgs.rows[0]?.n ?? 0);
  fill(
    f.orgs.byKind,
    (
      await sql<KeyCount>`select d.kind as k, count(*) as n from peer_dept d where ${deptScope(id)} group by d.kind`.execute(
        db,
      )
    ).rows,
  );
  return f;
}

/** The dashboard of dept `id`: its own figures, then the same for each child dept (the table under the charts). */
export async function peerDashboard(handle: DbHandle, id: number, today: string): Promise<DashboardFigures> {
  const own = await peerNodeFigures(handle, id, today);
  const children = await sql<{ deptId: number | string }>`select dept_id from peer_dept
    where parent_id = ${id} and del_flag = '0' order by order_num, dept_id`.execute(handle.db);
  const perChild: DashboardFigures['children'] = [];
  for (const c of children.rows) {
    const childId = Number(c.deptId);
    perChild.push({ orgId: childId, ...(await peerNodeFigures(handle, childId, today)) });
  }
  return { orgId: id, ...own, children: perChild };
}

/** SQL statements one peerDashboard call runs: 8 per dept (own + each child) and the child list. */
export function peerQueryCount(children: number): number {
  return 8 * (1 + children) + 1;
}
