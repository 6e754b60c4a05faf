// 党组织: the tree, its records, moves and closes, warnings and stats for any subtree.
import {
  AGE_BANDS,
  type AgeBand,
  AppError,
  EDUCATIONS,
  type Education,
  GENDERS,
  type Gender,
  isInitialsQuery,
  MEMBER_STATUSES,
  type MemberStatus,
  OCCUPATIONS,
  type Occupation,
  ORG_KINDS,
  type OrgKind,
  orgWarnings,
  type Permission,
  pinyinInitials,
  type TOrgCreate,
  type TOrgUpdate,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import { dataGeneration } from '../../db/database.js';
import { type Actor, grantsKey } from '../../platform/actor.js';
import { rewriteAttachmentPaths } from '../../platform/attachments.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { applyCounterDeltas, deltasForChange, moveSubtreeCounters, readCounters } from '../../platform/counters.js';
import { notFound, staleVersion } from '../../platform/errors.js';
import { ReadCache } from '../../platform/read-cache.js';
import { isPathInScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { rewriteContactPaths } from '../contact-points/contact-points.repo.js';
import * as development from '../development/development.service.js';
import * as elections from '../elections/elections.service.js';
import { rewriteFormPaths } from '../forms/forms.service.js';
import { rewriteInspectionPaths } from '../inspections/inspections.service.js';
import { rewriteLifePaths } from '../life/life.service.js';
import * as members from '../members/members.service.js';
import { rewriteMobilePaths } from '../mobile/mobile.repo.js';
import * as projects from '../projects/projects.service.js';
import { rewriteMetricPhrasePaths } from '../reports/report-check.repo.js';
import { rewriteReportPaths } from '../reports/reports.repo.js';
import * as starRatings from '../star-ratings/star-ratings.service.js';
import * as tasks from '../tasks/tasks.service.js';
import * as units from '../units/units.service.js';
import * as weakOrgs from '../weak-orgs/weak-orgs.service.js';
import { orgCounters } from './orgs.counters.js';
import { committeeOf, type OrgCounts, toOrgAuditSnapshot, toOrgDto, toOrgNodeDto } from './orgs.mapper.js';
import * as repo from './orgs.repo.js';
import type { OrgRow } from './orgs.table.js';

const ORG = '组织';

/**
 * The 409 of a versioned write that lost a race shows the org as the other write left it (read after it committed),
 * so a user who retries on the version shown succeeds.
 */
async function staleOrg(trx: Db, read: OrgRow) {
  const now = await repo.findOrgByIdUnscoped(trx, read.id);
  return staleVersion(ORG, toOrgDto(now ?? read));
}

export async function getOrgInScope(
  ctx: AppContext,
  actor: Actor,
  permission: Permission,
  id: number,
): Promise<OrgRow> {
  const row = await repo.findOrgById(ctx.db, id, whereInScope(scopeOf(actor, permission), 'path'));
  if (!row) throw notFound(ORG);
  return row;
}

export async function findOrgForTransfer(ctx: AppContext, id: number) {
  const row = await repo.findOrgByIdUnscoped(ctx.db, id);
  return row && row.closedAt === null ? row : null;
}

/** Subtree member counts (all, and formal members) of some orgs, from their counters. */
async function memberCountsOf(ctx: AppContext, orgIds: number[]) {
  const out = new Map<number, { total: number; full: number }>(orgIds.map((id) => [id, { total: 0, full: 0 }]));
  for (const r of await readCounters(ctx.db, orgIds, 'member')) {
    const c = out.get(Number(r.orgId))!;
    if (r.dimension === 'member') c.total = Number(r.count);
    if (r.dimension === 'member.status' && r.value === 'full') c.full = Number(r.count);
  }
  return out;
}

export function warningsFor(row: OrgRow, counts: { total: number; full: number }) {
  return orgWarnings(
    {
      kind: row.kind,
      fullMembers: counts.full,
      totalMembers: counts.total,
      committeeSize: committeeOf(row).length,
      termStart: row.termStart,
      termYears: row.termYears,
      isBasicLevel: row.parentId !== null,
    },
    today(),
  );
}

async function toNodes(ctx: AppContext, rows: Array<OrgRow & { childCount: number }>) {
  const counts = await memberCountsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const c = counts.get(r.id)!;
    const nodeCounts: OrgCounts = { memberCount: c.total, fullMemberCount: c.full, childCount: Number(r.childCount) };
    return toOrgNodeDto(r, nodeCounts, r.closedAt === null ? warningsFor(r, c) : []);
  });
}

