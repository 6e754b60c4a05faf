import type { TFormListQuery } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { StatFormRow } from './forms.table.js';

/** A form's columns without the template's bytes, with the owner's name and whether a template is stored. */
function formsWithOrg(db: Db) {
  return db
    .selectFrom('statForms as f')
    .innerJoin('orgs as o', 'o.id', 'f.orgId')
    .select([
      'f.id',
      'f.orgId',
      'f.orgPath',
      'f.name',
      'f.definition',
      'f.version',
      'f.createdBy',
      'f.createdAt',
      'f.updatedBy',
      'f.updatedAt',
      'f.archivedAt',
      'o.name as orgName',
      sql<number>`case when f.template is null then 0 else 1 end`.as('hasTemplate'),
    ]);
}
export type FormWithOrg = NonNullable<Awaited<ReturnType<typeof findFormById>>>;

const SORT_COLUMNS = { name: 'f.name', updatedAt: 'f.updatedAt' } as const;

export function findForms(
  db: Db,
  visible: Expression<SqlBool>,
  f: Pick<TFormListQuery, 'q' | 'archived'>,
  forOrg: Expression<SqlBool> | null,
  sort: TFormListQuery['sort'],
  page: number,
  pageSize: number,
) {
  let qb = db.selectFrom('statForms as f').where(visible);
  if (forOrg) qb = qb.where(forOrg);
  qb = f.archived === 'true' ? qb.where('f.archivedAt', 'is not', null) : qb.where('f.archivedAt', 'is', null);
  if (f.q) qb = qb.where('f.name', 'like', `%${f.q}%`);
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  const dir = desc ? 'desc' : 'asc';
  return pageOf(
    qb,
    (ids) => formsWithOrg(db).where('f.id', 'in', ids.select('f.id')).orderBy(column, dir).orderBy('f.id', dir),
    page,
    pageSize,
  );
}

export function findFormById(db: Db, id: number) {
  return formsWithOrg(db).where('f.id', '=', id).executeTakeFirst();
}

export async function findTemplate(db: Db, id: number): Promise<Buffer | null> {
  const row = await db.selectFrom('statForms').select('template').where('id', '=', id).executeTakeFirst();
  return row?.template ? Buffer.from(row.template) : null;
}

export async function insertForm(db: Db, row: Omit<StatFormRow, 'id' | 'version' | 'provinceId'>) {
  return Number((await db.insertInto('statForms').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export function updateFormVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<Omit<StatFormRow, 'id' | 'version' | 'provinceId'>>,
) {
  return updateVersioned(db, 'statForms', id, version, patch);
}

/** Moves forms' owner paths along with an org subtree that moved. */
export async function rewriteFormPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'statForms', oldPath, newPath);
}
