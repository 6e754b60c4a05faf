// 软弱涣散党组织整顿: designation by the upper level, the org's plan and measures, submission, and acceptance or return
// by the upper level (never the org itself), every step an event row and an audit row.
import {
  AppError,
  isWeakOrgEditable,
  nextWeakOrgStatus,
  type TWeakOrgCreate,
  type TWeakOrgDecision,
  type TWeakOrgListQuery,
  type TWeakOrgUpdate,
  WEAK_ORG_STATUSES,
  WEAK_ORG_UPPER_LEVEL_ACTIONS,
  type WeakOrgAction,
  type WeakOrgStatus,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { hasPermission, isPathBelowScopeAnchor, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { toWeakOrgAuditSnapshot, toWeakOrgDto, toWeakOrgEventDto, type WeakOrgDto } from './weak-orgs.mapper.js';
import * as repo from './weak-orgs.repo.js';
import type { WeakOrgRow } from './weak-orgs.table.js';

const RECORD = '整顿记录';
const ENTITY = 'weak_org_rectification';

/** Designation, acceptance and return belong to a level above the org: ratings:write from an anchor above it. */
function requireUpperLevel(actor: Actor, orgPath: string, message: string) {
  if (!isPathBelowScopeAnchor(scopeOf(actor, 'ratings:write'), orgPath)) {
    throw new AppError('UPPER_LEVEL_REQUIRED', message);
  }
}

export async function listWeakOrgs(ctx: AppContext, actor: Actor, query: TWeakOrgListQuery) {
  let scope = scopeOf(actor, 'ratings:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, page, pageSize, sort, ...filter } = query;
  const counts = { total: 0, overdue: 0, ...Object.fromEntries(WEAK_ORG_STATUSES.map((s) => [s, 0])) } as Record<
    WeakOrgStatus | 'total' | 'overdue',
    number
  >;
  const empty: Page<WeakOrgDto> & { counts: typeof counts } = { items: [], total: 0, page, pageSize, counts };
  if (scope.length === 0) return empty;
  const asOf = today();
  const where = whereInScope(scope, 'w.orgPath');
  const [{ items, total }, byStatus] = await Promise.all([
    repo.findWeakOrgs(ctx.db, where, filter, sort, asOf, page, pageSize),
    repo.countWeakOrgs(ctx.db, where, filter.year, asOf),
  ]);
  for (const r of byStatus) {
    counts[r.status] = Number(r.n);
    counts.total += Number(r.n);
    counts.overdue += Number(r.overdue);
  }
  return { ...empty, items: items.map((r) => toWeakOrgDto(r, asOf)), total };
}

async function getRow(ctx: AppContext, actor: Actor, permission: 'ratings:read' | 'ratings:write', id: number) {
  const row = await repo.findWeakOrgById(ctx.db, id, whereInScope(scopeOf(actor, permission), 'w.orgPath'));
  if (!row) throw notFound(RECORD);
  return row;
}

/** The record, its history, and which actions this user may take on it now. */
export async function getWeakOrg(ctx: AppContext, actor: Actor, id: number) {
  const row = await getRow(ctx, actor, 'ratings:read', id);
  const write = hasPermission(actor, 'ratings:write') ? scopeOf(actor, 'ratings:write') : [];
  const canWrite = write.some((a) => (a.includeSubtree ? row.orgPath.startsWith(a.path) : a.path === row.orgPath));
  const upper = isPathBelowScopeAnchor(write, row.orgPath);
  return {
    ...toWeakOrgDto(row, today()),
    events: (await repo.findWeakOrgEvents(ctx.db, id)).map(toWeakOrgEventDto),
    can: {
      edit: canWrite && isWeakOrgEditable(row.status),
      submit: canWrite && isWeakOrgEditable(row.status),
      decide: upper && row.status === 'submitted',
    },
  };
}

async function writeEvent(
  trx: Db,
  actor: Actor,
  before: WeakOrgRow | null,
  after: WeakOrgRow,
  action: WeakOrgAction | 'create' | 'update',
  note: string | null,
) {
  await repo.insertWeakOrgEvent(trx, {
    rectificationId: after.id,
    action,
    fromStatus: before?.status ?? null,
    toStatus: after.status,
    note,
    userId: actor.userId,
    userName: actor.name,
    at: nowIso(),
  });
  await recordAudit(trx, actor, {
    action,
    entity: ENTITY,
    entityId: after.id,
    orgPath: after.orgPath,
    ...(before ? { before: toWeakOrgAuditSnapshot(before) } : {}),
    after: { ...toWeakOrgAuditSnapshot(after), ...(note ? { note } : {}) },
  });
}

const all = sql<boolean>`1 = 1`;

export async function createWeakOrg(ctx: AppContext, actor: Actor, input: TWeakOrgCreate) {
  const org = await getOrgInScope(ctx, actor, 'ratings:write', input.orgId);
  requireUpperLevel(actor, org.path, '软弱涣散党组织须由上级党组织认定');
  if (org.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销', { orgId: '该组织已撤销' });
  if (org.kind === 'group') {
    throw new AppError('BUSINESS_RULE', '党小组不列为软弱涣散党组织', { orgId: '党小组不列为软弱涣散党组织' });
  }
  if (await repo.findWeakOrgByOrgYear(ctx.db, org.id, input.year)) {
    const message = `${org.name}已列入${input.year}年度软弱涣散党组织`;
    throw new AppError('DUPLICATE', message, { year: message });
  }
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertWeakOrg(trx, {
      orgId: org.id,
      orgPath: org.path,
      year: input.year,
      reasons: JSON.stringify(input.reasons),
      reasonDetail: input.reasonDetail ?? null,
      plan: input.plan,
      leaderName: input.leaderName,
      leaderTitle: input.leaderTitle ?? null,
      measures: JSON.stringify(input.measures),
      deadline: input.deadline,
      status: 'rectifying',
      submittedAt: null,
      decidedAt: null,
      decidedByName: null,
      decisionNote: null,
      createdAt: now,
      updatedAt: now,
    });
    await writeEvent(trx, actor, null, (await repo.findWeakOrgById(trx, newId, all))!, 'create', null);
    return newId;
  });
  return getWeakOrg(ctx, actor, id);
}

export async function updateWeakOrg(ctx: AppContext, actor: Actor, id: number, patch: TWeakOrgUpdate) {
  await getRow(ctx, actor, 'ratings:read', id);
  const current = await getRow(ctx, actor, 'ratings:write', id);
  if (current.version !== patch.version) throw staleVersion(RECORD, toWeakOrgDto(current, today()));
  if (!isWeakOrgEditable(current.status)) {
    throw new AppError(
      'WEAK_ORG_WRONG_STATUS',
      `整顿记录已${current.status === 'accepted' ? '验收通过' : '提交验收'}，不能修改`,
    );
  }
  const { version, reasons, measures, ...fields } = patch;
  if ((reasons ?? []).includes('other') && !(fields.reasonDetail ?? current.reasonDetail)) {
    throw new AppError('VALIDATION_FAILED', '选择“其他”时请填写具体表现', {
      reasonDetail: '选择“其他”时请填写具体表现',
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateWeakOrgVersioned(trx, id, version, {
      ...fields,
      ...(reasons !== undefined ? { reasons: JSON.stringify(reasons) } : {}),
      ...(measures !== undefined ? { measures: JSON.stringify(measures) } : {}),
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(RECORD, toWeakOrgDto(current, today()));
    await writeEvent(trx, actor, current, (await repo.findWeakOrgById(trx, id, all))!, 'update', null);
  });
  return getWeakOrg(ctx, actor, id);
}

/** submit (the org's level or above), accept / return (a level above only, 退回 with its reason). */
export async function decideWeakOrg(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: WeakOrgAction,
  input: TWeakOrgDecision,
) {
  await getRow(ctx, actor, 'ratings:read', id);
  const current = await getRow(ctx, actor, 'ratings:write', id);
  if (WEAK_ORG_UPPER_LEVEL_ACTIONS.includes(action)) {
    requireUpperLevel(actor, current.orgPath, '整顿验收须由上级党组织进行，本级组织不能验收或退回本组织的整顿');
  }
  if (current.version !== input.version) throw staleVersion(RECORD, toWeakOrgDto(current, today()));
  const status = nextWeakOrgStatus(current.status, action);
  const note = input.note ?? null;
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateWeakOrgVersioned(trx, id, input.version, {
      status,
      updatedAt: now,
      ...(action === 'submit'
        ? { submittedAt: now }
        : { decidedAt: now, decidedByName: actor.name, decisionNote: note }),
    });
    if (!ok) throw staleVersion(RECORD, toWeakOrgDto(current, today()));
    await writeEvent(trx, actor, current, (await repo.findWeakOrgById(trx, id, all))!, action, note);
  });
  return getWeakOrg(ctx, actor, id);
}

export { findOverdueWeakOrgs, rewriteWeakOrgPaths } from './weak-orgs.repo.js';
