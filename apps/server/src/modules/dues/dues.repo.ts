// SQL of 党费: bases and payments of a member, the subtree figures (one aggregate) and the arrears (gaps and islands
// over the paid months with window functions), written to run the same on SQLite and PostgreSQL.
import { DUES_ARREARS_FLAG_MONTHS } from '@grassroots/domain';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { offsetOf } from '../../platform/paging.js';
import { subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { DuesBaseRow, DuesPaymentRow, NewDuesBaseRow, NewDuesPaymentRow } from './dues.table.js';

/** A member in scope, with the org's name (for the dues panel and every write's scope check). */
export function findMemberInScope(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select(['m.id', 'm.name', 'm.orgId', 'm.orgPath', 'm.joinedOn', 'm.status', 'm.occupation', 'o.name as orgName'])
    .where('m.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

// ---- bases

export function findBases(db: Db, memberId: number): Promise<DuesBaseRow[]> {
  return db.selectFrom('duesBases').selectAll().where('memberId', '=', memberId).orderBy('fromMonth').execute();
}

export function findBaseById(db: Db, id: number) {
  return db.selectFrom('duesBases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBase(db: Db, row: NewDuesBaseRow): Promise<number> {
  return (await db.insertInto('duesBases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateBaseVersioned(db: Db, id: number, version: number, patch: Partial<DuesBaseRow>) {
  return updateVersioned(db, 'duesBases', id, version, patch);
}

/** Re-links a member's bases: each is in force until the next one's month. */
export async function rechainBases(db: Db, memberId: number): Promise<void> {
  const rows = await findBases(db, memberId);
  for (let i = 0; i < rows.length; i++) {
    const until = rows[i + 1]?.fromMonth ?? null;
    if (rows[i]!.untilMonth !== until) {
      await db.updateTable('duesBases').set({ untilMonth: until }).where('id', '=', rows[i]!.id).execute();
    }
  }
}

// ---- payments

export function findPayments(db: Db, memberId: number): Promise<DuesPaymentRow[]> {
  return db.selectFrom('duesPayments').selectAll().where('memberId', '=', memberId).orderBy('month', 'desc').execute();
}

export function findPaymentById(db: Db, id: number) {
  return db.selectFrom('duesPayments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A payment whose member is in scope. */
export function findPaymentInScope(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('duesPayments as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .selectAll('p')
    .select('m.orgPath')
    .where('p.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

/** Payments of some members for some months (the duplicate check of a write or an import chunk). */
export function findPaymentsOf(db: Db, memberIds: readonly number[], months: readonly string[]) {
  if (memberIds.length === 0 || months.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duesPayments')
    .selectAll()
    .where('memberId', 'in', [...memberIds])
    .where('month', 'in', [...months])
    .execute();
}

/** Members already holding these receipt numbers in these collecting orgs. */
export function findReceiptHolders(db: Db, receipts: ReadonlyArray<{ orgId: number; receiptNo: string }>) {
  if (receipts.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duesPayments as p')
    .innerJoin('members as m', 'm.id', 'p.memberId')
    .select(['p.orgId', 'p.receiptNo', 'p.memberId', 'm.name as memberName'])
    .distinct()
    .where((eb) =>
      eb.or(receipts.map((r) => eb.and([eb('p.orgId', '=', r.orgId), eb('p.receiptNo', '=', r.receiptNo)]))),
    )
    .execute();
}

export function insertPayments(db: Db, rows: readonly NewDuesPaymentRow[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('duesPayments')
    .values([...rows])
    .returningAll()
    .execute();
}

export function updatePaymentVersioned(db: Db, id: number, version: number, patch: Partial<DuesPaymentRow>) {
  return updateVersioned(db, 'duesPayments', id, version, patch);
}

export async function deletePaymentVersioned(db: Db, id: number, version: number) {
  const r = await db.deleteFrom('duesPayments').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// ---- figures

/** Month index (year × 12 + month − 1) of a 'YYYY-MM' column, in SQL both databases read. */
const monthIdx = (column: string) =>
  sql<number>`(cast(substr(${sql.ref(column)}, 1, 4) as integer) * 12 + cast(substr(${sql.ref(column)}, 6, 2) as integer) - 1)`;
export const monthIndexOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * 应缴 per member of `where` over `months` ('YYYY-MM', in order): the months due at the base in force and their sum
 * in fen (org_path, id, n, fen). Dues are owed from the first base's month.
 */
export function dueByMember(months: readonly string[], where: Expression<SqlBool>) {
  const values = sql.join(months.map((m) => sql`(${m})`));
  return sql`select m.org_path, m.id, count(*) as n, sum(b.monthly_fen) as fen
      from members m
      join dues_bases b on b.member_id = m.id
      join (select column1 as month from (values ${values}) v) mo
        on b.from_month <= mo.month and (b.until_month is null or mo.month < b.until_month)
        -- a member who left the platform (转出, 取消资格) owes up to the month of leaving, no later
        and (m.left_on is null or mo.month <= substr(m.left_on, 1, 7))
      where ${where}
      group by m.org_path, m.id`;
}

/** 实缴: the payments for `months` of the members of `where`, by the month paid for (not the day of paying). */
export function paymentsForMonths(months: readonly string[], where: Expression<SqlBool>) {
  return sql`select m.org_path, m.org_id, m.id as member_id, m.name as member_name, p.id, p.month, p.amount_fen,
        p.paid_on, p.payer, p.receipt_no
      from members m
      join dues_payments p on p.member_id = m.id
      where ${where} and p.month >= ${months[0]!} and p.month <= ${months.at(-1)!}`;
}

export interface FigureRow {
  orgId: number | null;
  orgName: string | null;
  closedAt: string | null;
  dueCount: number;
  dueMonths: number;
  dueFen: number;
  paidCount: number;
  paidMonths: number;
  paidFen: number;
}

/**
 * 应缴/实缴 over `months` for the org at `path` (its own members: orgId null) and each of its children's subtrees,
 * in one statement: per member (months due at the base in force, months paid), per org path, per child.
 */
export async function figures(
  db: Db,
  org: { id: number; path: string },
  months: readonly string[],
  scopeWhere: Expression<SqlBool>,
): Promise<FigureRow[]> {
  const counted = sql<SqlBool>`m.org_path >= ${org.path} and m.org_path < ${subtreeEnd(org.path)} and ${scopeWhere}`;
  const sums = sql`coalesce(sum(po.due_count), 0) as due_count, coalesce(sum(po.due_months), 0) as due_months,
    coalesce(sum(po.due_fen), 0) as due_fen, coalesce(sum(po.paid_count), 0) as paid_count,
    coalesce(sum(po.paid_months), 0) as paid_months, coalesce(sum(po.paid_fen), 0) as paid_fen`;
  const { rows } = await sql<FigureRow>`
    with due as (${dueByMember(months, counted)}),
    paid as (
      select org_path, member_id as id, count(*) as n, sum(amount_fen) as fen
      from (${paymentsForMonths(months, counted)}) p
      group by org_path, member_id
    ),
    po as (
      select org_path, sum(due_count) as due_count, sum(due_months) as due_months, sum(due_fen) as due_fen,
        sum(paid_count) as paid_count, sum(paid_months) as paid_months, sum(paid_fen) as paid_fen
      from (
        select org_path, 1 as due_count, n as due_months, fen as due_fen, 0 as paid_count, 0 as paid_months,
          0 as paid_fen from due
        union all
        select org_path, 0, 0, 0, 1, n, fen from paid
      ) x
      group by org_path
    )
    select c.id as org_id, c.name as org_name, c.closed_at, ${sums}
    from orgs c left join po on po.org_path >= c.path and po.org_path < c.path || '~'
    where c.parent_id = ${org.id}
    group by c.id, c.name, c.closed_at
    union all
    select null, null, null, ${sums} from po where po.org_path = ${org.path}`.execute(db);
  return rows.map((r) => ({
    ...r,
    orgId: r.orgId === null ? null : Number(r.orgId),
    dueCount: Number(r.dueCount),
    dueMonths: Number(r.dueMonths),
    dueFen: Number(r.dueFen),
    paidCount: Number(r.paidCount),
    paidMonths: Number(r.paidMonths),
    paidFen: Number(r.paidFen),
  }));
}

// ---- arrears

export interface ArrearsRow {
  memberId: number;
  name: string;
  orgId: number;
  orgPath: string;
  orgName: string;
  /** First month owed (the first base's month). */
  fromMonth: string;
  owed: number;
  unpaid: number;
  currentRun: number;
  longest: number;
  firstUnpaid: string;
}

export interface ArrearsFilter {
  upTo: string;
  /** The state on this day: its members (default: today's) and the payments made by then (default: all). */
  asOf?: string | undefined;
  q?: string | undefined;
  flagged?: boolean | undefined;
  minMonths?: number | undefined;
}

/**
 * Per member with a base (dues are owed from the first base's month) up to `upTo`: months owed, unpaid, the longest
 * run of unpaid months and the run ending at `upTo`, the first unpaid month. Runs are the gaps before each paid month
 * (window lag) and after the last one; only members with unpaid months are kept.
 */
function arrearsCte(scopeWhere: Expression<SqlBool>, f: ArrearsFilter): RawBuilder<unknown> {
  const upI = sql.lit(monthIndexOf(f.upTo));
  const nameFilter = f.q ? sql`and m.name like ${`%${f.q}%`}` : sql``;
  const flagged =
    f.flagged === true
      ? sql`and longest >= ${sql.lit(DUES_ARREARS_FLAG_MONTHS)}`
      : f.flagged === false
        ? sql`and longest < ${sql.lit(DUES_ARREARS_FLAG_MONTHS)}`
        : sql``;
  const minMonths = f.minMonths ? sql`and unpaid >= ${sql.lit(f.minMonths)}` : sql``;
  const memberOn = f.asOf ? sql`(m.left_on is null or m.left_on > ${f.asOf})` : sql`m.left_on is null`;
  const paidBy = f.asOf ? sql`and p.paid_on <= ${f.asOf}` : sql``;
  return sql`
    with mem as (
      select m.id, m.name, m.org_id, m.org_path, min(b.from_month) as from_month
      from members m join dues_bases b on b.member_id = m.id
      where ${scopeWhere} and ${memberOn} ${nameFilter}
      group by m.id, m.name, m.org_id, m.org_path
    ),
    span as (
      select id, name, org_id, org_path, ${monthIdx('from_month')} as from_i,
        ${upI} - ${monthIdx('from_month')} + 1 as owed
      from mem where from_month <= ${f.upTo}
    ),
    paid as (
      select p.member_id, ${monthIdx('p.month')} as i,
        lag(${monthIdx('p.month')}) over (partition by p.member_id order by p.month) as prev_i
      from dues_payments p join mem on mem.id = p.member_id
      where p.month >= mem.from_month and p.month <= ${f.upTo} ${paidBy}
    ),
    agg as (
      select paid.member_id, count(*) as paid_n, max(paid.i) as last_i,
        max(paid.i - coalesce(paid.prev_i + 1, span.from_i)) as max_gap,
        min(case when paid.i > coalesce(paid.prev_i + 1, span.from_i)
          then coalesce(paid.prev_i + 1, span.from_i) end) as first_gap_i
      from paid join span on span.id = paid.member_id
      group by paid.member_id
    ),
    res as (
      select span.id, span.name, span.org_id, span.org_path, span.from_i, span.owed,
        span.owed - coalesce(agg.paid_n, 0) as unpaid,
        case when agg.member_id is null then span.owed else ${upI} - agg.last_i end as current_run,
        coalesce(agg.max_gap, 0) as max_gap,
        coalesce(agg.first_gap_i, case when agg.member_id is null then span.from_i else agg.last_i + 1 end)
          as first_unpaid_i
      from span left join agg on agg.member_id = span.id
    ),
    fin as (
      select res.*, case when max_gap > current_run then max_gap else current_run end as longest from res
    ),
    hit as (select * from fin where unpaid > 0 ${flagged} ${minMonths})`;
}

const ARREARS_ORDER: Record<string, RawBuilder<unknown>> = {
  '-unpaid': sql`hit.unpaid desc, hit.longest desc, hit.name, hit.id`,
  unpaid: sql`hit.unpaid, hit.name, hit.id`,
  '-longest': sql`hit.longest desc, hit.unpaid desc, hit.name, hit.id`,
  firstUnpaid: sql`hit.first_unpaid_i, hit.name, hit.id`,
  name: sql`hit.name, hit.id`,
  org: sql`hit.org_path, hit.name, hit.id`,
};

function toArrearsRow(r: Record<string, unknown>): ArrearsRow {
  return {
    memberId: Number(r.id),
    name: String(r.name),
    orgId: Number(r.orgId),
    orgPath: String(r.orgPath),
    orgName: String(r.orgName ?? ''),
    fromMonth: monthAt(Number(r.fromI)),
    owed: Number(r.owed),
    unpaid: Number(r.unpaid),
    currentRun: Number(r.currentRun),
    longest: Number(r.longest),
    firstUnpaid: monthAt(Number(r.firstUnpaidI)),
  };
}

export async function findArrears(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: ArrearsFilter,
  sort: string,
  page: number,
  pageSize: number,
) {
  const cte = arrearsCte(scopeWhere, f);
  // The total rides along with the page (one evaluation); only a page past the end needs its own count.
  const { rows } = await sql<Record<string, unknown>>`${cte}
    select hit.*, o.name as org_name, count(*) over () as full_count from hit join orgs o on o.id = hit.org_id
    order by ${ARREARS_ORDER[sort] ?? ARREARS_ORDER['-unpaid']!}
    limit ${sql.lit(pageSize)} offset ${sql.lit(offsetOf(page, pageSize))}`.execute(db);
  let total = Number(rows[0]?.fullCount ?? 0);
  if (rows.length === 0 && page > 1) {
    total = Number((await sql<{ n: number }>`${cte} select count(*) as n from hit`.execute(db)).rows[0]?.n ?? 0);
  }
  return { items: rows.map(toArrearsRow), total };
}

/** Every flagged member of a subtree (the warning list's source). */
export async function findFlaggedArrears(db: Db, path: string, upTo: string) {
  const where = sql<SqlBool>`m.org_path >= ${path} and m.org_path < ${subtreeEnd(path)}`;
  const { rows } = await sql<Record<string, unknown>>`${arrearsCte(where, { upTo, flagged: true })}
    select hit.* from hit order by hit.org_path, hit.name, hit.id`.execute(db);
  return rows.map(toArrearsRow);
}

/** 'YYYY-MM' of a month index (year × 12 + month − 1) in SQL, the same on both databases. */
const monthOfIdx = (column: string) =>
  sql<string>`(cast(${sql.ref(column)} / 12 as text) || '-' || case when ${sql.ref(column)} % 12 < 9 then '0' else '' end
    || cast(${sql.ref(column)} % 12 + 1 as text))`;

/**
 * The members of `scopeWhere` flagged on `upTo` (a run of DUES_ARREARS_FLAG_MONTHS unpaid months or more) as things
 * stood on `asOf`: one row each (id, name, org, months owed and unpaid, runs, first unpaid month).
 */
export function flaggedArrearsRows(scopeWhere: Expression<SqlBool>, upTo: string, asOf: string) {
  return sql<Record<string, unknown>>`${arrearsCte(scopeWhere, { upTo, flagged: true, asOf })}
    select hit.id, hit.name, o.name as org_name, hit.org_path, ${monthOfIdx('hit.from_i')} as from_month, hit.owed,
      hit.unpaid, hit.longest, hit.current_run, ${monthOfIdx('hit.first_unpaid_i')} as first_unpaid
    from hit join orgs o on o.id = hit.org_id`;
}

/** Paid months of some members up to `upTo` (for the exact month lists of a page of the arrears list). */
export function findPaidMonths(db: Db, memberIds: readonly number[], upTo: string) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duesPayments')
    .select(['memberId', 'month'])
    .where('memberId', 'in', [...memberIds])
    .where('month', '<=', upTo)
    .execute();
}

/** Members by ID number or by name within some orgs (the import's look-ups), with the org's path and name. */
export function findMembersForImport(
  db: Db,
  by: { idNumbers: readonly string[]; names: readonly string[] },
  scopeWhere: Expression<SqlBool>,
) {
  if (by.idNumbers.length === 0 && by.names.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .select([
      'm.id',
      'm.name',
      'm.idNumber',
      'm.orgId',
      'm.orgPath',
      'm.joinedOn',
      'o.name as orgName',
      'o.code as orgCode',
    ])
    .where((eb) =>
      eb.or([
        ...(by.idNumbers.length > 0 ? [eb('m.idNumber', 'in', [...by.idNumbers])] : []),
        ...(by.names.length > 0 ? [eb('m.name', 'in', [...by.names])] : []),
      ]),
    )
    .where(scopeWhere)
    .execute();
}

/** The bases of some members (due amounts of an import chunk). */
export function findBasesOf(db: Db, memberIds: readonly number[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('duesBases')
    .selectAll()
    .where('memberId', 'in', [...memberIds])
    .orderBy('memberId')
    .orderBy('fromMonth')
    .execute();
}
