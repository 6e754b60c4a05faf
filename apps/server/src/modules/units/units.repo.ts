import { ORG_SIZE_THRESHOLDS, type TUnitListQuery } from '@grassroots/domain';
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewUnitRow, UnitRow } from './units.table.js';

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, f: Omit<TUnitListQuery, 'orgId' | 'page' | 'pageSize'>) {
  let qb = db.selectFrom('units as u').where(scopeWhere);
  if (f.q) {
    const q = f.q;
    qb = /^[a-zA-Z]+$/.test(q)
      ? qb.where((eb) => eb.or([eb('u.nameInitials', 'like', `${q.toLowerCase()}%`), eb('u.name', 'like', `%${q}%`)]))
      : qb.where('u.name', 'like', `%${q}%`);
  }
  if (f.unitType) qb = qb.where('u.unitType', '=', f.unitType);
  if (f.gap === 'true') {
    qb = qb.where('u.coveringOrgId', 'is', null).where('u.fullMembers', '>=', ORG_SIZE_THRESHOLDS.branchMinFull);
  }
  return qb;
}

export async function findUnits(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: Omit<TUnitListQuery, 'orgId' | 'page' | 'pageSize'>,
  page: number,
  pageSize: number,
) {
  return pageOf(
    listQuery(db, scopeWhere, f),
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'u.orgId')
        .leftJoin('orgs as c', 'c.id', 'u.coveringOrgId')
        .selectAll('u')
        .select(['o.name as orgName', 'c.name as coveringOrgName'])
        .orderBy('u.orgPath')
        .orderBy('u.name')
        .orderBy('u.id'),
    page,
    pageSize,
  );
}

export function findUnitById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('units as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .leftJoin('orgs as c', 'c.id', 'u.coveringOrgId')
    .selectAll('u')
    .select(['o.name as orgName', 'c.name as coveringOrgName'])
    .where('u.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

/** 应建未建 in a subtree: units with enough formal members and no covering org. */
export function findOrgGaps(db: Db, path: string) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('coveringOrgId', 'is', null)
    .where('fullMembers', '>=', ORG_SIZE_THRESHOLDS.branchMinFull)
    .orderBy('orgPath')
    .orderBy('name')
    .execute();
}

/** Units an org oversees (orgId) and units it covers (coveringOrgId): what closing the org would leave without one. */
export async function countUnitsOfOrg(db: Db, orgId: number): Promise<{ overseen: number; covered: number }> {
  const [overseen, covered] = await Promise.all(
    (['orgId', 'coveringOrgId'] as const).map(async (column) =>
      Number(
        (
          await db
            .selectFrom('units')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(column, '=', orgId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
  return { overseen: overseen!, covered: covered! };
}

export async function insertUnit(db: Db, row: NewUnitRow): Promise<number> {
  return (await db.insertInto('units').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateUnitVersioned(db: Db, id: number, version: number, patch: Partial<UnitRow>) {
  return updateVersioned(db, 'units', id, version, patch);
}

/** Moves units' paths along with an org subtree that moved. */
export async function rewriteUnitPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'units', oldPath, newPath);
}
