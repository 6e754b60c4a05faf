import type { TWeakOrgListQuery, WeakOrgStatus } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewWeakOrgRow, WeakOrgEventTable, WeakOrgRow } from './weak-orgs.table.js';

export type WeakOrgListFilter = Omit<TWeakOrgListQuery, 'orgId' | 'page' | 'pageSize' | 'sort'>;

const SORT_COLUMNS = { deadline: 'w.deadline', year: 'w.year', org: 'w.orgPath' } as const;

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, f: WeakOrgListFilter, today: string) {
  let qb = db.selectFrom('weakOrgRectifications as w').innerJoin('orgs as o', 'o.id', 'w.orgId').where(scopeWhere);
  if (f.year !== undefined) qb = qb.where('w.year', '=', f.year);
  if (f.status) qb = qb.where('w.status', '=', f.status);
  if (f.overdue === 'true') qb = qb.where('w.status', '!=', 'accepted').where('w.deadline', '<', today);
  if (f.overdue === 'false')
    qb = qb.where((eb) => eb.or([eb('w.status', '=', 'accepted'), eb('w.deadline', '>=', today)]));
  if (f.q) qb = qb.where('o.name', 'like', `%${f.q}%`);
  return qb;
}

export async function findWeakOrgs(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: WeakOrgListFilter,
  sort: TWeakOrgListQuery['sort'],
  today: string,
  page: number,
  pageSize: number,
) {
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  return pageOf(
    listQuery(db, scopeWhere, f, today),
    (qb) =>
      qb
        .selectAll('w')
        .select('o.name as orgName')
        .orderBy(column, desc ? 'desc' : 'asc')
        .orderBy('w.id', desc ? 'desc' : 'asc'),
    page,
    pageSize,
  );
}

/** Counts by state and overdue, over the same scope and year as the list (its other filters aside). */
export async function countWeakOrgs(db: Db, scopeWhere: Expression<SqlBool>, year: number | undefined, today: string) {
  return db
    .selectFrom('weakOrgRectifications as w')
    .where(scopeWhere)
    .$if(year !== undefined, (qb) => qb.where('w.year', '=', year!))
    .select([
      'w.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when w.status <> 'accepted' and w.deadline < ${today} then 1 else 0 end)`.as('overdue'),
    ])
    .groupBy('w.status')
    .execute();
}

export function findWeakOrgById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('weakOrgRectifications as w')
    .innerJoin('orgs as o', 'o.id', 'w.orgId')
    .selectAll('w')
    .select('o.name as orgName')
    .where('w.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

export function findWeakOrgEvents(db: Db, rectificationId: number) {
  return db
    .selectFrom('weakOrgEvents')
    .selectAll()
    .where('rectificationId', '=', rectificationId)
    .orderBy('id')
    .execute();
}

export function findWeakOrgByOrgYear(db: Db, orgId: number, year: number) {
  return db
    .selectFrom('weakOrgRectifications')
    .select('id')
    .where('orgId', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Not yet accepted and past the deadline, in a subtree: the weak_org_overdue warnings. */
export function findOverdueWeakOrgs(db: Db, path: string, today: string) {
  return db
    .selectFrom('weakOrgRectifications as w')
    .innerJoin('orgs as o', 'o.id', 'w.orgId')
    .select(['w.id', 'w.orgId', 'w.orgPath', 'w.year', 'w.deadline', 'w.status', 'o.name as orgName'])
    .where('w.orgPath', '>=', path)
    .where('w.orgPath', '<', subtreeEnd(path))
    .where('w.status', '!=', 'accepted')
    .where('w.deadline', '<', today)
    .where('o.closedAt', 'is', null)
    .execute();
}

export async function insertWeakOrg(db: Db, row: NewWeakOrgRow): Promise<number> {
  return (await db.insertInto('weakOrgRectifications').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertWeakOrgEvent(db: Db, row: Omit<WeakOrgEventTable, 'id'>) {
  await db.insertInto('weakOrgEvents').values(row).execute();
}

export function updateWeakOrgVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<WeakOrgRow, 'id' | 'version' | 'provinceId'>> & { status?: WeakOrgStatus },
) {
  return updateVersioned(db, 'weakOrgRectifications', id, version, patch);
}

/** Moves rectifications' paths along with an org subtree that moved. */
export async function rewriteWeakOrgPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'weakOrgRectifications', oldPath, newPath);
}
