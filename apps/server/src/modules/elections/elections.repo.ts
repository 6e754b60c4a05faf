import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import type { NewElectionRow } from './elections.table.js';

/** An org's elections, latest first. */
export async function findElectionsOfOrg(db: Db, orgId: number, page: number, pageSize: number) {
  return pageOf(
    db.selectFrom('elections').where('orgId', '=', orgId),
    (qb) => qb.selectAll().orderBy('electedOn', 'desc').orderBy('id', 'desc'),
    page,
    pageSize,
  );
}

export function findElectionById(db: Db, id: number) {
  return db.selectFrom('elections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertElection(db: Db, row: NewElectionRow): Promise<number> {
  return (await db.insertInto('elections').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Moves elections' paths along with an org subtree that moved. */
export async function rewriteElectionPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'elections', oldPath, newPath);
}
