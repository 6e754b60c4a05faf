import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../platform/paging.js';

export interface AuditFilter {
  userId?: number | undefined;
  entity?: string | undefined;
  entityId?: number | undefined;
  action?: string | undefined;
  /** ISO timestamps, inclusive from, exclusive to. */
  fromAt?: string | undefined;
  toAt?: string | undefined;
}

export async function findAuditRows(
  db: Db,
  scopeWhere: Expression<SqlBool>,
  f: AuditFilter,
  page: number,
  pageSize: number,
) {
  let qb = db.selectFrom('auditLog').where(scopeWhere);
  if (f.userId !== undefined) qb = qb.where('userId', '=', f.userId);
  if (f.entity) qb = qb.where('entity', '=', f.entity);
  if (f.entityId !== undefined) qb = qb.where('entityId', '=', f.entityId);
  if (f.action) qb = qb.where('action', '=', f.action);
  if (f.fromAt) qb = qb.where('at', '>=', f.fromAt);
  if (f.toAt) qb = qb.where('at', '<', f.toAt);
  return pageOf(qb, (q) => q.selectAll().orderBy('id', 'desc'), page, pageSize);
}

/** A batch of the chain in id order, for verification. */
export function findAuditChainBatch(db: Db, afterId: number, limit: number) {
  return db.selectFrom('auditLog').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