export async function getOrgDetail(ctx: AppContext, actor: Actor, id: number) {
  const row = await getOrgInScope(ctx, actor, 'orgs:read', id);
  const [node] = await toNodes(ctx, await repo.findOrgsWithChildCountByIds(ctx.db, [row.id]));
  const readScope = scopeOf(actor, 'orgs:read');
  const ancestorPaths = row.path
    .split('/')
    .filter(Boolean)
    .map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
  const breadcrumb = (await repo.findOrgsByPaths(ctx.db, ancestorPaths)).filter((o) =>
    isPathInScope(readScope, o.path),
  );
  return { ...node!, breadcrumb: breadcrumb.map((o) => ({ id: o.id, name: o.name })) };
}

export async function listChildren(ctx: AppContext, actor: Actor, id: number, includeClosed: boolean) {
  const parent = await getOrgInScope(ctx, actor, 'orgs:read', id);
  const scope = scopeOf(actor, 'orgs:read');
  const rows = (await repo.findChildren(ctx.db, parent.id, includeClosed)).filter((r) => isPathInScope(scope, r.path));
  return { items: await toNodes(ctx, rows) };
}

/** The tops of the tree this user may read: the anchors of the orgs:read scope. */
export async function listRoots(ctx: AppContext, actor: Actor) {
  const scope = scopeOf(actor, 'orgs:read');
  const ids = actor.grants.filter((g) => scope.some((a) => a.path === g.orgPath)).map((g) => g.orgId);
  const rows = await repo.findOrgsWithChildCountByIds(ctx.db, [...new Set(ids)]);
  return { items: await toNodes(ctx, rows) };
}

export async function searchOrgs(ctx: AppContext, actor: Actor, q: string, limit: number) {
  const rows = await repo.searchOrgs(
    ctx.db,
    whereInScope(scopeOf(actor, 'orgs:read'), 'path'),
    q,
    isInitialsQuery(q),
    limit,
  );
  return { items: rows };
}

/** Open orgs of the whole tree by name, for choosing where a member transfers to. */
export async function searchTransferTargets(ctx: AppContext, actor: Actor, q: string, limit: number) {
  scopeOf(actor, 'members:transfer');
  const rows = await repo.searchOrgs(
    ctx.db,
    whereInScope([{ path: '/', includeSubtree: true }], 'path'),
    q,
    isInitialsQuery(q),
    limit,
  );
  return { items: rows.filter((r) => r.closedAt === null).map(({ id, name, kind }) => ({ id, name, kind })) };
}

async function assertCodeFree(ctx: AppContext, code: string, exceptId: number | null) {
  const other = await repo.findOrgByCode(ctx.db, code);
  if (other && other.id !== exceptId)
    throw new AppError('ORG_CODE_DUPLICATE', '组织代码已被使用', { code: '组织代码已被使用' });
}

export async function createOrg(ctx: AppContext, actor: Actor, input: TOrgCreate) {
  const parent = await getOrgInScope(ctx, actor, 'orgs:write', input.parentId);
  if (parent.closedAt !== null)
    throw new AppError('ORG_CLOSED', '上级组织已撤销，不能在其下设立组织', { parentId: '上级组织已撤销' });
  if (parent.kind === 'group')
    throw new AppError('BUSINESS_RULE', '党小组下不能再设组织', { parentId: '党小组下不能再设组织' });
  await assertCodeFree(ctx, input.code, null);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertOrg(trx, {
      parentId: parent.id,
      path: `${parent.path}new-${now}/`,
      depth: parent.depth + 1,
      name: input.name,
      nameInitials: pinyinInitials(input.name),
      shortName: input.shortName ?? null,
      kind: input.kind,
      sector: input.sector,
      code: input.code,
      secretaryName: input.secretaryName ?? null,
      committee: JSON.stringify(input.committee ?? []),
      foundedOn: input.foundedOn ?? null,
      termStart: input.termStart ?? null,
      termYears: input.termYears ?? null,
      contactPhone: input.contactPhone ?? null,
      address: input.address ?? null,
      closedAt: null,
      closedReason: null,
      createdAt: now,
      updatedAt: now,
    });
    const path = `${parent.path}${newId}/`;
    await trx.updateTable('orgs').set({ path }).where('id', '=', newId).execute();
    const created = await repo.findOrgByIdUnscoped(trx, newId);
    await applyCounterDeltas(trx, deltasForChange(orgCounters, null, { orgPath: path, row: created! }, today()));
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'org',
      entityId: newId,
      orgPath: path,
      after: toOrgAuditSnapshot(created!),
    });
    return newId;
  });
  return getOrgDetail(ctx, actor, id);
}

