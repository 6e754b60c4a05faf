// SQL of the member ledger: members by ID number for imports, bulk inserts.
import type { Db } from '../../db/database.js';
import type { NewMemberRow } from './members.table.js';

/** Members by ID number with their org's name and code (for the import's checks). */
export function findMembersByIdNumbers(db: Db, idNumbers: readonly string[]) {
  if (idNumbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .selectAll('m')
    .select(['o.name as orgName', 'o.code as orgCode'])
    .where('m.idNumber', 'in', [...idNumbers])
    .execute();
}

export function findMembersByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('members')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** One multi-row insert; returns the new rows as stored. */
export function insertMembers(db: Db, rows: readonly NewMemberRow[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('members')
    .values([...rows])
    .returningAll()
    .execute();
}
