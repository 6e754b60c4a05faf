// 预警: one list of everything due or overdue in an org's subtree, gathered from every module's warning source,
// filtered by the actor's scope for each source's permission, counted by kind, sorted by due date, paged.
import { WARNING_KINDS, WARNING_LABELS, type WarningItem, type WarningKind } from '@grassroots/domain';
import { dataGeneration } from '../../db/database.js';
import { type Actor, grantsKey } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { fileDate, styleHeaderRow, type WorkbookStream } from '../../platform/excel.js';
import { ReadCache } from '../../platform/read-cache.js';
import { hasPermission, isPathInScope, scopeOf } from '../../platform/scope.js';
import type { SourcedWarning } from '../../platform/warnings.js';
import { findOrgsByPaths } from '../orgs/orgs.repo.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { WARNING_SOURCES } from './warning-sources.js';

// Overdue first (oldest due date first), then the rest by due date, undated last; within a date by org then subject.
function byDueDate(a: SourcedWarning, b: SourcedWarning): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  if (a.orgPath !== b.orgPath) return a.orgPath < b.orgPath ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
}

/**
 * The gathered list is kept per (org, the actor's grants, day) until this process commits a write or
 * WARNINGS_CACHE_MS pass (platform/read-cache.ts): the layout badge and the page ask for the same list, and a county's
 * list reads every module's records. Other processes' writes show within the TTL.
 */
const WARNINGS_CACHE_MS = 30_000;
const warningsCache = new ReadCache<{ all: SourcedWarning[]; counts: Record<WarningKind, number> }>(
  WARNINGS_CACHE_MS,
  500,
);

/** Every warning the actor may see in the subtree, sorted, with counts by kind. */
async function gatherWarnings(ctx: AppContext, actor: Actor, orgId: number) {
  const org = await getOrgInScope(ctx, actor, 'orgs:read', orgId);
  const asOf = today();
  const key = `${org.id}|${grantsKey(actor)}|${asOf}`;
  const kept = warningsCache.get(ctx.db, key);
  if (kept) return { org, asOf, ...kept };
  const generation = dataGeneration();
  const all: SourcedWarning[] = [];
  for (const source of WARNING_SOURCES) {
    if (!hasPermission(actor, source.permission)) continue;
    const scope = scopeOf(actor, source.permission);
    for (const w of await source.list(ctx.db, { id: org.id, path: org.path }, asOf)) {
      if (isPathInScope(scope, w.orgPath)) all.push(w);
    }
  }
  all.sort(byDueDate);
  const counts = Object.fromEntries(WARNING_KINDS.map((k) => [k, 0])) as Record<WarningKind, number>;
  for (const w of all) counts[w.kind]++;
  warningsCache.set(ctx.db, key, { all, counts }, generation);
  return { org, asOf, all, counts };
}

async function withOrgNames(ctx: AppContext, items: SourcedWarning[]): Promise<WarningItem[]> {
  const names = new Map(
    (await findOrgsByPaths(ctx.db, [...new Set(items.map((w) => w.orgPath))])).map((o) => [o.id, o.name]),
  );
  return items.map(({ orgPath: _path, ...w }) => ({ ...w, orgName: names.get(w.orgId) ?? '' }));
}

export async function listWarnings(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  q: { kind?: WarningKind | undefined; page: number; pageSize: number },
) {
  const { all, counts, asOf } = await gatherWarnings(ctx, actor, orgId);
  const filtered = q.kind ? all.filter((w) => w.kind === q.kind) : all;
  const start = (q.page - 1) * q.pageSize;
  return {
    counts,
    items: await withOrgNames(ctx, filtered.slice(start, start + q.pageSize)),
    total: filtered.length,
    page: q.page,
    pageSize: q.pageSize,
    asOf,
  };
}

const EXPORT_BATCH = 500;

/** The list as .xlsx with the same filter; checked before the reply starts, audited when it ends. */
export async function prepareWarningExport(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  q: { kind?: WarningKind | undefined },
) {
  const { org, all, asOf } = await gatherWarnings(ctx, actor, orgId);
  const filtered = q.kind ? all.filter((w) => w.kind === q.kind) : all;
  const fileName = `预警清单-${org.name}-${fileDate()}.xlsx`;
  const produce = async (out: WorkbookStream) => {
    const ws = out.workbook.addWorksheet('预警清单', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '类别', width: 20 },
      { header: '组织', width: 36 },
      { header: '对象', width: 30 },
      { header: '说明', width: 60 },
      { header: '到期日期', width: 14 },
    ];
    styleHeaderRow(ws.getRow(1));
    ws.getRow(1).commit();
    for (let i = 0; i < filtered.length && !out.aborted; i += EXPORT_BATCH) {
      for (const w of await withOrgNames(ctx, filtered.slice(i, i + EXPORT_BATCH))) {
        ws.addRow([WARNING_LABELS[w.kind], w.orgName, w.subject, w.message, w.dueDate ?? '']).commit();
      }
      await out.drain(ws);
    }
    ws.addRow([]).commit();
    ws.addRow([`统计日期：${asOf}`]).commit();
  };
  const audit = async (completed: boolean) => {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, actor, {
        action: 'export',
        entity: 'warning',
        entityId: org.id,
        orgPath: org.path,
        after: { rows: filtered.length, kind: q.kind ?? null, completed },
      }),
    );
  };
  return { fileName, produce, audit };
}