export async function updateOrg(ctx: AppContext, actor: Actor, id: number, patch: TOrgUpdate) {
  await getOrgInScope(ctx, actor, 'orgs:read', id);
  const current = await getOrgInScope(ctx, actor, 'orgs:write', id);
  if (current.version !== patch.version) throw staleVersion(ORG, toOrgDto(current));
  if (current.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销，不能修改');
  if (patch.code !== undefined) await assertCodeFree(ctx, patch.code, id);
  await ctx.db.transaction().execute((trx) => writeOrgUpdate(trx, actor, current, patch));
  return getOrgDetail(ctx, actor, id);
}

/**
 * Writes an update of `current` (already checked: in scope, open, same version) with its counters and audit row, in
 * the caller's transaction; 换届 (modules/elections) starts a new term through it.
 */
export async function writeOrgUpdate(trx: Db, actor: Actor, current: OrgRow, patch: TOrgUpdate) {
  const id = current.id;
  const { version, committee, ...fields } = patch;
  const ok = await repo.updateOrgVersioned(trx, id, version, {
    ...fields,
    ...(fields.name !== undefined ? { nameInitials: pinyinInitials(fields.name) } : {}),
    ...(committee !== undefined ? { committee: JSON.stringify(committee) } : {}),
    updatedAt: nowIso(),
  });
  if (!ok) throw await staleOrg(trx, current);
  const after = await repo.findOrgByIdUnscoped(trx, id);
  await applyCounterDeltas(
    trx,
    deltasForChange(
      orgCounters,
      { orgPath: current.path, row: current },
      { orgPath: current.path, row: after! },
      today(),
    ),
  );
  await recordAudit(trx, actor, {
    action: 'update',
    entity: 'org',
    entityId: id,
    orgPath: current.path,
    before: toOrgAuditSnapshot(current),
    after: toOrgAuditSnapshot(after!),
  });
}

/** 撤销: never deleted; refused while open children or members remain (move them first). */
export async function closeOrg(ctx: AppContext, actor: Actor, id: number, input: { version: number; reason: string }) {
  await getOrgInScope(ctx, actor, 'orgs:read', id);
  const current = await getOrgInScope(ctx, actor, 'orgs:write', id);
  if (current.version !== input.version) throw staleVersion(ORG, toOrgDto(current));
  if (current.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销');
  if (current.parentId === null) throw new AppError('BUSINESS_RULE', '根组织不能撤销');
  const children = Number((await repo.countOpenChildren(ctx.db, id)).n);
  if (children > 0)
    throw new AppError('ORG_HAS_OPEN_CHILDREN', `该组织下还有${children}个未撤销的下级组织，请先调整或撤销`);
  const memberCount = await members.countDirectMembers(ctx.db, id);
  if (memberCount > 0) throw new AppError('ORG_HAS_MEMBERS', `该组织还有${memberCount}名党员，请先转接组织关系`);
  // Refused rather than unlinked: a unit left without its overseeing or covering org would silently drop out of the
  // ledger's oversight or into 应建未建; which org takes it over is the staff's decision, made on each unit first.
  const linked = await units.countUnitsOfOrg(ctx.db, id);
  if (linked.overseen + linked.covered > 0) {
    const what = [
      linked.overseen > 0 ? `管理${linked.overseen}个单位` : '',
      linked.covered > 0 ? `覆盖${linked.covered}个单位` : '',
    ].filter(Boolean);
    throw new AppError('ORG_HAS_UNITS', `该组织在单位台账中还${what.join('、')}，请先把这些单位调整到其他党组织`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateOrgVersioned(trx, id, input.version, {
      closedAt: nowIso(),
      closedReason: input.reason,
      updatedAt: nowIso(),
    });
    if (!ok) throw await staleOrg(trx, current);
    await applyCounterDeltas(trx, deltasForChange(orgCounters, { orgPath: current.path, row: current }, null, today()));
    await recordAudit(trx, actor, {
      action: 'close',
      entity: 'org',
      entityId: id,
      orgPath: current.path,
      before: { closedAt: null },
      after: { closedReason: input.reason },
    });
  });
  return getOrgDetail(ctx, actor, id);
}

/** 隶属关系调整: the subtree's paths (orgs, members, transfers) are rewritten in one transaction. */
export async function moveOrg(ctx: AppContext, actor: Actor, id: number, input: { parentId: number; version: number }) {
  await getOrgInScope(ctx, actor, 'orgs:read', id);
  const org = await getOrgInScope(ctx, actor, 'orgs:write', id);
  const newParent = await getOrgInScope(ctx, actor, 'orgs:write', input.parentId);
  if (org.version !== input.version) throw staleVersion(ORG, toOrgDto(org));
  if (org.parentId === null) throw new AppError('BUSINESS_RULE', '根组织不能调整隶属关系');
  if (newParent.path.startsWith(org.path)) {
    throw new AppError('ORG_MOVE_CYCLE', '不能把组织调整到它自己或它的下级组织之下', {
      parentId: '不能选择本组织或其下级组织',
    });
  }
  if (newParent.closedAt !== null)
    throw new AppError('ORG_CLOSED', '目标上级组织已撤销', { parentId: '目标上级组织已撤销' });
  if (newParent.kind === 'group')
    throw new AppError('BUSINESS_RULE', '党小组下不能再设组织', { parentId: '党小组下不能再设组织' });
  if (newParent.id === org.parentId) return getOrgDetail(ctx, actor, id);
  const newPath = `${newParent.path}${org.id}/`;
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateOrgVersioned(trx, id, input.version, { parentId: newParent.id, updatedAt: nowIso() });
    if (!ok) throw await staleOrg(trx, org);
    await moveSubtreeCounters(trx, org.id, org.path, newPath);
    await repo.rewriteOrgPaths(trx, org.path, newPath, newParent.depth + 1 - org.depth);
    await members.rewriteMemberPaths(trx, org.path, newPath);
    await units.rewriteUnitPaths(trx, org.path, newPath);
    await rewriteMobilePaths(trx, org.path, newPath);
    await tasks.rewriteTaskPaths(trx, org.path, newPath);
    await projects.rewriteProjectPaths(trx, org.path, newPath);
    await rewriteContactPaths(trx, org.path, newPath);
    await weakOrgs.rewriteWeakOrgPaths(trx, org.path, newPath);
    await elections.rewriteElectionPaths(trx, org.path, newPath);
    await starRatings.rewriteStarRatingPaths(trx, org.path, newPath);
    await development.rewriteDevelopmentPaths(trx, org.path, newPath);
    await rewriteAttachmentPaths(trx, org.path, newPath);
    await rewriteInspectionPaths(trx, org.path, newPath);
    await rewriteLifePaths(trx, org.path, newPath);
    await rewriteReportPaths(trx, org.path, newPath);
    await rewriteMetricPhrasePaths(trx, org.path, newPath);
    await rewriteFormPaths(trx, org.path, newPath);
    await recordAudit(trx, actor, {
      action: 'move',
      entity: 'org',
      entityId: id,
      orgPath: newPath,
      before: { parentId: org.parentId, path: org.path },
      after: { parentId: newParent.id, path: newPath },
    });
  });
  return getOrgDetail(ctx, actor, id);
}

