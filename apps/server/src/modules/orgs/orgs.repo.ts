import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewOrgRow, OrgRowUpdate } from './orgs.table.js';

export function findOrgById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).where(scopeWhere).executeTakeFirst();
}

export function findOrgByIdUnscoped(db: Db, id: number) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrgsByPaths(db: Db, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth'])
    .where('path', 'in', paths)
    .orderBy('depth')
    .execute();
}

const childCount = sql<number>`(select count(*) from orgs x where x.parent_id = o.id and x.closed_at is null)`;

export function findChildren(db: Db, parentId: number, includeClosed: boolean) {
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount.as('childCount'))
    .where('o.parentId', '=', parentId)
    .$if(!includeClosed, (qb) => qb.where('o.closedAt', 'is', null))
    .orderBy('o.code')
    .execute();
}

/** Open children with just what a dashboard names them by. */
export function findOpenChildrenBrief(db: Db, parentId: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path'])
    .where('parentId', '=', parentId)
    .where('closedAt', 'is', null)
    .orderBy('code')
    .execute();
}

export function findOrgsWithChildCountByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select(childCount.as('childCount'))
    .where('o.id', 'in', ids)
    .orderBy('o.path')
    .execute();
}

/** Name contains q, or pinyin initials start with q; within the scope; open orgs first. */
export function searchOrgs(db: Db, scopeWhere: Expression<SqlBool>, q: string, initials: boolean, limit: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'kind', 'parentId', 'closedAt'])
    .where(scopeWhere)
    .where((eb) =>
      initials
        ? eb.or([eb('nameInitials', 'like', `${q.toLowerCase()}%`), eb('name', 'like', `%${q}%`)])
        : eb('name', 'like', `%${q}%`),
    )
    .orderBy(sql`case when closed_at is null then 0 else 1 end`)
    .orderBy('depth')
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function insertOrg(db: Db, row: NewOrgRow): Promise<number> {
  const r = await db.insertInto('orgs').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findOrgByCode(db: Db, code: string) {
  return db.selectFrom('orgs').select(['id']).where('code', '=', code).executeTakeFirst();
}

/** Updates when the version still matches; returns whether a row changed. */
export function updateOrgVersioned(db: Db, id: number, version: number, patch: OrgRowUpdate): Promise<boolean> {
  return updateVersioned(db, 'orgs', id, version, patch);
}

/** Rewrites the paths and depths of an org subtree, in the caller's transaction. */
export async function rewriteOrgPaths(db: Db, oldPath: string, newPath: string, depthDelta: number) {
  await db
    .updateTable('orgs')
    .set({ path: sql`${newPath} || substr(path, ${oldPath.length + 1})`, depth: sql`depth + ${depthDelta}` })
    .where('path', '>=', oldPath)
    .where('path', '<', subtreeEnd(oldPath))
    .execute();
}

export function countOpenChildren(db: Db, id: number) {
  return db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('closedAt', 'is', null)
    .executeTakeFirstOrThrow();
}

/** Every open org in the subtree with its own (not subtree) member counts, for warnings. */
export function findSubtreeOrgsForRules(db: Db, path: string) {
  return db
    .selectFrom('orgs as o')
    .select([
      'o.id',
      'o.name',
      'o.path',
      'o.depth',
      'o.kind',
      'o.committee',
      'o.termStart',
      'o.termYears',
      'o.parentId',
    ])
    .where('o.path', '>=', path)
    .where('o.path', '<', subtreeEnd(path))
    .where('o.closedAt', 'is', null)
    .orderBy('o.path')
    .execute();
}
