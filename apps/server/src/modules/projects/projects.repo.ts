import type { TMatterQuery, TProjectQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { PracticalMatterRow, SecretaryProjectRow } from './projects.table.js';

// ---- 书记项目

function projectQuery(db: Db, scopeWhere: Expression<SqlBool>, f: Omit<TProjectQuery, 'orgId' | 'page' | 'pageSize'>) {
  let qb = db.selectFrom('secretaryProjects as p').where(scopeWhere);
  if (f.year !== undefined) qb = qb.where('p.year', '=', f.year);
  if (f.stage) qb = qb.where('p.stage', '=', f.stage);
  if (f.q) {
    const like = `%${f.q}%`;
    qb = qb.where((eb) => eb.or([eb('p.title', 'like', like), eb('p.secretaryName', 'like', like)]));
  }
  return qb;
}

function projectsWithOrg(db: Db) {
  return db
    .selectFrom('secretaryProjects as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .selectAll('p')
    .select([
      'o.name as orgName',
      (eb) =>
        eb
          .selectFrom('practicalMatters as m')
          .select(sql<number>`count(*)`.as('c'))
          .whereRef('m.projectId', '=', 'p.id')
          .as('matters'),
      (eb) =>
        eb
          .selectFrom('practicalMatters as m')
          .select(sql<number>`count(*)`.as('c'))
          .whereRef('m.projectId', '=', 'p.id')
          .where('m.status', '=', 'done')
          .as('mattersDone'),
    ]);
}
export type ProjectWithOrg = NonNullable<Awaited<ReturnType<typeof findProjectById>>>;

export async function findProjects(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: Omit<TProjectQuery, 'orgId' | 'page' | 'pageSize'>,
  page: number,
  pageSize: number,
) {
  return pageOf(
    projectQuery(db, scopeWhere, f),
    (qb) =>
      projectsWithOrg(db)
        .where('p.id', 'in', qb.select('p.id'))
        .orderBy('p.year', 'desc')
        .orderBy('p.orgPath')
        .orderBy('p.id'),
    page,
    pageSize,
  );
}

export function findProjectById(db: Db, id: number) {
  return projectsWithOrg(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Db, row: Omit<SecretaryProjectRow, 'id' | 'version'>) {
  return (await db.insertInto('secretaryProjects').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateProjectVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<SecretaryProjectRow, 'id' | 'version'>>,
) {
  return updateVersioned(db, 'secretaryProjects', id, version, patch);
}

// ---- 实事

function matterQuery(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: Omit<TMatterQuery, 'orgId' | 'page' | 'pageSize'>,
  today: string,
) {
  let qb = db.selectFrom('practicalMatters as m').where(scopeWhere);
  if (f.year !== undefined) qb = qb.where('m.year', '=', f.year);
  if (f.kind) qb = qb.where('m.kind', '=', f.kind);
  if (f.status) qb = qb.where('m.status', '=', f.status);
  if (f.projectId !== undefined) qb = qb.where('m.projectId', '=', f.projectId);
  if (f.overdue === 'true') qb = qb.where('m.status', '<>', 'done').where('m.targetDate', '<', today);
  if (f.q) {
    const like = `%${f.q}%`;
    qb = qb.where((eb) => eb.or([eb('m.title', 'like', like), eb('m.ownerName', 'like', like)]));
  }
  return qb;
}

function mattersWithOrg(db: Db) {
  return db
    .selectFrom('practicalMatters as m')
    .innerJoin('orgs as o', 'o.id', 'm.orgId')
    .leftJoin('secretaryProjects as p', 'p.id', 'm.projectId')
    .selectAll('m')
    .select(['o.name as orgName', 'p.title as projectTitle']);
}
export type MatterWithOrg = NonNullable<Awaited<ReturnType<typeof findMatterById>>>;

export async function findMatters(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: Omit<TMatterQuery, 'orgId' | 'page' | 'pageSize'>,
  today: string,
  page: number,
  pageSize: number,
) {
  return pageOf(
    matterQuery(db, scopeWhere, f, today),
    (qb) => mattersWithOrg(db).where('m.id', 'in', qb.select('m.id')).orderBy('m.targetDate').orderBy('m.id'),
    page,
    pageSize,
  );
}

export function findMatterById(db: Db, id: number) {
  return mattersWithOrg(db).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMatter(db: Db, row: Omit<PracticalMatterRow, 'id' | 'version'>) {
  return (await db.insertInto('practicalMatters').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateMatterVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<PracticalMatterRow, 'id' | 'version'>>,
) {
  return updateVersioned(db, 'practicalMatters', id, version, patch);
}

// ---- figures: one aggregate per table

const countIf = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

export function projectFigures(db: Db, scopeWhere: Expression<SqlBool>, year: number | undefined) {
  return db
    .selectFrom('secretaryProjects as p')
    .where(scopeWhere)
    .$if(year !== undefined, (qb) => qb.where('p.year', '=', year!))
    .select([
      sql<number>`count(*)`.as('total'),
      countIf(sql`p.stage = 'approved'`).as('approved'),
      countIf(sql`p.stage = 'in_progress'`).as('inProgress'),
      countIf(sql`p.stage = 'accepted'`).as('accepted'),
      countIf(sql`p.stage = 'rated'`).as('rated'),
      countIf(sql`p.grade = 'excellent'`).as('excellent'),
    ])
    .executeTakeFirstOrThrow();
}

export function matterFigures(db: Db, scopeWhere: Expression<SqlBool>, year: number | undefined, today: string) {
  return db
    .selectFrom('practicalMatters as m')
    .where(scopeWhere)
    .$if(year !== undefined, (qb) => qb.where('m.year', '=', year!))
    .select([
      'm.kind',
      sql<number>`count(*)`.as('total'),
      countIf(sql`m.status = 'done'`).as('done'),
      countIf(sql`m.status = 'in_progress'`).as('inProgress'),
      countIf(sql`m.status = 'open'`).as('open'),
      countIf(sql`m.status <> 'done' and m.target_date < ${today}`).as('overdue'),
      countIf(sql`m.project_id is not null`).as('ledByProject'),
      countIf(sql`m.satisfaction is not null`).as('rated'),
      countIf(sql`m.satisfaction in ('satisfied', 'basically_satisfied')`).as('satisfied'),
    ])
    .groupBy('m.kind')
    .execute();
}

/** Moves projects' and matters' paths along with an org subtree that moved. */
export async function rewriteProjectPaths(db: Db, oldPath: string, newPath: string) {
  for (const table of ['secretaryProjects', 'practicalMatters'] as const)
    await rewriteSubtreePaths(db, table, oldPath, newPath);
}
