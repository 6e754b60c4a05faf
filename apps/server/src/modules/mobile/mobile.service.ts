// 流动党员: a member away from the branch (where, since when, who to call, the receiving station), the contact log,
// the 失联 flag and the return. The member's 流动党员 / 失联党员 flags (and their counters) follow the record.
import {
  AppError,
  type FieldErrors,
  type TMobileContactCreate,
  type TMobileCreate,
  type TMobileListQuery,
  type TMobileReturn,
  type TMobileUpdate,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getMemberRow, updateMemberInTransaction } from '../members/members.service.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { type MobileDto, toContactDto, toMobileAuditSnapshot, toMobileDto } from './mobile.mapper.js';
import * as repo from './mobile.repo.js';
import type { MobileMemberRow } from './mobile.table.js';

const MOBILE = '流动党员记录';

export async function listMobileMembers(
  ctx: AppContext,
  actor: Actor,
  query: TMobileListQuery,
): Promise<Page<MobileDto>> {
  let scope = scopeOf(actor, 'members:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, ...q } = query;
  if (scope.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const asOf = today();
  const { items, total } = await repo.findMobileMembers(ctx.db, whereInScope(scope, 'mm.orgPath'), q, asOf);
  return { items: items.map((r) => toMobileDto(r, asOf)), total, page: q.page, pageSize: q.pageSize };
}

/** Same rule as members: outside the reading scope 404, readable but not writable 403, the member left 422. */
async function getMobileRow(ctx: AppContext, actor: Actor, permission: 'members:read' | 'members:write', id: number) {
  const actScope = scopeOf(actor, permission);
  const row = await repo.findMobileMemberById(ctx.db, id, whereInScope(scopeOf(actor, 'members:read'), 'mm.orgPath'));
  if (!row) throw notFound(MOBILE);
  if (!isPathInScope(actScope, row.orgPath)) throw forbidden('您没有修改该流动党员记录的权限');
  if (permission === 'members:write') {
    if (row.memberLeftOn !== null) {
      throw new AppError('MEMBER_LEFT', `该党员已于${row.memberLeftOn}转出系统外，记录仅供查阅`);
    }
    if (row.returnedOn !== null) {
      throw new AppError('MOBILE_RETURNED', `该党员已于${row.returnedOn}返回，流动记录已结束`);
    }
  }
  return row;
}

export async function getMobileMember(ctx: AppContext, actor: Actor, id: number): Promise<MobileDto> {
  return toMobileDto(await getMobileRow(ctx, actor, 'members:read', id), today());
}

export async function listContacts(ctx: AppContext, actor: Actor, id: number, page: number, pageSize: number) {
  await getMobileRow(ctx, actor, 'members:read', id);
  const { items, total } = await repo.findContacts(ctx.db, id, page, pageSize);
  return { items: items.map(toContactDto), total, page, pageSize };
}

function dateErrors(
  field: string,
  label: string,
  date: string | undefined,
  notBefore?: { date: string; label: string },
) {
  const errors: FieldErrors = {};
  if (date === undefined) return errors;
  if (date > today()) errors[field] = `${label}不能晚于今天`;
  else if (notBefore && date < notBefore.date)
    errors[field] = `${label}不能早于${notBefore.label}（${notBefore.date}）`;
  return errors;
}

/**
 * The member's 流动党员 / 失联党员 flags as the record says: set while it is active, cleared on return. Changed
 * only when they differ (an audited member edit with its counter deltas).
 */
async function syncMemberFlags(
  trx: Db,
  actor: Actor,
  record: Pick<MobileMemberRow, 'memberId' | 'returnedOn' | 'lostContact'>,
) {
  const active = record.returnedOn === null;
  const flags = { isMobile: active ? 1 : 0, isLostContact: active ? record.lostContact : 0 };
  const member = await repo.findMemberFlags(trx, record.memberId);
  if (member.isMobile === flags.isMobile && member.isLostContact === flags.isLostContact) return;
  await updateMemberInTransaction(trx, actor, record.memberId, flags);
}

type MobileRowWithNames = NonNullable<Awaited<ReturnType<typeof repo.findMobileMemberById>>>;

/** A versioned change of a record in the caller's transaction: audit with before / after, member flags in step. */
async function writeMobileChange(
  trx: Db,
  actor: Actor,
  current: MobileRowWithNames,
  version: number,
  action: string,
  patch: repo.MobilePatch,
  details: Record<string, unknown> = {},
) {
  const ok = await repo.updateMobileMemberVersioned(trx, current.id, version, { ...patch, updatedAt: nowIso() });
  if (!ok) throw staleVersion(MOBILE, toMobileDto(current, today()));
  const after = (await repo.findMobileMemberById(trx, current.id, sql<boolean>`1 = 1`))!;
  await recordAudit(trx, actor, {
    action,
    entity: 'mobile_member',
    entityId: current.id,
    orgPath: current.orgPath,
    before: toMobileAuditSnapshot(current),
    after: { ...toMobileAuditSnapshot(after), ...details },
  });
  await syncMemberFlags(trx, actor, after);
}

export async function createMobileMember(ctx: AppContext, actor: Actor, input: TMobileCreate): Promise<MobileDto> {
  const member = await getMemberRow(ctx, actor, 'members:write', input.memberId);
  const errors = dateErrors('since', '外出日期', input.since);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  if (await repo.findActiveMobileOfMember(ctx.db, member.id)) {
    throw new AppError('MOBILE_ALREADY_ACTIVE', '该党员已登记为流动党员且尚未返回', {
      memberId: '该党员已登记为流动党员且尚未返回',
    });
  }
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertMobileMember(trx, {
      memberId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      destinationRegion: input.destinationRegion,
      workplace: input.workplace ?? null,
      since: input.since,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      station: input.station ?? null,
      note: input.note ?? null,
      lastContactOn: null,
      lostContact: 0,
      returnedOn: null,
      createdAt: now,
      updatedAt: now,
    });
    const created = (await repo.findMobileMemberById(trx, newId, sql<boolean>`1 = 1`))!;
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'mobile_member',
      entityId: newId,
      orgPath: member.orgPath,
      after: toMobileAuditSnapshot(created),
    });
    await syncMemberFlags(trx, actor, created);
    return newId;
  });
  return getMobileMember(ctx, actor, id);
}

