import { addDays, DEVELOPMENT_DUE_WARNING_DAYS, type TDevelopmentListQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { DevelopmentRecordRow, NewDevelopmentRecordRow, NewDevelopmentStepRow } from './development.table.js';

export type DevelopmentListFilter = Pick<TDevelopmentListQuery, 'q' | 'stage' | 'due'>;

const SORT_COLUMNS = { name: 'd.name', stageSince: 'd.stageSince', nextDueDate: 'd.nextDueDate' } as const;

/** Due: a time limit within DEVELOPMENT_DUE_WARNING_DAYS of `today`, or passed. */
export const dueBy = (today: string) => addDays(today, DEVELOPMENT_DUE_WARNING_DAYS);

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, f: DevelopmentListFilter, today: string) {
  let qb = db.selectFrom('developmentRecords as d').where(scopeWhere);
  if (f.q) {
    const q = f.q;
    qb = /^[a-zA-Z]+$/.test(q)
      ? qb.where((eb) => eb.or([eb('d.nameInitials', 'like', `${q.toLowerCase()}%`), eb('d.name', 'like', `%${q}%`)]))
      : qb.where('d.name', 'like', `%${q}%`);
  }
  if (f.stage) qb = qb.where('d.stage', '=', f.stage);
  if (f.due === 'true') qb = qb.where('d.nextDueDate', '<=', dueBy(today));
  return qb;
}

export async function findRecords(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: DevelopmentListFilter,
  today: string,
  sort: TDevelopmentListQuery['sort'],
  page: number,
  pageSize: number,
) {
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  const dir = desc ? 'desc' : 'asc';
  return pageOf(
    listQuery(db, scopeWhere, f, today),
    (qb) =>
      qb
        .innerJoin('orgs as o', 'o.id', 'd.orgId')
        .selectAll('d')
        .select(['o.name as orgName'])
        // Undated last in either direction, the same on both databases.
        .orderBy(sql`${sql.ref(column)} is null`)
        .orderBy(column, dir)
        .orderBy('d.id', dir),
    page,
    pageSize,
  );
}

/** Counts by stage, due and overdue counts, and the longest wait per stage, for a scope. */
export async function pipelineCounts(db: Db, scopeWhere: Expression<SqlBool>, today: string) {
  return db
    .selectFrom('developmentRecords as d')
    .where(scopeWhere)
    .select((eb) => [
      'd.stage',
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('d.stageSince').as('oldestSince'),
      eb.fn.sum<number>(eb.case().when('d.nextDueDate', '<=', dueBy(today)).then(1).else(0).end()).as('due'),
      eb.fn.sum<number>(eb.case().when('d.nextDueDate', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .groupBy('d.stage')
    .execute();
}

export function findRecordById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('developmentRecords as d')
    .innerJoin('orgs as o', 'o.id', 'd.orgId')
    .selectAll('d')
    .select(['o.name as orgName'])
    .where('d.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

/** An open development (not cancelled, not yet a member) of the same person. */
export function findOpenRecordByIdNumber(db: Db, idNumber: string) {
  return db
    .selectFrom('developmentRecords')
    .select(['id'])
    .where('idNumber', '=', idNumber)
    .where('stage', 'not in', ['cancelled', 'full'])
    .executeTakeFirst();
}

export function findSteps(db: Db, recordId: number) {
  return db.selectFrom('developmentSteps').selectAll().where('recordId', '=', recordId).orderBy('seq').execute();
}

export async function insertRecord(db: Db, row: NewDevelopmentRecordRow): Promise<number> {
  return (await db.insertInto('developmentRecords').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertStep(db: Db, row: NewDevelopmentStepRow): Promise<number> {
  return (await db.insertInto('developmentSteps').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateRecordVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<DevelopmentRecordRow, 'id' | 'provinceId' | 'version'>>,
) {
  return updateVersioned(db, 'developmentRecords', id, version, patch);
}

/** Members named in steps (培养联系人, 入党介绍人), with what the rules need. */
export function findMembersByIds(db: Db, ids: readonly number[], scopeWhere: Expression<SqlBool>) {
  if (ids.length === 0) return Promise.resolve([]);
  return (
    db
      .selectFrom('members as m')
      .select(['m.id', 'm.name', 'm.idNumber', 'm.status', 'm.fullOn'])
      .where('m.id', 'in', ids)
      // A member who has left the platform can no longer introduce or be a contact person.
      .where('m.leftOn', 'is', null)
      .where(scopeWhere)
      .execute()
  );
}

/** Records of open orgs in a subtree with a step due by `dueUntil`, or an undecided probation ending by `probationUntil`. */
export function findDueRecords(db: Db, path: string, dueUntil: string, probationUntil: string) {
  return db
    .selectFrom('developmentRecords as d')
    .innerJoin('orgs as o', 'o.id', 'd.orgId')
    .select(['d.id', 'd.orgId', 'd.orgPath', 'd.name', 'd.stage', 'd.nextStep', 'd.nextDueDate', 'd.probationEnd'])
    .where('d.orgPath', '>=', path)
    .where('d.orgPath', '<', subtreeEnd(path))
    .where('o.closedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb('d.nextDueDate', '<=', dueUntil),
        eb.and([
          eb('d.stage', '=', 'probationary'),
          eb('d.probationEnd', '<=', probationUntil),
          eb('d.nextStep', '!=', 'full_membership_approval'),
        ]),
      ]),
    )
    .execute();
}

/** Moves records' paths along with an org subtree that moved. */
export async function rewriteDevelopmentPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'developmentRecords', oldPath, newPath);
}
