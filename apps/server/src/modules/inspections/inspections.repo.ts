import type { ProblemState, TProblemListQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, type Scope, subtreeEnd, whereInScope } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewInspectionRoundRow, NewProblemRow, ProblemRow } from './inspections.table.js';

/** A round is visible where its subtree meets the scope: rounds inside it, and rounds above covering an anchor. */
export function whereRoundVisible(scope: Scope): Expression<SqlBool> {
  const covering = scope.map((a) => sql<SqlBool>`(${a.path} >= r.org_path and ${a.path} < r.org_path || '~')`);
  return sql<SqlBool>`(${whereInScope(scope, 'r.orgPath')} or ${sql.join(covering, sql` or `)})`;
}

export function findRounds(db: Db, visible: Expression<SqlBool>, page: number, pageSize: number) {
  return pageOf(
    db.selectFrom('inspectionRounds as r').where(visible),
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'r.orgId')
        .selectAll('r')
        .select('o.name as orgName')
        .orderBy('r.startsOn', 'desc')
        .orderBy('r.id', 'desc'),
    page,
    pageSize,
  );
}

export function findRoundById(db: Db, id: number, visible: Expression<SqlBool>) {
  return db
    .selectFrom('inspectionRounds as r')
    .innerJoin('orgs as o', 'o.id', 'r.orgId')
    .selectAll('r')
    .select('o.name as orgName')
    .where('r.id', '=', id)
    .where(visible)
    .executeTakeFirst();
}

export async function insertRound(db: Db, row: NewInspectionRoundRow): Promise<number> {
  return Number((await db.insertInto('inspectionRounds').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export type ProblemListFilter = Omit<TProblemListQuery, 'orgId' | 'page' | 'pageSize'>;

/** Problems in scope matching the list filters: the list and its export select the same rows. */
function filteredProblems(db: Db, scopeWhere: Expression<SqlBool>, f: ProblemListFilter, today: string) {
  let qb = db.selectFrom('problems as p').where(scopeWhere);
  if (f.roundId !== undefined) qb = qb.where('p.roundId', '=', f.roundId);
  if (f.state) qb = qb.where('p.state', '=', f.state);
  if (f.category) qb = qb.where('p.category', '=', f.category);
  if (f.overdue === 'true') qb = qb.where('p.state', '!=', 'accepted').where('p.deadline', '<', today);
  if (f.overdue === 'false')
    qb = qb.where((eb) => eb.or([eb('p.state', '=', 'accepted'), eb('p.deadline', '>=', today)]));
  return qb;
}

export function findProblems(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: ProblemListFilter,
  today: string,
  page: number,
  pageSize: number,
) {
  return pageOf(
    filteredProblems(db, scopeWhere, f, today),
    (q) =>
      q
        .innerJoin('orgs as o', 'o.id', 'p.orgId')
        .innerJoin('inspectionRounds as r', 'r.id', 'p.roundId')
        .selectAll('p')
        .select(['o.name as orgName', 'r.title as roundTitle'])
        .orderBy('p.deadline')
        .orderBy('p.id'),
    page,
    pageSize,
  );
}

/** The next batch of the export, in the list's order, after the (deadline, id) of the last row sent. */
export function findProblemsAfter(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: ProblemListFilter,
  today: string,
  after: { deadline: string; id: number } | null,
  limit: number,
) {
  return filteredProblems(db, scopeWhere, f, today)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('p.deadline', '>', after!.deadline),
          eb.and([eb('p.deadline', '=', after!.deadline), eb('p.id', '>', after!.id)]),
        ]),
      ),
    )
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .innerJoin('inspectionRounds as r', 'r.id', 'p.roundId')
    .selectAll('p')
    .select(['o.name as orgName', 'r.title as roundTitle'])
    .orderBy('p.deadline')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export function findProblemById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('problems as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .innerJoin('inspectionRounds as r', 'r.id', 'p.roundId')
    .selectAll('p')
    .select(['o.name as orgName', 'r.title as roundTitle'])
    .where('p.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

export async function insertProblem(db: Db, row: NewProblemRow): Promise<number> {
  return Number((await db.insertInto('problems').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export function updateProblemVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Pick<ProblemRow, 'state' | 'closedAt' | 'updatedAt'>>,
) {
  return updateVersioned(db, 'problems', id, version, patch);
}

/** found, rectified (accepted), in progress (open), overdue — the aggregate columns of every figure. */
function figureColumns(today: string) {
  return [
    sql<number | string>`count(*)`.as('found'),
    sql<number | string>`sum(case when p.state = 'accepted' then 1 else 0 end)`.as('rectified'),
    sql<number | string>`sum(case when p.state <> 'accepted' and p.deadline < ${today} then 1 else 0 end)`.as(
      'overdue',
    ),
  ] as const;
}

export async function problemFigures(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  roundId: number | undefined,
  childPaths: readonly { id: number; path: string }[],
  today: string,
) {
  const base = db
    .selectFrom('problems as p')
    .where(scopeWhere)
    .$if(roundId !== undefined, (qb) => qb.where('p.roundId', '=', roundId!));
  const [total, byRound, byCategory, byChild] = await Promise.all([
    base.select(figureColumns(today)).executeTakeFirstOrThrow(),
    base
      .innerJoin('inspectionRounds as r', 'r.id', 'p.roundId')
      .select(['p.roundId', 'r.title', ...figureColumns(today)])
      .groupBy(['p.roundId', 'r.title'])
      .orderBy('p.roundId')
      .execute(),
    base
      .select(['p.category', ...figureColumns(today)])
      .groupBy('p.category')
      .orderBy('p.category')
      .execute(),
    Promise.all(
      childPaths.map(async (c) => ({
        orgId: c.id,
        ...(await base
          .where('p.orgPath', '>=', c.path)
          .where('p.orgPath', '<', subtreeEnd(c.path))
          .select(figureColumns(today))
          .executeTakeFirstOrThrow()),
      })),
    ),
  ]);
  return { total, byRound, byCategory, byChild };
}

/** A round's figures per org that had problems found: the commended and criticised units of its notice. */
export function roundFiguresByOrg(db: Db, scopeWhere: Expression<SqlBool>, roundId: number, today: string) {
  return db
    .selectFrom('problems as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .where(scopeWhere)
    .where('p.roundId', '=', roundId)
    .select(['p.orgId', 'o.name as orgName', 'o.path', ...figureColumns(today)])
    .groupBy(['p.orgId', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
}

/** Open problems past their deadline in a subtree: the problem_overdue warnings. */
export function findOverdueProblems(db: Db, path: string, today: string) {
  return db
    .selectFrom('problems as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .select(['p.id', 'p.orgId', 'p.orgPath', 'p.description', 'p.deadline', 'p.state', 'o.name as orgName'])
    .where('p.orgPath', '>=', path)
    .where('p.orgPath', '<', subtreeEnd(path))
    .where('p.state', '!=', 'accepted' satisfies ProblemState)
    .where('p.deadline', '<', today)
    .where('o.closedAt', 'is', null)
    .execute();
}

/** Moves rounds' and problems' paths along with an org subtree that moved. */
export async function rewriteInspectionPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'inspectionRounds', oldPath, newPath);
  await rewriteSubtreePaths(db, 'problems', oldPath, newPath);
}

/** The open children of an org in tree order (the figures' per-org rows). */
export function findOpenChildren(db: Db, parentId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('parentId', '=', parentId)
    .where('closedAt', 'is', null)
    .orderBy('path')
    .execute();
}
