import type { MeetingKind, TMeetingListQuery } from '@grassroots/domain';
import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type {
  MeetingAttendanceRow,
  MeetingTable,
  NewMeetingRow,
  ObligationExemptionTable,
  ObligationRow,
  ObligationTable,
} from './life.table.js';

// ——— meetings ———

type MeetingFilter = Omit<TMeetingListQuery, 'orgId' | 'page' | 'pageSize' | 'sort'>;

function meetingQuery(db: Db, scopeWhere: Expression<SqlBool>, f: MeetingFilter) {
  let qb = db.selectFrom('meetings as m').where(scopeWhere);
  if (f.kind) qb = qb.where('m.kind', '=', f.kind);
  if (f.from) qb = qb.where('m.date', '>=', f.from);
  if (f.to) qb = qb.where('m.date', '<=', f.to);
  if (f.late) qb = qb.where('m.late', '=', f.late === 'true' ? 1 : 0);
  if (f.q) qb = qb.where('m.topic', 'like', `%${f.q}%`);
  return qb;
}

export async function findMeetings(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: MeetingFilter,
  sort: TMeetingListQuery['sort'],
  page: number,
  pageSize: number,
) {
  return pageOf(
    meetingQuery(db, scopeWhere, f),
    (qb) => {
      const items = qb.innerJoin('orgs as o', 'o.id', 'm.orgId').selectAll('m').select('o.name as orgName');
      const sorted =
        sort === 'date'
          ? items.orderBy('m.date', 'asc')
          : sort === '-createdAt'
            ? items.orderBy('m.createdAt', 'desc')
            : items.orderBy('m.date', 'desc');
      return sorted.orderBy('m.id', 'desc');
    },
    page,
    pageSize,
  );
}

export function findMeetingById(db: Db, id: number) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .selectAll('m')
    .select('o.name as orgName')
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function findAttendance(db: Db, meetingId: number) {
  return db
    .selectFrom('meetingAttendance as a')
    .innerJoin('members as p', 'p.id', 'a.memberId')
    .selectAll('a')
    .select('p.name as memberName')
    .where('a.meetingId', '=', meetingId)
    .orderBy('a.present', 'desc')
    .orderBy('p.nameInitials')
    .orderBy('p.id')
    .execute();
}

export async function insertMeeting(db: Db, row: NewMeetingRow): Promise<number> {
  return (await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateMeetingVersioned(db: Db, id: number, version: number, patch: Updateable<MeetingTable>) {
  return updateVersioned(db, 'meetings', id, version, patch);
}

export async function deleteMeetingVersioned(db: Db, id: number, version: number) {
  await db.deleteFrom('meetingAttendance').where('meetingId', '=', id).execute();
  const r = await db.deleteFrom('meetings').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function replaceAttendance(db: Db, meetingId: number, rows: Omit<MeetingAttendanceRow, 'meetingId'>[]) {
  await db.deleteFrom('meetingAttendance').where('meetingId', '=', meetingId).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('meetingAttendance')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, meetingId })))
      .execute();
  }
}

// ——— who belongs to an org on a day ———

