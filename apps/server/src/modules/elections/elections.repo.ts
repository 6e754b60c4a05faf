import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { offsetOf } from '../../platform/paging.js';
import { subtreeEnd } from '../../platform/scope.js';
import type { NewElectionRow } from './elections.table.js';

/** An org's elections, latest first. */
export async function findElectionsOfOrg(db: Db, orgId: number, page: number, pageSize: number) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('elections')
      .selectAll()
      .where('orgId', '=', orgId)
      .orderBy('electedOn', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offsetOf(page, pageSize))
      .execute(),
    db
      .selectFrom('elections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export function findElectionById(db: Db, id: number) {
  return db.selectFrom('elections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertElection(db: Db, row: NewElectionRow): Promise<number> {
  return (await db.insertInto('elections').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Moves elections' paths along with an org subtree that moved. */
export async function rewriteElectionPaths(db: Db, oldPath: string, newPath: string) {
  await db
    .updateTable('elections')
    .set({ orgPath: sql`${newPath} || substr(org_path, ${oldPath.length + 1})` })
    .where('orgPath', '>=', oldPath)
    .where('orgPath', '<', subtreeEnd(oldPath))
    .execute();
}