export async function updateMobileMember(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: TMobileUpdate,
): Promise<MobileDto> {
  const current = await getMobileRow(ctx, actor, 'members:write', id);
  if (current.version !== input.version) throw staleVersion(MOBILE, toMobileDto(current, today()));
  const { version, lostContact, ...fields } = input;
  const errors = dateErrors('since', '外出日期', fields.since);
  if (
    !errors.since &&
    fields.since !== undefined &&
    current.lastContactOn !== null &&
    fields.since > current.lastContactOn
  ) {
    errors.since = `外出日期不能晚于最近联系日期（${current.lastContactOn}）`;
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  await ctx.db.transaction().execute((trx) =>
    writeMobileChange(trx, actor, current, version, 'update', {
      ...fields,
      ...(lostContact !== undefined ? { lostContact: lostContact ? 1 : 0 } : {}),
    }),
  );
  return getMobileMember(ctx, actor, id);
}

/** A contact logged: the last contact moves forward (never back), and having reached the member clears 失联. */
export async function logContact(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: TMobileContactCreate,
): Promise<MobileDto> {
  const current = await getMobileRow(ctx, actor, 'members:write', id);
  if (current.version !== input.version) throw staleVersion(MOBILE, toMobileDto(current, today()));
  const errors = dateErrors('contactedOn', '联系日期', input.contactedOn, { date: current.since, label: '外出日期' });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const last =
    current.lastContactOn !== null && current.lastContactOn > input.contactedOn
      ? current.lastContactOn
      : input.contactedOn;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertContact(trx, {
      mobileMemberId: id,
      contactedOn: input.contactedOn,
      method: input.method,
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await writeMobileChange(
      trx,
      actor,
      current,
      input.version,
      'contact',
      { lastContactOn: last, lostContact: 0 },
      { contact: { contactedOn: input.contactedOn, method: input.method, note: input.note ?? null } },
    );
  });
  return getMobileMember(ctx, actor, id);
}

/** 返回: the record ends; the member is no longer counted as 流动党员 (nor 失联). */
export async function markReturned(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: TMobileReturn,
): Promise<MobileDto> {
  const current = await getMobileRow(ctx, actor, 'members:write', id);
  if (current.version !== input.version) throw staleVersion(MOBILE, toMobileDto(current, today()));
  const errors = dateErrors('returnedOn', '返回日期', input.returnedOn, { date: current.since, label: '外出日期' });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  await ctx.db.transaction().execute((trx) =>
    writeMobileChange(trx, actor, current, input.version, 'return', {
      returnedOn: input.returnedOn,
      ...(input.note ? { note: input.note } : {}),
    }),
  );
  return getMobileMember(ctx, actor, id);
}
