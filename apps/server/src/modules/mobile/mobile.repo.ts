// SQL of 流动党员: records of a subtree (paged, filtered, sorted), the contact log, path rewrites.
import { type MobileContactMethod, noContactThreshold, type TMobileListQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { MobileMemberRow, NewMobileMemberRow } from './mobile.table.js';

/** The last contact, or the day the member left when none was logged (mobile.ts lastContactOf). */
const LAST_CONTACT = sql<string>`coalesce(mm.last_contact_on, mm.since)`;

const SORTS = {
  lastContact: [LAST_CONTACT, 'asc'],
  '-lastContact': [LAST_CONTACT, 'desc'],
  since: [sql`mm.since`, 'asc'],
  '-since': [sql`mm.since`, 'desc'],
  name: [sql`m.name`, 'asc'],
} as const;

/** Active (not returned) and either flagged 失联 or without contact for 3 months on `today`. */
export function noContactCondition(today: string) {
  return sql<SqlBool>`(mm.returned_on is null and (mm.lost_contact = 1 or ${LAST_CONTACT} <= ${noContactThreshold(today)}))`;
}

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, q: Omit<TMobileListQuery, 'orgId'>, today: string) {
  let qb = db
    .selectFrom('mobileMembers as mm')
    .innerJoin('members as m', 'm.id', 'mm.memberId')
    .where(scopeWhere)
    // A member transferred out of the platform is no longer ours to follow.
    .where('m.leftOn', 'is', null);
  if (q.memberId !== undefined) qb = qb.where('mm.memberId', '=', q.memberId);
  if (q.q) qb = qb.where('m.name', 'like', `%${q.q}%`);
  switch (q.filter) {
    case 'active':
      qb = qb.where('mm.returnedOn', 'is', null);
      break;
    case 'lost_contact':
      qb = qb.where('mm.returnedOn', 'is', null).where('mm.lostContact', '=', 1);
      break;
    case 'no_contact':
      qb = qb.where(noContactCondition(today));
      break;
    case 'returned':
      qb = qb.where('mm.returnedOn', 'is not', null);
      break;
    case 'all':
      break;
  }
  return qb;
}

export async function findMobileMembers(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  q: Omit<TMobileListQuery, 'orgId'>,
  today: string,
) {
  const [key, direction] = SORTS[q.sort];
  return pageOf(
    listQuery(db, scopeWhere, q, today),
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'mm.orgId')
        .selectAll('mm')
        .select(['m.name as memberName', 'm.phone as memberPhone', 'o.name as orgName'])
        .orderBy(key, direction)
        .orderBy('mm.id', direction),
    q.page,
    q.pageSize,
  );
}

export function findMobileMemberById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('mobileMembers as mm')
    .innerJoin('members as m', 'm.id', 'mm.memberId')
    .innerJoin('orgs as o', 'o.id', 'mm.orgId')
    .selectAll('mm')
    .select(['m.name as memberName', 'm.phone as memberPhone', 'm.leftOn as memberLeftOn', 'o.name as orgName'])
    .where('mm.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

export function findActiveMobileOfMember(db: Db, memberId: number) {
  return db
    .selectFrom('mobileMembers')
    .select(['id'])
    .where('memberId', '=', memberId)
    .where('returnedOn', 'is', null)
    .executeTakeFirst();
}

export async function insertMobileMember(db: Db, row: NewMobileMemberRow): Promise<number> {
  return (await db.insertInto('mobileMembers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export type MobilePatch = Partial<Omit<MobileMemberRow, 'id' | 'memberId' | 'version' | 'provinceId' | 'createdAt'>>;

export function updateMobileMemberVersioned(db: Db, id: number, version: number, patch: MobilePatch): Promise<boolean> {
  return updateVersioned(db, 'mobileMembers', id, version, patch);
}

export async function insertContact(
  db: Db,
  row: {
    mobileMemberId: number;
    contactedOn: string;
    method: MobileContactMethod;
    note: string | null;
    createdBy: number;
    createdAt: string;
  },
) {
  await db.insertInto('mobileContacts').values(row).execute();
}

export async function findContacts(db: Db, mobileMemberId: number, page: number, pageSize: number) {
  return pageOf(
    db.selectFrom('mobileContacts as c').where('c.mobileMemberId', '=', mobileMemberId),
    (qb) =>
      qb
        .leftJoin('users as u', 'u.id', 'c.createdBy')
        .selectAll('c')
        .select(['u.name as createdByName'])
        .orderBy('c.contactedOn', 'desc')
        .orderBy('c.id', 'desc'),
    page,
    pageSize,
  );
}

/** A member's records follow the member when a transfer within the tree is accepted. */
export async function moveMobileRecordsOfMember(db: Db, memberId: number, orgId: number, orgPath: string) {
  await db.updateTable('mobileMembers').set({ orgId, orgPath }).where('memberId', '=', memberId).execute();
}

/** Moves records' paths along with an org subtree that moved. */
export async function rewriteMobilePaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'mobileMembers', oldPath, newPath);
}

/** mobile_lost_contact for the warning list: active records of open orgs in the subtree, out of contact. */
export function findNoContact(db: Db, path: string, today: string) {
  return db
    .selectFrom('mobileMembers as mm')
    .innerJoin('members as m', 'm.id', 'mm.memberId')
    .innerJoin('orgs as o', 'o.id', 'mm.orgId')
    .select([
      'mm.id',
      'mm.orgId',
      'mm.orgPath',
      'mm.since',
      'mm.lastContactOn',
      'mm.lostContact',
      'mm.destinationRegion',
      'm.name as memberName',
    ])
    .where('mm.orgPath', '>=', path)
    .where('mm.orgPath', '<', subtreeEnd(path))
    .where(noContactCondition(today))
    .where('m.leftOn', 'is', null)
    .where('o.closedAt', 'is', null)
    .execute();
}

/** The member's 流动党员 and 失联党员 flags, which the records keep in step. */
export function findMemberFlags(db: Db, memberId: number) {
  return db
    .selectFrom('members')
    .select(['isMobile', 'isLostContact'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
}
