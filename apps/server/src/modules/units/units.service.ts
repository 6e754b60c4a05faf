// 单位台账: units that should have a party org, and the 应建未建 list of those with ≥ 3 formal members and none.
import { AppError, pinyinInitials, type TUnitCreate, type TUnitListQuery, type TUnitUpdate } from '@grassroots/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { toUnitAuditSnapshot, toUnitDto, type UnitDto } from './units.mapper.js';
import * as repo from './units.repo.js';

const UNIT = '单位';

export async function listUnits(ctx: AppContext, actor: Actor, query: TUnitListQuery): Promise<Page<UnitDto>> {
  let scope = scopeOf(actor, 'orgs:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, page, pageSize, ...filter } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findUnits(ctx.db, whereInScope(scope, 'u.orgPath'), filter, page, pageSize);
  return { items: items.map(toUnitDto), total, page, pageSize };
}

async function getUnitRow(ctx: AppContext, actor: Actor, permission: 'orgs:read' | 'orgs:write', id: number) {
  const row = await repo.findUnitById(ctx.db, id, whereInScope(scopeOf(actor, permission), 'u.orgPath'));
  if (!row) throw notFound(UNIT);
  return row;
}

export async function getUnit(ctx: AppContext, actor: Actor, id: number): Promise<UnitDto> {
  return toUnitDto(await getUnitRow(ctx, actor, 'orgs:read', id));
}

/** The covering org must be one the user can see; a closed org covers nothing. */
async function checkCoveringOrg(ctx: AppContext, actor: Actor, coveringOrgId: number | null | undefined) {
  if (coveringOrgId === null || coveringOrgId === undefined) return;
  const org = await getOrgInScope(ctx, actor, 'orgs:read', coveringOrgId).catch(() => null);
  if (!org || org.closedAt !== null) {
    throw new AppError('VALIDATION_FAILED', '覆盖的党组织不存在、已撤销或不在您的管辖范围内', {
      coveringOrgId: '覆盖的党组织不存在、已撤销或不在您的管辖范围内',
    });
  }
}

export async function createUnit(ctx: AppContext, actor: Actor, input: TUnitCreate): Promise<UnitDto> {
  const org = await getOrgInScope(ctx, actor, 'orgs:write', input.orgId);
  await checkCoveringOrg(ctx, actor, input.coveringOrgId);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertUnit(trx, {
      orgId: org.id,
      orgPath: org.path,
      name: input.name,
      nameInitials: pinyinInitials(input.name),
      unitType: input.unitType,
      fullMembers: input.fullMembers,
      employees: input.employees ?? null,
      coveringOrgId: input.coveringOrgId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    const created = await repo.findUnitById(trx, newId, sql<boolean>`1 = 1`);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'unit',
      entityId: newId,
      orgPath: org.path,
      after: toUnitAuditSnapshot(created!),
    });
    return newId;
  });
  return getUnit(ctx, actor, id);
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: number, patch: TUnitUpdate): Promise<UnitDto> {
  await getUnitRow(ctx, actor, 'orgs:read', id);
  const current = await getUnitRow(ctx, actor, 'orgs:write', id);
  if (current.version !== patch.version) throw staleVersion(UNIT, toUnitDto(current));
  await checkCoveringOrg(ctx, actor, patch.coveringOrgId);
  const { version, orgId, ...fields } = patch;
  // Handed to another overseeing org: one the user may write, still open.
  let overseer: { orgId: number; orgPath: string } | null = null;
  if (orgId !== undefined && orgId !== current.orgId) {
    const to = await getOrgInScope(ctx, actor, 'orgs:write', orgId);
    if (to.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销', { orgId: '该组织已撤销，不能管理单位' });
    overseer = { orgId: to.id, orgPath: to.path };
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateUnitVersioned(trx, id, version, {
      ...fields,
      ...overseer,
      ...(fields.name !== undefined ? { nameInitials: pinyinInitials(fields.name) } : {}),
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(UNIT, toUnitDto(current));
    const after = await repo.findUnitById(trx, id, sql<boolean>`1 = 1`);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'unit',
      entityId: id,
      orgPath: current.orgPath,
      before: toUnitAuditSnapshot(current),
      after: toUnitAuditSnapshot(after!),
    });
  });
  return getUnit(ctx, actor, id);
}

export { countUnitsOfOrg, findOrgGaps, rewriteUnitPaths } from './units.repo.js';
