// 审计日志: reading and verifying the hash chain. Writing is platform/audit.ts, inside each change's transaction.
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { AUDIT_GENESIS_HASH, auditHash } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { scopeOf, whereInScope } from '../../platform/scope.js';
import * as repo from './audit.repo.js';
import type { AuditLogRow } from './audit.table.js';

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function toAuditDto(row: AuditLogRow) {
  const { prevHash, hash, before, after, ...rest } = row;
  return { ...rest, before: parseJson(before), after: parseJson(after), hash };
}

const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86400_000).toISOString();

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  q: {
    userId?: number | undefined;
    entity?: string | undefined;
    entityId?: number | undefined;
    action?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const scope = scopeOf(actor, 'audit:read');
  // Rows that belong to no org (logins, users) are for those who audit a whole tree from its root.
  const seesUnscoped = scope.some((a) => a.includeSubtree && a.path.split('/').filter(Boolean).length === 1);
  const where = seesUnscoped
    ? sql<boolean>`(${whereInScope(scope, 'orgPath')} or org_path is null)`
    : whereInScope(scope, 'orgPath');
  const { items, total } = await repo.findAuditRows(
    ctx.db,
    where,
    {
      userId: q.userId,
      entity: q.entity,
      entityId: q.entityId,
      action: q.action,
      fromAt: q.from ? new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString() : undefined,
      toAt: q.to ? addDay(q.to) : undefined,
    },
    q.page,
    q.pageSize,
  );
  return { items: items.map(toAuditDto), total, page: q.page, pageSize: q.pageSize };
}

/** The history of one record, for its detail page; the caller has checked the record is readable. */
export async function listEntityHistory(
  ctx: AppContext,
  entity: string,
  entityId: number,
  page: number,
  pageSize: number,
) {
  const { items, total } = await repo.findAuditRows(ctx.db, sql<boolean>`1 = 1`, { entity, entityId }, page, pageSize);
  return { items: items.map(toAuditDto), total, page, pageSize };
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: number;
}

/** Recomputes every row's hash from its content and its predecessor's hash; names the first row that disagrees. */
export async function verifyChain(ctx: AppContext): Promise<ChainVerification> {
  let prevHash = AUDIT_GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await repo.findAuditChainBatch(ctx.db, lastId, 5000);
    for (const r of rows) {
      checked++;
      if (r.prevHash !== prevHash || auditHash(prevHash, r) !== r.hash)
        return { ok: false, checked, firstBrokenId: r.id };
      prevHash = r.hash;
      lastId = r.id;
    }
    if (rows.length < 5000) return { ok: true, checked };
  }
}

export async function verifyChainFor(ctx: AppContext, actor: Actor) {
  scopeOf(actor, 'audit:read');
  return verifyChain(ctx);
}