// ---- stats for a subtree

type Dist<K extends string> = Record<K, number>;
const zeros = <K extends string>(keys: readonly K[]): Dist<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Dist<K>;

function emptyStats() {
  return {
    members: {
      total: 0,
      byStatus: zeros(MEMBER_STATUSES),
      byGender: zeros(GENDERS),
      byEducation: zeros(EDUCATIONS),
      byAgeBand: zeros(AGE_BANDS),
      byOccupation: zeros(OCCUPATIONS),
    },
    orgs: { total: 0, byKind: zeros(ORG_KINDS) },
  };
}
type Stats = ReturnType<typeof emptyStats>;

const STATS_DIMENSIONS = [
  'member',
  'member.status',
  'member.gender',
  'member.education',
  'member.ageBand',
  'member.occupation',
  'org',
  'org.kind',
] as const;

function addCounter(s: Stats, dimension: string, value: string, n: number) {
  const m = s.members;
  if (dimension === 'member') m.total += n;
  else if (dimension === 'member.status') m.byStatus[value as MemberStatus] += n;
  else if (dimension === 'member.gender') m.byGender[value as Gender] += n;
  else if (dimension === 'member.education') m.byEducation[value as Education] += n;
  else if (dimension === 'member.ageBand') m.byAgeBand[value as AgeBand] += n;
  else if (dimension === 'member.occupation') m.byOccupation[value as Occupation] += n;
  else if (dimension === 'org') s.orgs.total += n;
  else if (dimension === 'org.kind') s.orgs.byKind[value as OrgKind] += n;
}

