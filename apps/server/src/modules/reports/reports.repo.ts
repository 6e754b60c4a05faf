import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths, type Scope, subtreeEnd } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { ReportDraftRow, ReportTemplateRow } from './reports.table.js';

// ---- templates

/** The paths above an org and its own: '/1/2/3/' → '/1/', '/1/2/', '/1/2/3/'. */
function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/**
 * A template is visible along its org's line: saved at an org of the scope (or below a subtree anchor), or at an
 * org above an anchor (a county's template reaches its townships).
 */
export function whereTemplateVisible(scope: Scope): Expression<SqlBool> {
  if (scope.length === 0) return sql<SqlBool>`1 = 0`;
  const parts = scope.map((a) => {
    const above = sql<SqlBool>`t.org_path in (${sql.join(ancestorPaths(a.path))})`;
    return a.includeSubtree
      ? sql<SqlBool>`(${above} or (t.org_path >= ${a.path} and t.org_path < ${subtreeEnd(a.path)}))`
      : above;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function templatesWithNames(db: Db) {
  return db
    .selectFrom('reportTemplates as t')
    .innerJoin('orgs as o', 'o.id', 't.orgId')
    .innerJoin('users as u', 'u.id', 't.updatedBy')
    .selectAll('t')
    .select(['o.name as orgName', 'u.name as updatedByName']);
}
export type TemplateWithNames = NonNullable<Awaited<ReturnType<typeof findTemplateById>>>;

export async function findTemplates(
  db: Db,
  visible: Expression<SqlBool>,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  let filtered = db.selectFrom('reportTemplates as t').where(visible);
  if (q) filtered = filtered.where('t.name', 'like', `%${q}%`);
  return pageOf(
    filtered,
    (qb) => templatesWithNames(db).where('t.id', 'in', qb.select('t.id')).orderBy('t.name').orderBy('t.id'),
    page,
    pageSize,
  );
}

export function findTemplateById(db: Db, id: number, visible: Expression<SqlBool>) {
  return templatesWithNames(db).where('t.id', '=', id).where(visible).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: Omit<ReportTemplateRow, 'id' | 'version' | 'provinceId'>) {
  return (await db.insertInto('reportTemplates').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateTemplateVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<ReportTemplateRow, 'id' | 'version' | 'provinceId'>>,
) {
  return updateVersioned(db, 'reportTemplates', id, version, patch);
}

export async function deleteTemplateVersioned(db: Db, id: number, version: number): Promise<boolean> {
  const r = await db
    .deleteFrom('reportTemplates')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// ---- drafts

function draftsWithNames(db: Db) {
  return db
    .selectFrom('reportDrafts as d')
    .innerJoin('orgs as o', 'o.id', 'd.orgId')
    .innerJoin('users as c', 'c.id', 'd.createdBy')
    .innerJoin('users as u', 'u.id', 'd.updatedBy')
    .selectAll('d')
    .select(['o.name as orgName', 'c.name as createdByName', 'u.name as updatedByName']);
}
export type DraftWithNames = NonNullable<Awaited<ReturnType<typeof findDraftById>>>;

export async function findDrafts(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  let filtered = db.selectFrom('reportDrafts as d').where(scopeWhere);
  if (q) filtered = filtered.where('d.title', 'like', `%${q}%`);
  return pageOf(
    filtered,
    (qb) =>
      draftsWithNames(db).where('d.id', 'in', qb.select('d.id')).orderBy('d.updatedAt', 'desc').orderBy('d.id', 'desc'),
    page,
    pageSize,
  );
}

export function findDraftById(db: Db, id: number) {
  return draftsWithNames(db).where('d.id', '=', id).executeTakeFirst();
}

export async function insertDraft(db: Db, row: Omit<ReportDraftRow, 'id' | 'version' | 'provinceId'>) {
  return (await db.insertInto('reportDrafts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateDraftVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<ReportDraftRow, 'id' | 'version' | 'provinceId'>>,
) {
  return updateVersioned(db, 'reportDrafts', id, version, patch);
}

export async function deleteDraftVersioned(db: Db, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('reportDrafts').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function rewriteReportPaths(db: Db, oldPath: string, newPath: string) {
  for (const table of ['reportTemplates', 'reportDrafts'] as const)
    await rewriteSubtreePaths(db, table, oldPath, newPath);
}
