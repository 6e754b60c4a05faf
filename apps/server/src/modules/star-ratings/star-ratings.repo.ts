import type { TStarRatingListQuery } from '@grassroots/domain';
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import { updateVersioned } from '../../platform/versioned.js';
import type { NewStarRatingRow, StarRatingRow, StarRatingScorecardTable } from './star-ratings.table.js';

/** The scorecards set on any of these orgs (an org's ancestors), with the owner's name and depth. */
export function findScorecardsOf(db: Db, orgIds: number[]) {
  return db
    .selectFrom('starRatingScorecards as s')
    .innerJoin('orgs as o', 'o.id', 's.orgId')
    .selectAll('s')
    .select(['o.name as orgName', 'o.depth'])
    .where('s.orgId', 'in', orgIds)
    .orderBy('o.depth', 'desc')
    .execute();
}

export async function insertScorecard(db: Db, row: Omit<StarRatingScorecardTable, 'id' | 'version'>) {
  await db.insertInto('starRatingScorecards').values(row).execute();
}

export async function updateScorecardVersioned(
  db: Db,
  orgId: number,
  version: number,
  patch: Pick<StarRatingScorecardTable, 'items' | 'thresholds' | 'updatedByName' | 'updatedAt'>,
) {
  const r = await db
    .updateTable('starRatingScorecards')
    .set({ ...patch, version: version + 1 })
    .where('orgId', '=', orgId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

type ListFilter = Pick<TStarRatingListQuery, 'year' | 'stars' | 'q'>;
const SORT_COLUMNS = { total: 'r.total', org: 'r.orgPath' } as const;

function listQuery(db: Db, scopeWhere: Expression<SqlBool>, f: ListFilter) {
  let qb = db
    .selectFrom('starRatings as r')
    .innerJoin('orgs as o', 'o.id', 'r.orgId')
    .where(scopeWhere)
    .where('r.year', '=', f.year);
  if (f.stars !== undefined) qb = qb.where('r.stars', '=', f.stars);
  if (f.q) qb = qb.where('o.name', 'like', `%${f.q}%`);
  return qb;
}

export async function findStarRatings(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: ListFilter,
  sort: TStarRatingListQuery['sort'],
  page: number,
  pageSize: number,
) {
  const desc = sort.startsWith('-');
  const column = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
  return pageOf(
    listQuery(db, scopeWhere, f),
    (qb) =>
      qb
        .selectAll('r')
        .select('o.name as orgName')
        .orderBy(column, desc ? 'desc' : 'asc')
        .orderBy('r.orgPath'),
    page,
    pageSize,
  );
}

/** Ratings by stars for a year in the scope (the name filter applies, the stars filter does not). */
export function countByStars(db: Db, scopeWhere: Expression<SqlBool>, f: ListFilter) {
  return listQuery(db, scopeWhere, { ...f, stars: undefined })
    .select(['r.stars', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('r.stars')
    .execute();
}

export function findStarRatingById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db
    .selectFrom('starRatings as r')
    .innerJoin('orgs as o', 'o.id', 'r.orgId')
    .selectAll('r')
    .select('o.name as orgName')
    .where('r.id', '=', id)
    .where(scopeWhere)
    .executeTakeFirst();
}

export function findStarRatingByOrgYear(db: Db, orgId: number, year: number) {
  return db
    .selectFrom('starRatings')
    .select('id')
    .where('orgId', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertStarRating(db: Db, row: NewStarRatingRow): Promise<number> {
  return (await db.insertInto('starRatings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateStarRatingVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Pick<StarRatingRow, 'scores' | 'total' | 'stars' | 'note' | 'ratedByName' | 'updatedAt'>,
) {
  return updateVersioned(db, 'starRatings', id, version, patch);
}

/** Moves ratings' paths along with an org subtree that moved. */
export async function rewriteStarRatingPaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'starRatings', oldPath, newPath);
}
