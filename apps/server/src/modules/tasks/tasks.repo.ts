import type { Sector, TAssignmentQuery, TaskAssignmentState } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewTaskAssignmentRow, TaskAssignmentRow, TaskListRow, TaskMeasureRow, TaskRow } from './tasks.table.js';

const n = (v: unknown) => Number(v ?? 0);

// ---- lists

/** Lists issued in the scope, or holding an assignment of an org in the scope (`assignmentScope` on a.org_path). */
function visibleLists(db: Db, listScope: Expression<SqlBool>, assignmentScope: Expression<SqlBool>) {
  return db
    .selectFrom('taskLists as l')
    .where((eb) =>
      eb.or([
        listScope,
        eb.exists(
          eb.selectFrom('taskAssignments as a').select('a.id').whereRef('a.listId', '=', 'l.id').where(assignmentScope),
        ),
      ]),
    );
}

export async function findTaskLists(
  db: Db,
  listScope: Expression<SqlBool>,
  assignmentScope: Expression<SqlBool>,
  f: { year?: number | undefined; sector?: Sector | undefined; q?: string | undefined },
  page: number,
  pageSize: number,
) {
  let filtered = visibleLists(db, listScope, assignmentScope);
  if (f.year !== undefined) filtered = filtered.where('l.year', '=', f.year);
  if (f.sector) filtered = filtered.where('l.sector', '=', f.sector);
  if (f.q) filtered = filtered.where('l.title', 'like', `%${f.q}%`);
  return pageOf(
    filtered,
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'l.orgId')
        .selectAll('l')
        .select('o.name as orgName')
        .orderBy('l.year', 'desc')
        .orderBy('l.orgPath')
        .orderBy('l.id', 'desc'),
    page,
    pageSize,
  );
}

export function findTaskListById(db: Db, id: number) {
  return db
    .selectFrom('taskLists as l')
    .innerJoin('orgs as o', 'o.id', 'l.orgId')
    .selectAll('l')
    .select('o.name as orgName')
    .where('l.id', '=', id)
    .executeTakeFirst();
}

export function hasAssignmentInScope(db: Db, listId: number, assignmentScope: Expression<SqlBool>) {
  return db
    .selectFrom('taskAssignments as a')
    .select('a.id')
    .where('a.listId', '=', listId)
    .where(assignmentScope)
    .limit(1)
    .executeTakeFirst();
}

