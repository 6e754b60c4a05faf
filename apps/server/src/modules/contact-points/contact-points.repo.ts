import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { ContactLinkRow, ContactVisitRow, NewContactProblemRow } from './contact-points.table.js';

export const yearStart = (year: number) => `${year}-01-01`;
export const yearEnd = (year: number) => `${year}-12-31`;

// ---- links

function linksWithOrg(db: Db) {
  return db
    .selectFrom('contactLinks as k')
    .innerJoin('orgs as o', 'o.id', 'k.orgId')
    .selectAll('k')
    .select([
      'o.name as orgName',
      (eb) =>
        eb
          .selectFrom('contactVisits as v')
          .select(sql<number>`count(*)`.as('c'))
          .whereRef('v.linkId', '=', 'k.id')
          .as('visits'),
    ]);
}
export type LinkWithOrg = NonNullable<Awaited<ReturnType<typeof findLinkById>>>;

export function findLinks(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { year?: number | undefined; q?: string | undefined },
  page: number,
  pageSize: number,
) {
  let qb = db.selectFrom('contactLinks as k').where(scopeWhere);
  if (f.year !== undefined) {
    const from = yearStart(f.year);
    qb = qb
      .where('k.validFrom', '<=', yearEnd(f.year))
      .where((eb) => eb.or([eb('k.validTo', 'is', null), eb('k.validTo', '>=', from)]));
  }
  if (f.q) {
    const like = `%${f.q}%`;
    qb = qb.where((eb) => eb.or([eb('k.leaderName', 'like', like), eb('k.leaderPosition', 'like', like)]));
  }
  return pageOf(
    qb,
    (ids) => linksWithOrg(db).where('k.id', 'in', ids.select('k.id')).orderBy('k.orgPath').orderBy('k.id'),
    page,
    pageSize,
  );
}

export function findLinkById(db: Db, id: number) {
  return linksWithOrg(db).where('k.id', '=', id).executeTakeFirst();
}

export async function insertLink(db: Db, row: Omit<ContactLinkRow, 'id' | 'version'>) {
  return (await db.insertInto('contactLinks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateLinkVersioned(db: Db, id: number, version: number, patch: Partial<ContactLinkRow>) {
  return updateVersioned(db, 'contactLinks', id, version, patch);
}

/** The first and last visit dates of a link (a new validity period must still cover them). */
export function visitSpan(db: Db, linkId: number) {
  return db
    .selectFrom('contactVisits')
    .select((eb) => [eb.fn.min<string>('visitedOn').as('first'), eb.fn.max<string>('visitedOn').as('last')])
    .where('linkId', '=', linkId)
    .executeTakeFirstOrThrow();
}

// ---- visits and their problems

function visitsWithNames(db: Db) {
  return db
    .selectFrom('contactVisits as v')
    .innerJoin('contactLinks as k', 'k.id', 'v.linkId')
    .innerJoin('orgs as o', 'o.id', 'v.orgId')
    .selectAll('v')
    .select([
      'o.name as orgName',
      'k.leaderName',
      'k.leaderPosition',
      'k.validFrom as linkValidFrom',
      'k.validTo as linkValidTo',
    ]);
}
export type VisitWithNames = NonNullable<Awaited<ReturnType<typeof findVisitById>>>;

export function findVisits(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: { linkId?: number | undefined; year?: number | undefined },
  page: number,
  pageSize: number,
) {
  let qb = db.selectFrom('contactVisits as v').where(scopeWhere);
  if (f.linkId !== undefined) qb = qb.where('v.linkId', '=', f.linkId);
  if (f.year !== undefined) {
    qb = qb.where('v.visitedOn', '>=', yearStart(f.year)).where('v.visitedOn', '<=', yearEnd(f.year));
  }
  return pageOf(
    qb,
    (ids) =>
      visitsWithNames(db)
        .where('v.id', 'in', ids.select('v.id'))
        .orderBy('v.visitedOn', 'desc')
        .orderBy('v.id', 'desc'),
    page,
    pageSize,
  );
}

export function findVisitById(db: Db, id: number) {
  return visitsWithNames(db).where('v.id', '=', id).executeTakeFirst();
}

export function findProblems(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contactProblems')
    .selectAll()
    .where('visitId', 'in', visitIds)
    .orderBy('visitId')
    .orderBy('seq')
    .execute();
}

export async function insertVisit(db: Db, row: Omit<ContactVisitRow, 'id' | 'version'>) {
  return (await db.insertInto('contactVisits').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateVisitVersioned(db: Db, id: number, version: number, patch: Partial<ContactVisitRow>) {
  return updateVersioned(db, 'contactVisits', id, version, patch);
}

export async function replaceProblems(
  db: Db,
  visitId: number,
  rows: ReadonlyArray<Omit<NewContactProblemRow, 'visitId' | 'seq'>>,
) {
  await db.deleteFrom('contactProblems').where('visitId', '=', visitId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('contactProblems')
      .values(rows.map((r, i) => ({ ...r, visitId, seq: i + 1 })))
      .execute();
  }
}

// ---- figures: one statement

/**
 * The year's figures of a subtree: visits made that year, the problems raised at them and how many of those are
 * solved, and the orgs covered by a link in force at some day of the year.
 */
export function contactFigures(db: Db, visitScope: Expression<SqlBool>, linkScope: Expression<SqlBool>, year: number) {
  const from = yearStart(year);
  const to = yearEnd(year);
  return db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('contactVisits as v')
        .where(visitScope)
        .where('v.visitedOn', '>=', from)
        .where('v.visitedOn', '<=', to)
        .select(sql<number>`count(*)`.as('c'))
        .as('visits'),
      eb
        .selectFrom('contactProblems as p')
        .innerJoin('contactVisits as v', 'v.id', 'p.visitId')
        .where(visitScope)
        .where('v.visitedOn', '>=', from)
        .where('v.visitedOn', '<=', to)
        .select(sql<number>`count(*)`.as('c'))
        .as('raised'),
      eb
        .selectFrom('contactProblems as p')
        .innerJoin('contactVisits as v', 'v.id', 'p.visitId')
        .where(visitScope)
        .where('v.visitedOn', '>=', from)
        .where('v.visitedOn', '<=', to)
        .where('p.solvedOn', 'is not', null)
        .select(sql<number>`count(*)`.as('c'))
        .as('solved'),
      eb
        .selectFrom('contactLinks as k')
        .where(linkScope)
        .where('k.validFrom', '<=', to)
        .where((w) => w.or([w('k.validTo', 'is', null), w('k.validTo', '>=', from)]))
        .select(sql<number>`count(distinct k.org_id)`.as('c'))
        .as('orgsCovered'),
      eb
        .selectFrom('contactLinks as k')
        .where(linkScope)
        .where('k.validFrom', '<=', to)
        .where((w) => w.or([w('k.validTo', 'is', null), w('k.validTo', '>=', from)]))
        .select(sql<number>`count(distinct k.leader_name)`.as('c'))
        .as('leaders'),
    ])
    .executeTakeFirstOrThrow();
}

/** Moves links' and visits' paths along with an org subtree that moved. */
export async function rewriteContactPaths(db: Db, oldPath: string, newPath: string) {
  for (const table of ['contactLinks', 'contactVisits'] as const)
    await rewriteSubtreePaths(db, table, oldPath, newPath);
}
