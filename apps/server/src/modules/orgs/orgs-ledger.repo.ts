// SQL of the org ledger: orgs by code (with their parent's code) for imports, subtree pages for exports.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { subtreeEnd } from '../../platform/scope.js';

/** Orgs by code, with the code of their parent (null for a root). */
export function findOrgsByCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parentId')
    .selectAll('o')
    .select(['p.code as parentCode'])
    .where('o.code', 'in', [...codes])
    .execute();
}

export function findOrgsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'path', 'closedAt'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function setOrgPath(db: Db, id: number, path: string): Promise<void> {
  await db.updateTable('orgs').set({ path }).where('id', '=', id).execute();
}

/** One page of a subtree in path order (parents before children), after `afterPath`, within the scope. */
export function findSubtreePage(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  path: string,
  afterPath: string | null,
  limit: number,
  includeClosed: boolean,
) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parentId')
    .selectAll('o')
    .select(['p.code as parentCode'])
    .where('o.path', '>=', path)
    .where('o.path', '<', subtreeEnd(path))
    .$if(afterPath !== null, (qb) => qb.where('o.path', '>', afterPath!))
    .$if(!includeClosed, (qb) => qb.where('o.closedAt', 'is', null))
    .where(scopeWhere)
    .orderBy('o.path')
    .limit(limit)
    .execute();
}