export async function insertTaskList(db: Db, row: Omit<TaskListRow, 'id' | 'version'>) {
  return (await db.insertInto('taskLists').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateTaskListVersioned(db: Db, id: number, version: number, patch: Partial<TaskListRow>) {
  return updateVersioned(db, 'taskLists', id, version, patch);
}

// ---- tasks and measures

export function findTasksOfList(db: Db, listId: number) {
  return db.selectFrom('tasks').selectAll().where('listId', '=', listId).orderBy('seq').orderBy('id').execute();
}

export function findMeasuresOfList(db: Db, listId: number) {
  return db.selectFrom('taskMeasures').selectAll().where('listId', '=', listId).orderBy('seq').orderBy('id').execute();
}

export function findTaskById(db: Db, id: number) {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMeasureById(db: Db, id: number) {
  return db.selectFrom('taskMeasures').selectAll().where('id', '=', id).executeTakeFirst();
}

async function nextSeq(db: Db, table: 'tasks' | 'taskMeasures', column: 'listId' | 'taskId', id: number) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .where(column, '=', id)
    .executeTakeFirst();
  return n(r?.m) + 1;
}

export async function insertTask(db: Db, row: Omit<TaskRow, 'id' | 'version' | 'seq'> & { seq?: number }) {
  const seq = row.seq ?? (await nextSeq(db, 'tasks', 'listId', row.listId));
  return (
    await db
      .insertInto('tasks')
      .values({ ...row, seq })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function insertMeasure(
  db: Db,
  row: Omit<TaskMeasureRow, 'id' | 'version' | 'seq'> & { seq?: number },
): Promise<number> {
  const seq = row.seq ?? (await nextSeq(db, 'taskMeasures', 'taskId', row.taskId));
  return (
    await db
      .insertInto('taskMeasures')
      .values({ ...row, seq })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Tasks and measures are written through the shared versioned update. */
export { updateVersioned };

/** A measure's new deadline applies to its assignments (they copy it for the overdue scans). */
export async function setAssignmentDeadlines(db: Db, measureId: number, deadline: string) {
  await db.updateTable('taskAssignments').set({ deadline }).where('measureId', '=', measureId).execute();
}

// ---- orgs that may be assigned

/** Open orgs strictly below the issuer among `ids`. */
export function findAssignableOrgs(db: Db, issuerPath: string, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('id', 'in', ids)
    .where('path', '>', issuerPath)
    .where('path', '<', subtreeEnd(issuerPath))
    .where('closedAt', 'is', null)
    .execute();
}

/** Open orgs strictly below the issuer whose name, short name or code is one of `tokens` (the import's units). */
export function findOrgsByNameOrCode(db: Db, issuerPath: string, tokens: readonly string[]) {
  if (tokens.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'shortName', 'code'])
    .where('path', '>', issuerPath)
    .where('path', '<', subtreeEnd(issuerPath))
    .where('closedAt', 'is', null)
    .where((eb) => eb.or([eb('name', 'in', tokens), eb('shortName', 'in', tokens), eb('code', 'in', tokens)]))
    .execute();
}

// ---- assignments

export async function insertAssignments(db: Db, rows: NewTaskAssignmentRow[]) {
  if (rows.length === 0) return [];
  return (await db.insertInto('taskAssignments').values(rows).returning(['id', 'orgId']).execute()).map((r) => ({
    id: Number(r.id),
    orgId: Number(r.orgId),
  }));
}

export async function findAssignedOrgIds(db: Db, measureId: number) {
  return (await db.selectFrom('taskAssignments').select('orgId').where('measureId', '=', measureId).execute()).map(
    (r) => Number(r.orgId),
  );
}

export async function insertEvents(
  db: Db,
  rows: Array<{
    assignmentId: number;
    action: string;
    fromState: TaskAssignmentState | null;
    toState: TaskAssignmentState;
    note: string | null;
    percent: number | null;
    milestone: string | null;
    userId: number | null;
    userName: string | null;
    at: string;
  }>,
): Promise<number[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('taskAssignmentEvents').values(rows).returning('id').execute()).map((r) => Number(r.id));
}

/** Assignments (all, or the filtered ones given) with the names of their org, measure, task and list. */
function assignmentsWithNames(db: Db, from = db.selectFrom('taskAssignments as a')) {
  return from
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .innerJoin('taskMeasures as m', 'm.id', 'a.measureId')
    .innerJoin('tasks as t', 't.id', 'a.taskId')
    .innerJoin('taskLists as l', 'l.id', 'a.listId')
    .selectAll('a')
    .select([
      'o.name as orgName',
      'm.title as measureTitle',
      'm.method as measureMethod',
      't.title as taskTitle',
      'l.title as listTitle',
      'l.orgId as issuerOrgId',
      'l.orgPath as issuerPath',
    ]);
}
export type AssignmentWithNames = NonNullable<Awaited<ReturnType<typeof findAssignmentById>>>;

export function findAssignmentsOfList(db: Db, listId: number, scopeWhere: Expression<SqlBool>) {
  return assignmentsWithNames(db)
    .where('a.listId', '=', listId)
    .where(scopeWhere)
    .orderBy('a.orgPath')
    .orderBy('a.id')
    .execute();
}

export function findAssignmentById(db: Db, id: number) {
  return assignmentsWithNames(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findAssignments(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: Omit<TAssignmentQuery, 'orgId' | 'page' | 'pageSize'>,
  today: string,
  page: number,
  pageSize: number,
) {
  let filtered = db.selectFrom('taskAssignments as a').where(scopeWhere);
  if (f.listId !== undefined) filtered = filtered.where('a.listId', '=', f.listId);
  if (f.state) filtered = filtered.where('a.state', '=', f.state);
  if (f.overdue === 'true') filtered = filtered.where('a.state', '<>', 'completed').where('a.deadline', '<', today);
  if (f.overdue === 'false') {
    filtered = filtered.where((eb) => eb.or([eb('a.state', '=', 'completed'), eb('a.deadline', '>=', today)]));
  }
  return pageOf(
    filtered,
    (qb) => {
      const items = assignmentsWithNames(db, qb);
      if (f.sort === 'deadline') return items.orderBy('a.deadline').orderBy('a.id');
      if (f.sort === '-deadline') return items.orderBy('a.deadline', 'desc').orderBy('a.id', 'desc');
      if (f.sort === 'org') return items.orderBy('a.orgPath').orderBy('a.deadline').orderBy('a.id');
      return items.orderBy('a.updatedAt', 'desc').orderBy('a.id', 'desc');
    },
    page,
    pageSize,
  );
}

export function updateAssignmentVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<TaskAssignmentRow, 'id' | 'version'>>,
) {
  return updateVersioned(db, 'taskAssignments', id, version, patch);
}

export function findEvents(db: Db, assignmentId: number) {
  return db
    .selectFrom('taskAssignmentEvents')
    .selectAll()
    .where('assignmentId', '=', assignmentId)
    .orderBy('id')
    .execute();
}

// ---- roll-ups: one aggregate each, over the assignments in scope

function statsBase(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { listId?: number | undefined; year?: number | undefined },
) {
  let qb = db.selectFrom('taskAssignments as a').innerJoin('taskLists as l', 'l.id', 'a.listId').where(scopeWhere);
  if (f.listId !== undefined) qb = qb.where('a.listId', '=', f.listId);
  if (f.year !== undefined) qb = qb.where('l.year', '=', f.year);
  return qb;
}

const countIf = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
const isState = (s: TaskAssignmentState) => sql<SqlBool>`a.state = ${s}`;
const isOverdue = (today: string) => sql<SqlBool>`a.state <> 'completed' and a.deadline < ${today}`;

function figureColumns(today: string) {
  return [
    sql<number>`count(*)`.as('assignments'),
    countIf(isState('not_started')).as('notStarted'),
    countIf(isState('in_progress')).as('inProgress'),
    countIf(isState('submitted')).as('submitted'),
    countIf(isState('completed')).as('completed'),
    countIf(isOverdue(today)).as('overdue'),
  ] as const;
}

export async function taskTotals(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { listId?: number | undefined; year?: number | undefined },
  today: string,
) {
  const r = await statsBase(db, scopeWhere, f)
    .select([
      sql<number>`count(distinct a.list_id)`.as('lists'),
      sql<number>`count(distinct a.task_id)`.as('tasks'),
      sql<number>`count(distinct a.measure_id)`.as('measures'),
      ...figureColumns(today),
    ])
    .executeTakeFirstOrThrow();
  return r;
}

export function taskFiguresBySector(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { listId?: number | undefined; year?: number | undefined },
  today: string,
) {
  return statsBase(db, scopeWhere, f)
    .select(['l.sector', ...figureColumns(today)])
    .groupBy('l.sector')
    .orderBy('l.sector')
    .execute();
}

export function taskFiguresByOrg(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { listId?: number | undefined; year?: number | undefined },
  today: string,
) {
  return statsBase(db, scopeWhere, f)
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .select(['a.orgId', 'o.name as orgName', 'o.path as orgPath', ...figureColumns(today)])
    .groupBy(['a.orgId', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
}

/** Per list: figures of the assignments in scope (the list page's progress bars). */
export function taskFiguresByList(db: Db, scopeWhere: Expression<SqlBool>, listIds: readonly number[], today: string) {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('taskAssignments as a')
    .where(scopeWhere)
    .where('a.listId', 'in', listIds)
    .select(['a.listId', ...figureColumns(today)])
    .groupBy('a.listId')
    .execute();
}

/** 逾期: assignments of the subtree not accepted by the day after their deadline (the warning list). */
export function findOverdueAssignments(db: Db, path: string, today: string) {
  return db
    .selectFrom('taskAssignments as a')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .innerJoin('taskMeasures as m', 'm.id', 'a.measureId')
    .innerJoin('taskLists as l', 'l.id', 'a.listId')
    .select([
      'a.id',
      'a.orgId',
      'a.orgPath',
      'a.deadline',
      'a.state',
      'm.title as measureTitle',
      'l.title as listTitle',
    ])
    .where('a.orgPath', '>=', path)
    .where('a.orgPath', '<', subtreeEnd(path))
    .where('o.closedAt', 'is', null)
    .where('a.state', '<>', 'completed')
    .where('a.deadline', '<', today)
    .orderBy('a.deadline')
    .orderBy('a.id')
    .execute();
}

/** Moves lists' and assignments' paths along with an org subtree that moved. */
export async function rewriteTaskPaths(db: Db, oldPath: string, newPath: string) {
  for (const table of ['taskLists', 'taskAssignments'] as const) await rewriteSubtreePaths(db, table, oldPath, newPath);
}

export { n as toCount };