/**
 * Members by status, gender, education, age band, occupation and orgs by kind, for the org and each child. Read
 * from subtree counters when the user may read every member below the org (the usual case); a user whose grants
 * cover only part of it gets the same figures counted over that part.
 */
export async function getOrgStats(ctx: AppContext, actor: Actor, id: number) {
  const org = await getOrgInScope(ctx, actor, 'orgs:read', id);
  scopeOf(actor, 'stats:read');
  const readScope = scopeOf(actor, 'members:read');
  const orgScope = scopeOf(actor, 'orgs:read');
  const children = (await repo.findOpenChildrenBrief(ctx.db, org.id)).filter((c) => isPathInScope(orgScope, c.path));
  const total = emptyStats();
  const perChild = new Map<number, Stats>(children.map((c) => [c.id, emptyStats()]));
  const wholeSubtree = readScope.some((a) => a.includeSubtree && org.path.startsWith(a.path));
  if (wholeSubtree) {
    for (const r of await readCounters(ctx.db, [org.id, ...children.map((c) => c.id)], STATS_DIMENSIONS)) {
      const target = Number(r.orgId) === org.id ? total : perChild.get(Number(r.orgId));
      if (target) addCounter(target, r.dimension, r.value, Number(r.count));
    }
  } else {
    const targets = (path: string) => [
      total,
      ...children.filter((c) => path.startsWith(c.path)).map((c) => perChild.get(c.id)!),
    ];
    for (const r of await members.countByDimensions(ctx.db, org.path, today())) {
      if (!isPathInScope(readScope, r.orgPath)) continue;
      for (const s of targets(r.orgPath)) {
        const n = Number(r.n);
        addCounter(s, 'member', 'all', n);
        addCounter(s, 'member.status', r.status, n);
        addCounter(s, 'member.gender', r.gender, n);
        addCounter(s, 'member.education', r.education, n);
        addCounter(s, 'member.ageBand', r.ageBand, n);
        addCounter(s, 'member.occupation', r.occupation, n);
      }
    }
    for (const o of await repo.findSubtreeOrgsForRules(ctx.db, org.path)) {
      if (!isPathInScope(orgScope, o.path)) continue;
      for (const s of targets(o.path)) {
        addCounter(s, 'org', 'all', 1);
        addCounter(s, 'org.kind', o.kind, 1);
      }
    }
  }
  return {
    orgId: org.id,
    name: org.name,
    asOf: today(),
    source: wholeSubtree ? 'counters' : 'records',
    ...total,
    children: children.map((c) => ({ orgId: c.id, name: c.name, kind: c.kind, ...perChild.get(c.id)! })),
  };
}

/**
 * The stats answer as JSON bytes, kept per (org, the actor's grants) until this process commits a write or
 * STATS_CACHE_MS pass (the bound for other processes' writes; platform/read-cache.ts). The grants decide every scope
 * check and filter above, so equal grants get an equal answer. The day is not in the key: an answer of the evening
 * lives at most STATS_CACHE_MS into the next day, and the counters' age bands change only with the nightly rebuild,
 * whose writes drop it anyway.
 */
export const STATS_CACHE_MS = 5_000;
const statsCache = new ReadCache<Buffer>(STATS_CACHE_MS, 2_000);

export async function getOrgStatsJson(ctx: AppContext, actor: Actor, id: number): Promise<Buffer> {
  const key = `${id}|${grantsKey(actor)}`;
  const kept = statsCache.get(ctx.db, key);
  if (kept) return kept;
  const generation = dataGeneration();
  const json = Buffer.from(JSON.stringify(await getOrgStats(ctx, actor, id)));
  statsCache.set(ctx.db, key, json, generation);
  return json;
}
