// SQL of 光荣在党50年: awards, and the members due a medal this year for the warning list.
import { medalFullOnRange } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { subtreeEnd } from '../../platform/scope.js';

export function findMedalOfMember(db: Db, memberId: number) {
  return db.selectFrom('fiftyYearMedals').selectAll().where('memberId', '=', memberId).executeTakeFirst();
}

export async function insertMedal(
  db: Db,
  row: { memberId: number; awardedOn: string; note: string | null; createdBy: number; createdAt: string },
): Promise<number> {
  return (await db.insertInto('fiftyYearMedals').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

function medalQuery(db: Db, where: Expression<SqlBool>) {
  return db
    .selectFrom('fiftyYearMedals as f')
    .innerJoin('members as m', 'm.id', 'f.memberId')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .where(where);
}

export async function findMedals(db: Db, where: Expression<SqlBool>, page: number, pageSize: number) {
  return pageOf(
    medalQuery(db, where),
    (qb) =>
      qb
        .selectAll('f')
        .select(['m.name as memberName', 'm.orgId', 'o.name as orgName'])
        .orderBy('f.awardedOn', 'desc')
        .orderBy('f.id', 'desc'),
    page,
    pageSize,
  );
}

/** medal_due: formal members of open orgs in the subtree whose 转正 fell in `year` − 50, without a medal. */
export function findMedalsDue(db: Db, path: string, year: number) {
  const { from, to } = medalFullOnRange(year);
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select(['m.id', 'm.name', 'm.orgId', 'm.orgPath', 'm.fullOn'])
    .where('m.fullOn', '>=', from)
    .where('m.fullOn', '<=', to)
    .where('m.orgPath', '>=', path)
    .where('m.orgPath', '<', subtreeEnd(path))
    .where('m.status', '=', 'full')
    .where('m.leftOn', 'is', null)
    .where('o.closedAt', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('fiftyYearMedals as f').select(sql`1`.as('x')).whereRef('f.memberId', '=', 'm.id'))),
    )
    .execute();
}
