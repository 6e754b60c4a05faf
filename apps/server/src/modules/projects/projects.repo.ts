import type { TMatterQuery, TProjectQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { offsetOf } from '../../platform/paging.js';
import { subtreeEnd } from '../../platform/scope.js';
import type { PracticalMatterRow, SecretaryProjectRow } from './projects.table.js';

const n = (v: unknown) => Number(v ?? 0);

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
  const ids = projectQuery(db, scopeWhere, f).select('p.id');
  const [items, count] = await Promise.all([
    projectsWithOrg(db)
      .where('p.id', 'in', ids)
      .orderBy('p.year', 'desc')
      .orderBy('p.orgPath')
      .orderBy('p.id')
      .limit(pageSize)
      .offset(offsetOf(page, pageSize))
      .execute(),
    projectQuery(db, scopeWhere, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(count.n) };
}

export function findProjectById(db: Db, id: number) {
  return projectsWithOrg(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertProject(db: Db, row: Omit<SecretaryProjectRow, 'id' | 'version'>) {
  return (await db.insertInto('secretaryProjects').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProjectVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<SecretaryProjectRow, 'id' | 'version'>>,
) {
  const r = await db
    .updateTable('secretaryProjects')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
  const ids = matterQuery(db, scopeWhere, f, today).select('m.id');
  const [items, count] = await Promise.all([
    mattersWithOrg(db)
      .where('m.id', 'in', ids)
      .orderBy('m.targetDate')
      .orderBy('m.id')
      .limit(pageSize)
      .offset(offsetOf(page, pageSize))
      .execute(),
    matterQuery(db, scopeWhere, f, today)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: n(count.n) };
}

export function findMatterById(db: Db, id: number) {
  return mattersWithOrg(db).where('m.id', '=', id).executeTakeFirst();
}

export async function insertMatter(db: Db, row: Omit<PracticalMatterRow, 'id' | 'version'>) {
  return (await db.insertInto('practicalMatters').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMatterVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<PracticalMatterRow, 'id' | 'version'>>,
) {
  const r = await db
    .updateTable('practicalMatters')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
  for (const table of ['secretaryProjects', 'practicalMatters'] as const) {
    await db
      .updateTable(table)
      .set({ orgPath: sql`${newPath} || substr(org_path, ${oldPath.length + 1})` })
      .where('orgPath', '>=', oldPath)
      .where('orgPath', '<', subtreeEnd(oldPath))
      .execute();
  }
}
