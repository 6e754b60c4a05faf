import {
  AGE_BANDS,
  birthDateRangeForAgeBand,
  type MemberFlag,
  type TMemberListQuery,
  type TransferKind,
  type TransferState,
} from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { offsetOf, pageOf } from '../../platform/paging.js';
import { subtreeEnd } from '../../platform/scope.js';
import type { TransferListRow } from './members.mapper.js';
import type { MemberRow, MemberRowUpdate, NewMemberRow } from './members.table.js';

const FLAG_COLUMNS: Record<MemberFlag, 'isMobile' | 'isLostContact' | 'isHardship' | 'isVeteran'> = {
  mobile: 'isMobile',
  lost_contact: 'isLostContact',
  hardship: 'isHardship',
  veteran: 'isVeteran',
};

export { FLAG_COLUMNS };

const SORT_COLUMNS = { name: 'm.name', birthDate: 'm.birthDate', joinedOn: 'm.joinedOn', id: 'm.id' } as const;

export type MemberListFilter = Omit<TMemberListQuery, 'orgId' | 'page' | 'pageSize' | 'sort'>;

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, f: MemberListFilter, today: string) {
  // Members transferred out of the platform (转出系统外) are history: readable by id, in no list or count.
  let qb = db.selectFrom('members as m').where(scopeWhere).where('m.leftOn', 'is', null);
  if (f.q) {
    const q = f.q;
    qb = /^[a-zA-Z]+$/.test(q)
      ? qb.where((eb) => eb.or([eb('m.nameInitials', 'like', `${q.toLowerCase()}%`), eb('m.name', 'like', `%${q}%`)]))
      : qb.where('m.name', 'like', `%${q}%`);
  }
  if (f.status) qb = qb.where('m.status', '=', f.status);
  if (f.gender) qb = qb.where('m.gender', '=', f.gender);
  if (f.ethnicity) qb = qb.where('m.ethnicity', '=', f.ethnicity);
  if (f.education) qb = qb.where('m.education', '=', f.education);
  if (f.occupation) qb = qb.where('m.occupation', '=', f.occupation);
  if (f.flag) qb = qb.where(`m.${FLAG_COLUMNS[f.flag]}`, '=', 1);
  if (f.inTransfer === 'true') qb = qb.where('m.pendingTransferId', 'is not', null);
  if (f.inTransfer === 'false') qb = qb.where('m.pendingTransferId', 'is', null);
  if (f.ageBand) {
    const { from, to } = birthDateRangeForAgeBand(f.ageBand, today);
    if (from) qb = qb.where('m.birthDate', '>=', from);
    if (to) qb = qb.where('m.birthDate', '<=', to);
  }
  return qb;
}

export interface MemberPageRequest {
  sort: TMemberListQuery['sort'];
  pageSize: number;
  /** Offset paging; ignored when `after` is given. */
  page: number;
  /** Keyset paging: the sort value and id of the last row of the previous page. */
  after: { value: string | number; id: number } | null;
  /** Already known (from counters): skip the count query. */
  knownTotal: number | null;
}