/** The org and the 党小组 directly under it: a branch's members include its groups' members. */
export async function orgWithGroups(db: Db, orgId: number) {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', orgId), eb.and([eb('parentId', '=', orgId), eb('kind', '=', 'group')])]))
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** Members now in the orgs, or transferred out of them by a completed transfer (for the dates before it). */
export async function candidateMembers(db: Db, orgIds: number[]) {
  const movedOut = db
    .selectFrom('memberTransfers')
    .select('memberId')
    .where('fromOrgId', 'in', orgIds)
    .where('state', '=', 'completed');
  return db
    .selectFrom('members')
    .select(['id', 'name', 'orgId', 'joinedOn', 'leftOn', 'status', 'nameInitials'])
    .where((eb) => eb.or([eb('orgId', 'in', orgIds), eb('id', 'in', movedOut)]))
    .orderBy('nameInitials')
    .orderBy('id')
    .execute();
}

export function completedTransfersOf(db: Db, memberIds: number[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('memberTransfers')
    .select(['memberId', 'fromOrgId', 'toOrgId', 'decidedAt'])
    .where('memberId', 'in', memberIds)
    .where('state', '=', 'completed')
    .orderBy('decidedAt')
    .execute();
}

// ——— compliance inputs ———

/** Open and closed orgs of a subtree of the given kinds, with what obligations depend on. */
export function subtreeOrgsForObligations(db: Db, path: string, kinds: readonly string[]) {
  if (kinds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'parentId', 'path', 'name', 'kind', 'sector', 'committee', 'foundedOn', 'closedAt'])
    .where('path', '>=', path)
    .where('path', '<', subtreeEnd(path))
    .where('kind', 'in', kinds as never[])
    .orderBy('path')
    .execute();
}

/** The one aggregate of compliance: meetings per org, kind and month of a subtree between two days. */
export async function meetingCountsByMonth(db: Db, path: string, from: string, to: string) {
  const month = sql<string>`substr(${sql.ref('date')}, 1, 7)`;
  const rows = await db
    .selectFrom('meetings')
    .select(['orgId', 'kind', month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(['orgId', 'kind', month])
    .execute();
  return rows.map((r) => ({ orgId: Number(r.orgId), kind: r.kind as MeetingKind, month: r.month, n: Number(r.n) }));
}

export function exemptionsInSubtree(db: Db, path: string) {
  return db
    .selectFrom('obligationExemptions')
    .select(['orgId', 'kind', 'periodKey', 'reason'])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .execute();
}

// ——— exemptions ———

function exemptionQuery(db: Db, scopeWhere: Expression<SqlBool>, periodKeys: string[] | undefined) {
  let qb = db.selectFrom('obligationExemptions as e').where(scopeWhere);
  if (periodKeys) qb = qb.where('e.periodKey', 'in', periodKeys);
  return qb;
}

export async function findExemptions(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  periodKeys: string[] | undefined,
  page: number,
  pageSize: number,
) {
  return pageOf(
    exemptionQuery(db, scopeWhere, periodKeys),
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'e.orgId')
        .selectAll('e')
        .select('o.name as orgName')
        .orderBy('e.periodKey', 'desc')
        .orderBy('e.orgPath')
        .orderBy('e.id'),
    page,
    pageSize,
  );
}

export function findExemptionById(db: Db, id: number) {
  return db
    .selectFrom('obligationExemptions as e')
    .innerJoin('orgs as o', 'o.id', 'e.orgId')
    .selectAll('e')
    .select('o.name as orgName')
    .where('e.id', '=', id)
    .executeTakeFirst();
}

// ——— catalogue ———

export function findObligations(db: Db): Promise<ObligationRow[]> {
  return db.selectFrom('obligations').selectAll().orderBy('id').execute();
}

export function findObligationById(db: Db, id: number) {
  return db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateObligationVersioned(db: Db, id: number, version: number, patch: Partial<ObligationRow>) {
  return updateVersioned(db, 'obligations', id, version, patch);
}

/** Moves meetings' and exemptions' paths along with an org subtree that moved. */
export async function rewriteLifePaths(db: Db, oldPath: string, newPath: string) {
  for (const table of ['meetings', 'obligationExemptions'] as const)
    await rewriteSubtreePaths(db, table, oldPath, newPath);
}

/** The org and its children (closed ones too: they may have owed in the period), in tree order. */
export function findOrgAndChildren(db: Db, id: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where((eb) => eb.or([eb('parentId', '=', id), eb('id', '=', id)]))
    .orderBy('path')
    .execute();
}

export function insertObligation(db: Db, row: Insertable<ObligationTable>) {
  return db.insertInto('obligations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteObligation(db: Db, id: number, version: number) {
  await db.deleteFrom('obligations').where('id', '=', id).where('version', '=', version).execute();
}

/** An exemption of the org for the same period and meeting kind (null: every kind). */
export function findSameExemption(db: Db, orgId: number, periodKey: string, kind: MeetingKind | null) {
  return db
    .selectFrom('obligationExemptions')
    .select('id')
    .where('orgId', '=', orgId)
    .where('periodKey', '=', periodKey)
    .where((eb) => (kind === null ? eb('kind', 'is', null) : eb('kind', '=', kind)))
    .executeTakeFirst();
}

export function insertExemption(db: Db, row: Insertable<ObligationExemptionTable>) {
  return db.insertInto('obligationExemptions').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteExemption(db: Db, id: number) {
  await db.deleteFrom('obligationExemptions').where('id', '=', id).execute();
}
