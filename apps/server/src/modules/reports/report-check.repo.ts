// The phrase dictionary users extend (metric_phrases): SQL only. A phrase of an org applies to its subtree, so the
// phrases of a report on org P are those whose org path is a prefix of P's.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';
import { rewriteSubtreePaths } from '../../platform/scope.js';
import type { MetricPhraseTable } from './report-check.table.js';

type NewMetricPhrase = Omit<MetricPhraseTable, 'id' | 'provinceId'>;

/** The phrase's org is the org at `path` or one above it. */
const appliesAt = (path: string) => sql<SqlBool>`substr(${path}, 1, length(p.org_path)) = p.org_path`;

export interface PhraseFilter {
  /** Phrases of orgs in a scope… */
  scopeWhere?: Expression<SqlBool>;
  /** …or those that apply in reports of the org at this path. */
  appliesAtPath?: string;
  metricKey?: string;
  q?: string;
}

export function listPhrases(db: Db, f: PhraseFilter, page: number, pageSize: number) {
  let qb = db.selectFrom('metricPhrases as p');
  if (f.scopeWhere) qb = qb.where(f.scopeWhere);
  if (f.appliesAtPath !== undefined) qb = qb.where(appliesAt(f.appliesAtPath));
  if (f.metricKey) qb = qb.where('p.metricKey', '=', f.metricKey);
  if (f.q) qb = qb.where('p.phrase', 'like', `%${f.q}%`);
  return pageOf(
    qb,
    (filtered) =>
      filtered
        .innerJoin('orgs as o', 'o.id', 'p.orgId')
        .innerJoin('users as u', 'u.id', 'p.createdBy')
        .select([
          'p.id',
          'p.phrase',
          'p.metricKey',
          'p.orgId',
          'o.name as orgName',
          'p.createdBy',
          'u.name as createdByName',
          'p.createdAt',
        ])
        .orderBy('p.phrase')
        .orderBy('p.id'),
    page,
    pageSize,
  );
}

/** Every phrase that applies in reports of the org at `path` (a report check reads them all: a few hundred at most). */
export function findPhrasesApplyingAt(db: Db, path: string) {
  return db
    .selectFrom('metricPhrases as p')
    .select(['p.phrase', 'p.metricKey'])
    .where(appliesAt(path))
    .orderBy('p.orgPath')
    .orderBy('p.id')
    .execute();
}

export function findPhraseById(db: Db, id: number, scopeWhere: Expression<SqlBool>) {
  return db.selectFrom('metricPhrases as p').selectAll('p').where('p.id', '=', id).where(scopeWhere).executeTakeFirst();
}

export function findSamePhrase(db: Db, orgId: number, phrase: string, metricKey: string) {
  return db
    .selectFrom('metricPhrases')
    .select('id')
    .where('orgId', '=', orgId)
    .where('phrase', '=', phrase)
    .where('metricKey', '=', metricKey)
    .executeTakeFirst();
}

export async function insertPhrase(db: Db, row: NewMetricPhrase): Promise<number> {
  return (await db.insertInto('metricPhrases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deletePhrase(db: Db, id: number): Promise<void> {
  await db.deleteFrom('metricPhrases').where('id', '=', id).execute();
}

/** Moves phrases' org paths along with an org subtree that moved. */
export async function rewriteMetricPhrasePaths(db: Db, oldPath: string, newPath: string) {
  await rewriteSubtreePaths(db, 'metricPhrases', oldPath, newPath);
}