export async function findMembers(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: MemberListFilter,
  today: string,
  r: MemberPageRequest,
) {
  const desc = r.sort.startsWith('-');
  const key = (desc ? r.sort.slice(1) : r.sort) as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];
  let qb = listQuery(db, scopeWhere, f, today)
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .selectAll('m')
    .select(['o.name as orgName']);
  if (r.after) {
    const cmp = desc ? sql`<` : sql`>`;
    qb = qb.where(sql<SqlBool>`(${sql.ref(column)}, m.id) ${cmp} (${r.after.value}, ${r.after.id})`);
  }
  const items = await qb
    .orderBy(column, desc ? 'desc' : 'asc')
    .orderBy('m.id', desc ? 'desc' : 'asc')
    .limit(r.pageSize)
    .$if(r.after === null, (q) => q.offset(offsetOf(r.page, r.pageSize)))
    .execute();
  const total =
    r.knownTotal ??
    Number(
      (
        await listQuery(db, scopeWhere, f, today)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { items, total, sortKey: key };
}

export const ROLLUP_DIMENSIONS = ['status', 'gender', 'ethnicity', 'education', 'occupation', 'ageBand'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** Ad-hoc rollup: members matching a combined filter, grouped by one dimension (the covering-index scan). */
export async function rollupMembers(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: MemberListFilter,
  groupBy: RollupDimension,
  today: string,
) {
  const value =
    groupBy === 'ageBand'
      ? sql<string>`case ${sql.join(
          AGE_BANDS.filter((b) => b !== 'ge61').map(
            (b) => sql`when m.birth_date >= ${birthDateRangeForAgeBand(b, today).from} then ${b}`,
          ),
          sql` `,
        )} else 'ge61' end`
      : sql<string>`${sql.ref(`m.${groupBy}`)}`;
  return listQuery(db, scopeWhere, f, today)
    .select([value.as('value'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(sql`1`)
    .execute();
}

export function findMemberById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .selectAll('m')
    .select(['o.name as orgName'])
    .where('m.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

export function findMemberByIdNumber(db: Db, idNumber: string) {
  return db.selectFrom('members').select(['id']).where('idNumber', '=', idNumber).executeTakeFirst();
}

export async function insertMember(db: Db, row: NewMemberRow): Promise<number> {
  const r = await db.insertInto('members').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The row as written, or undefined when its version is no longer `version` (someone saved meanwhile). */
export function updateMemberVersioned(
  db: Db,
  id: number,
  version: number,
  patch: MemberRowUpdate,
): Promise<MemberRow | undefined> {
  return db
    .updateTable('members')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Moves members' (and their transfers', external ones too) paths along with an org subtree that moved. */
export async function rewriteMemberPaths(db: Db, oldPath: string, newPath: string) {
  const cut = oldPath.length + 1;
  const end = subtreeEnd(oldPath);
  await db
    .updateTable('members')
    .set({ orgPath: sql`${newPath} || substr(org_path, ${cut})` })
    .where('orgPath', '>=', oldPath)
    .where('orgPath', '<', end)
    .execute();
  await db
    .updateTable('memberTransfers')
    .set({ fromPath: sql`${newPath} || substr(from_path, ${cut})` })
    .where('fromPath', '>=', oldPath)
    .where('fromPath', '<', end)
    .execute();
  await db
    .updateTable('memberTransfers')
    .set({ toPath: sql`${newPath} || substr(to_path, ${cut})` })
    .where('toPath', '>=', oldPath)
    .where('toPath', '<', end)
    .execute();
  await db
    .updateTable('externalTransfers')
    .set({ orgPath: sql`${newPath} || substr(org_path, ${cut})` })
    .where('orgPath', '>=', oldPath)
    .where('orgPath', '<', end)
    .execute();
}

export async function countDirectMembers(db: Db, orgId: number): Promise<number> {
  const r = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('leftOn', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Member counts by org path and status within a subtree: one index range scan. */
export function countByOrgPath(db: Db, path: string) {
  return db
    .selectFrom('members')
    .select(['orgPath', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('leftOn', 'is', null)
    .groupBy(['orgPath', 'status'])
    .execute();
}

/** Counts by every dashboard dimension and org path within a subtree (the covering index scan). */
export function countByDimensions(db: Db, path: string, today: string) {
  const bandCase = sql<string>`case ${sql.join(
    AGE_BANDS.filter((b) => b !== 'ge61').map((b) => {
      const { from } = birthDateRangeForAgeBand(b, today);
      return sql`when birth_date >= ${from} then ${b}`;
    }),
    sql` `,
  )} else 'ge61' end`;
  return db
    .selectFrom('members')
    .select([
      'orgPath',
      'status',
      'gender',
      'education',
      'occupation',
      bandCase.as('ageBand'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('leftOn', 'is', null)
    .groupBy(['orgPath', 'status', 'gender', 'education', 'occupation', sql`6`])
    .execute();
}

// ---- transfers (组织关系转接)

export async function insertTransfer(
  db: Db,
  row: {
    memberId: number;
    fromOrgId: number;
    toOrgId: number;
    fromPath: string;
    toPath: string;
    reason: string | null;
    letterNo: string | null;
    requestedBy: number;
    requestedAt: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('memberTransfers')
    .values({ ...row, state: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function findTransferById(db: Db, id: number) {
  return db
    .selectFrom('memberTransfers as t')
    .innerJoin('members as m', 'm.id', 't.memberId')
    .innerJoin('orgs as fo', 'fo.id', 't.fromOrgId')
    .innerJoin('orgs as to', 'to.id', 't.toOrgId')
    .selectAll('t')
    .select(['m.name as memberName', 'fo.name as fromOrgName', 'to.name as toOrgName'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Which transfers a list shows: a condition per kind (on `t` for internal, `e` for external ones), null = none. */
export interface TransferBranches {
  internal: Expression<SqlBool> | null;
  externalOut: Expression<SqlBool> | null;
  externalIn: Expression<SqlBool> | null;
}

/**
 * 系统内, 转出系统外 and 从系统外转入 in one list, newest first: a union of the three, paged in SQL. External
 * transfers are final when recorded, so they show as completed.
 */
export async function findTransfers(
  db: Db,
  branches: TransferBranches,
  state: TransferState | undefined,
  page: number,
  pageSize: number,
) {
  // A branch that is not shown still takes part, with a condition no row meets: one statically typed union.
  const none = sql<SqlBool>`1 = 0`;
  const internal = db
    .selectFrom('memberTransfers as t')
    .innerJoin('members as m', 'm.id', 't.memberId')
    .innerJoin('orgs as fo', 'fo.id', 't.fromOrgId')
    .innerJoin('orgs as to', 'to.id', 't.toOrgId')
    .where(branches.internal ?? none)
    .$if(state !== undefined, (qb) => qb.where('t.state', '=', state!))
    .select([
      't.id',
      sql<TransferKind>`'internal'`.as('kind'),
      't.memberId',
      'm.name as memberName',
      't.fromOrgId',
      'fo.name as fromOrgName',
      't.toOrgId',
      'to.name as toOrgName',
      't.state',
      't.reason',
      't.letterNo',
      't.requestedAt',
      't.decidedAt',
      't.decisionReason',
      sql<string | null>`null`.as('transferDate'),
      sql<string | null>`null`.as('externalRegion'),
    ])
    .$castTo<TransferListRow>();
  const external = (kind: 'external_out' | 'external_in', where: Expression<SqlBool> | null) => {
    const out = kind === 'external_out';
    return db
      .selectFrom('externalTransfers as e')
      .innerJoin('members as m', 'm.id', 'e.memberId')
      .innerJoin('orgs as o', 'o.id', 'e.orgId')
      .where('e.kind', '=', out ? 'out' : 'in')
      .where(where && (state === undefined || state === 'completed') ? where : none)
      .select([
        'e.id',
        sql<TransferKind>`${sql.lit(kind)}`.as('kind'),
        'e.memberId',
        'm.name as memberName',
        (out ? sql<number | null>`e.org_id` : sql<number | null>`null`).as('fromOrgId'),
        (out ? sql<string>`o.name` : sql<string>`e.external_org`).as('fromOrgName'),
        (out ? sql<number | null>`null` : sql<number | null>`e.org_id`).as('toOrgId'),
        (out ? sql<string>`e.external_org` : sql<string>`o.name`).as('toOrgName'),
        sql<TransferState>`'completed'`.as('state'),
        'e.reason',
        'e.letterNo',
        'e.createdAt as requestedAt',
        sql<string | null>`e.created_at`.as('decidedAt'),
        sql<string | null>`null`.as('decisionReason'),
        sql<string | null>`e.transfer_date`.as('transferDate'),
        'e.externalRegion',
      ])
      .$castTo<TransferListRow>();
  };
  const union = () =>
    internal
      .unionAll(external('external_out', branches.externalOut))
      .unionAll(external('external_in', branches.externalIn))
      .as('u');
  return pageOf(
    db.selectFrom(union()),
    (qb) => qb.selectAll().orderBy('u.requestedAt', 'desc').orderBy('u.kind').orderBy('u.id', 'desc'),
    page,
    pageSize,
  );
}

export async function updateTransferState(
  db: Db,
  id: number,
  state: TransferState,
  decidedBy: number,
  decidedAt: string,
  decisionReason: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('memberTransfers')
    .set({ state, decidedBy, decidedAt, decisionReason })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
