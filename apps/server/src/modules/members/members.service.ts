// 党员: list, detail, create, edit, PII reveal, transfers between orgs of the tree.
import {
  AppError,
  type FieldErrors,
  memberRecordErrors,
  parseIdNumber,
  pinyinInitials,
  type TMemberCreate,
  type TMemberListQuery,
  type TMemberUpdate,
  type TransferKind,
  type TransferState,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { applyCounterDeltas, deltasForChange, readCounters } from '../../platform/counters.js';
import { forbidden, notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { listEntityHistory } from '../audit/audit.service.js';
import { moveMobileRecordsOfMember } from '../mobile/mobile.repo.js';
import { findOrgForTransfer, getOrgInScope } from '../orgs/orgs.service.js';
import { memberCounters } from './members.counters.js';
import {
  flagColumnsOf,
  internalTransferRow,
  type MemberDto,
  toMemberAuditSnapshot,
  toMemberDto,
  toTransferDto,
} from './members.mapper.js';
import * as repo from './members.repo.js';
import type { MemberRow, MemberRowUpdate } from './members.table.js';

const MEMBER = '党员';

const COUNTED_FILTERS = {
  status: 'member.status',
  gender: 'member.gender',
  ethnicity: 'member.ethnicity',
  education: 'member.education',
  occupation: 'member.occupation',
  ageBand: 'member.ageBand',
  flag: 'member.flag',
} as const;

/** Above this many members a name-ordered page reads the name index and filters by path (DESIGN.md "Data"). */
export const NAME_FIRST_THRESHOLD = 50_000;

function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string | number; id: number } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof value === 'string' || typeof value === 'number') && Number.isSafeInteger(id))
      return { value, id: id as number };
  } catch {
    // falls through to the refusal below
  }
  throw validationFailed({ cursor: '翻页标记无效，请从第一页重新查询' });
}

/**
 * Paged, filtered, sorted in SQL. Deep pages use keyset paging (`cursor` from the previous page's `nextCursor`);
 * the total comes from the subtree counters when the filter is one counted dimension (or none).
 */
export async function listMembers(
  ctx: AppContext,
  actor: Actor,
  query: TMemberListQuery,
): Promise<Page<MemberDto> & { nextCursor: string | null }> {
  let scope = scopeOf(actor, 'members:read');
  let subtreeOrgId: number | null = null;
  if (query.orgId !== undefined) {
    const org = await getOrgInScope(ctx, actor, 'orgs:read', query.orgId);
    scope = narrowScope(scope, org.path);
    if (scope.length === 1 && scope[0]!.includeSubtree && scope[0]!.path === org.path) subtreeOrgId = org.id;
  } else if (scope.length === 1 && scope[0]!.includeSubtree) {
    subtreeOrgId = actor.grants.find((g) => g.orgPath === scope[0]!.path)?.orgId ?? null;
  }
  const { orgId, page, pageSize, sort, cursor, ...filter } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize, nextCursor: null };

  let knownTotal: number | null = null;
  let subtreeSize: number | null = null;
  if (subtreeOrgId !== null) {
    const counters = await readCounters(ctx.db, [subtreeOrgId], 'member');
    const count = (dimension: string, value: string) =>
      Number(counters.find((c) => c.dimension === dimension && c.value === value)?.count ?? 0);
    subtreeSize = count('member', 'all');
    const used = Object.entries(filter).filter(([, v]) => v !== undefined);
    if (used.length === 0) knownTotal = subtreeSize;
    else if (used.length === 1 && used[0]![0] in COUNTED_FILTERS) {
      knownTotal = count(COUNTED_FILTERS[used[0]![0] as keyof typeof COUNTED_FILTERS], String(used[0]![1]));
    }
  }
  const nameFirst = (sort === 'name' || sort === '-name') && !filter.q && (subtreeSize ?? 0) > NAME_FIRST_THRESHOLD;
  const { items, total, sortKey } = await repo.findMembers(
    ctx.db,
    whereInScope(scope, 'm.orgPath', { useIndex: !nameFirst }),
    filter,
    today(),
    { sort, page, pageSize, after: cursor ? decodeCursor(cursor) : null, knownTotal },
  );
  const last = items.at(-1);
  const nextCursor = last && items.length === pageSize ? encodeCursor(last[sortKey], last.id) : null;
  return { items: items.map(toMemberDto), total, page, pageSize, nextCursor };
}

/** Ad-hoc rollup of a combined filter (女 ∧ 大专以上 ∧ 35岁以下 …) over a subtree, grouped by one dimension. */
export async function rollupMembers(
  ctx: AppContext,
  actor: Actor,
  query: Omit<TMemberListQuery, 'page' | 'pageSize' | 'sort' | 'cursor'> & { groupBy: repo.RollupDimension },
) {
  scopeOf(actor, 'stats:read');
  let scope = scopeOf(actor, 'members:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, groupBy, ...filter } = query;
  if (scope.length === 0) return { total: 0, groups: [] };
  const rows = await repo.rollupMembers(ctx.db, whereInScope(scope, 'm.orgPath'), filter, groupBy, today());
  const groups = rows.map((r) => ({ value: String(r.value), n: Number(r.n) })).sort((a, b) => b.n - a.n);
  return { total: groups.reduce((a, g) => a + g.n, 0), groups };
}

/**
 * One lookup in the reading scope (outside it: 404, like a missing id); a member the user may read but not act on
 * in the asked way answers 403; a member transferred out of the platform is history, read-only (422).
 */
export async function getMemberRow(
  ctx: AppContext,
  actor: Actor,
  permission: 'members:read' | 'members:write' | 'members:transfer' | 'pii:reveal',
  id: number,
) {
  const actScope = scopeOf(actor, permission);
  const row = await repo.findMemberById(ctx.db, id, whereInScope(scopeOf(actor, 'members:read'), 'm.orgPath'));
  if (!row) throw notFound(MEMBER);
  if (!isPathInScope(actScope, row.orgPath)) throw forbidden('您没有对该党员执行此操作的权限');
  if (row.leftOn !== null && (permission === 'members:write' || permission === 'members:transfer')) {
    throw new AppError('MEMBER_LEFT', `该党员已于${row.leftOn}转出系统外，记录仅供查阅`);
  }
  return row;
}

export async function getMember(ctx: AppContext, actor: Actor, id: number): Promise<MemberDto> {
  return toMemberDto(await getMemberRow(ctx, actor, 'members:read', id));
}

export async function revealMemberPii(ctx: AppContext, actor: Actor, id: number) {
  const row = await getMemberRow(ctx, actor, 'pii:reveal', id);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'reveal',
      entity: 'member',
      entityId: id,
      orgPath: row.orgPath,
      after: { fields: ['idNumber', 'phone'] },
    }),
  );
  return { idNumber: row.idNumber, phone: row.phone };
}

function ruleErrors(
  record: Pick<MemberRow, 'idNumber' | 'birthDate' | 'gender' | 'joinedOn' | 'fullOn' | 'status'>,
): FieldErrors {
  return memberRecordErrors(record, today());
}

export async function assertIdNumberFree(ctx: AppContext, idNumber: string, exceptId: number | null) {
  const other = await repo.findMemberByIdNumber(ctx.db, idNumber);
  if (other && other.id !== exceptId) {
    throw new AppError('MEMBER_ID_NUMBER_DUPLICATE', '该身份证号码已登记为党员', {
      idNumber: '该身份证号码已登记为党员',
    });
  }
}

/**
 * Inserts a checked record (ID number normalised and free) in the caller's transaction, with its counters and audit:
 * createMember, and the admission of a 预备党员 in 发展党员.
 */
export async function insertMemberInTransaction(
  trx: Db,
  actor: Actor,
  org: { id: number; path: string },
  input: Omit<TMemberCreate, 'orgId' | 'fullOn'> & { fullOn: string | null },
): Promise<number> {
  const now = nowIso();
  const newId = await repo.insertMember(trx, {
    orgId: org.id,
    orgPath: org.path,
    name: input.name,
    nameInitials: pinyinInitials(input.name, { personName: true }),
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    idNumber: input.idNumber,
    education: input.education,
    occupation: input.occupation,
    joinedOn: input.joinedOn,
    fullOn: input.fullOn,
    status: input.status,
    phone: input.phone ?? null,
    address: input.address ?? null,
    ...flagColumnsOf(input.flags ?? []),
    pendingTransferId: null,
    createdAt: now,
    updatedAt: now,
  });
  const created = await repo.findMemberById(trx, newId, sql`1 = 1`);
  await applyCounterDeltas(trx, deltasForChange(memberCounters, null, { orgPath: org.path, row: created! }, today()));
  await recordAudit(trx, actor, {
    action: 'create',
    entity: 'member',
    entityId: newId,
    orgPath: org.path,
    after: toMemberAuditSnapshot(created!),
  });
  return newId;
}

export async function createMember(ctx: AppContext, actor: Actor, input: TMemberCreate): Promise<MemberDto> {
  scopeOf(actor, 'members:write');
  const org = await getOrgInScope(ctx, actor, 'members:write', input.orgId);
  if (org.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销，不能添加党员', { orgId: '该组织已撤销' });
  const idNumber = input.idNumber.trim().toUpperCase();
  const record = { ...input, idNumber, fullOn: input.fullOn ?? null };
  const errors = ruleErrors(record);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  await assertIdNumberFree(ctx, idNumber, null);
  const id = await ctx.db.transaction().execute((trx) => insertMemberInTransaction(trx, actor, org, record));
  return getMember(ctx, actor, id);
}

export async function updateMember(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: TMemberUpdate,
): Promise<MemberDto> {
  const current = await getMemberRow(ctx, actor, 'members:write', id);
  if (current.version !== patch.version) throw staleVersion(MEMBER, toMemberDto(current));
  const { version, flags, ...fields } = patch;
  const idNumber = fields.idNumber !== undefined ? fields.idNumber.trim().toUpperCase() : current.idNumber;
  const merged = {
    ...current,
    ...fields,
    idNumber,
    fullOn: fields.fullOn === undefined ? current.fullOn : fields.fullOn,
  };
  const errors = ruleErrors(merged);
  // An unchanged ID number that no longer passes (legacy data) must not block an edit of the phone.
  if (idNumber === current.idNumber && errors.idNumber && !parseIdNumber(current.idNumber).ok) delete errors.idNumber;
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  if (idNumber !== current.idNumber) await assertIdNumberFree(ctx, idNumber, id);
  const updated = await ctx.db.transaction().execute((trx) =>
    writeMemberUpdate(trx, actor, current, version, {
      ...fields,
      idNumber,
      fullOn: merged.fullOn,
      ...(fields.name !== undefined ? { nameInitials: pinyinInitials(fields.name, { personName: true }) } : {}),
      ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
      ...(fields.address !== undefined ? { address: fields.address } : {}),
      ...(flags !== undefined ? flagColumnsOf(flags) : {}),
    }),
  );
  return toMemberDto(updated);
}

/** A versioned update in the caller's transaction, with its counter deltas and audit row. */
async function writeMemberUpdate(
  trx: Db,
  actor: Actor,
  current: MemberRow & { orgName: string },
  version: number,
  patch: MemberRowUpdate,
) {
  const written = await repo.updateMemberVersioned(trx, current.id, version, { ...patch, updatedAt: nowIso() });
  if (!written) {
    // The 409 shows the row as the other edit left it (read now, after it committed), not as read before the race:
    // a user who retries on the version shown then succeeds.
    const now = await repo.findMemberById(trx, current.id, sql`1 = 1`);
    throw staleVersion(MEMBER, toMemberDto(now ?? current));
  }
  // The org is not changed here (transfers move members), so its name is the one read before.
  const after = { ...written, orgName: current.orgName };
  await applyCounterDeltas(
    trx,
    deltasForChange(
      memberCounters,
      { orgPath: current.orgPath, row: current },
      { orgPath: current.orgPath, row: after },
      today(),
    ),
  );
  await recordAudit(trx, actor, {
    action: 'update',
    entity: 'member',
    entityId: current.id,
    orgPath: current.orgPath,
    before: toMemberAuditSnapshot(current),
    after: toMemberAuditSnapshot(after),
  });
  return after;
}

/** Another module's change to a member (the 流动党员 flags) in the caller's transaction, with counters and audit. */
export async function updateMemberInTransaction(trx: Db, actor: Actor, id: number, patch: MemberRowUpdate) {
  const current = await repo.findMemberById(trx, id, sql`1 = 1`);
  if (!current) throw notFound(MEMBER);
  return writeMemberUpdate(trx, actor, current, current.version, patch);
}

export async function getMemberHistory(ctx: AppContext, actor: Actor, id: number, page: number, pageSize: number) {
  await getMemberRow(ctx, actor, 'members:read', id);
  return listEntityHistory(ctx, 'member', id, page, pageSize);
}

// ---- transfers

/** The transfers of one member, newest first (for its detail page). */
export async function listMemberTransfers(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  page: number,
  pageSize: number,
) {
  await getMemberRow(ctx, actor, 'members:read', memberId);
  const { items, total } = await repo.findTransfers(
    ctx.db,
    {
      internal: sql<boolean>`t.member_id = ${memberId}`,
      externalOut: sql<boolean>`e.member_id = ${memberId}`,
      externalIn: sql<boolean>`e.member_id = ${memberId}`,
    },
    undefined,
    page,
    pageSize,
  );
  return { items: items.map(toTransferDto), total, page, pageSize };
}

export async function requestTransfer(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  input: { toOrgId: number; reason?: string | null | undefined; letterNo?: string | null | undefined; version: number },
) {
  const member = await getMemberRow(ctx, actor, 'members:transfer', memberId);
  if (member.version !== input.version) throw staleVersion(MEMBER, toMemberDto(member));
  if (member.pendingTransferId !== null) {
    throw new AppError('MEMBER_TRANSFER_PENDING', '该党员已有未完成的组织关系转接，请先处理');
  }
  const target = await getTransferTarget(ctx, input.toOrgId);
  if (target.id === member.orgId) {
    throw new AppError('MEMBER_TRANSFER_SAME_ORG', '转入组织与当前所在组织相同', { toOrgId: '请选择其他组织' });
  }
  const transferId = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertTransfer(trx, {
      memberId,
      fromOrgId: member.orgId,
      toOrgId: target.id,
      fromPath: member.orgPath,
      toPath: target.path,
      reason: input.reason ?? null,
      letterNo: input.letterNo ?? null,
      requestedBy: actor.userId,
      requestedAt: nowIso(),
    });
    const ok = await repo.updateMemberVersioned(trx, memberId, input.version, {
      pendingTransferId: id,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(MEMBER, toMemberDto(member));
    await recordAudit(trx, actor, {
      action: 'transfer_request',
      entity: 'member',
      entityId: memberId,
      orgPath: member.orgPath,
      after: { transferId: id, fromOrgId: member.orgId, toOrgId: target.id, toOrgName: target.name },
    });
    return id;
  });
  return getTransfer(ctx, actor, transferId);
}

/** The receiving org of a transfer: any open org of the tree (the sender need not administer it). */
async function getTransferTarget(ctx: AppContext, orgId: number) {
  const org = await findOrgForTransfer(ctx, orgId);
  if (!org) throw new AppError('VALIDATION_FAILED', '转入组织不存在或已撤销', { toOrgId: '转入组织不存在或已撤销' });
  return org;
}

async function getTransferRow(ctx: AppContext, actor: Actor, id: number) {
  const t = await repo.findTransferById(ctx.db, id);
  const scope = scopeOf(actor, 'members:read');
  if (!t || !(isPathInScope(scope, t.fromPath) || isPathInScope(scope, t.toPath))) throw notFound('转接记录');
  return t;
}

export async function getTransfer(ctx: AppContext, actor: Actor, id: number) {
  return toTransferDto(internalTransferRow(await getTransferRow(ctx, actor, id)));
}

export async function listTransfers(
  ctx: AppContext,
  actor: Actor,
  q: {
    orgId?: number | undefined;
    direction: 'in' | 'out';
    state?: TransferState | undefined;
    kind?: TransferKind | undefined;
    page: number;
    pageSize: number;
  },
) {
  let scope = scopeOf(actor, 'members:read');
  if (q.orgId !== undefined) scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', q.orgId)).path);
  if (scope.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  // Incoming: 系统内 to the subtree and 从系统外转入; outgoing: 系统内 from it and 转出系统外.
  const shown = (kind: TransferKind) => q.kind === undefined || q.kind === kind;
  const branches = {
    internal: shown('internal') ? whereInScope(scope, q.direction === 'in' ? 't.toPath' : 't.fromPath') : null,
    externalOut: q.direction === 'out' && shown('external_out') ? whereInScope(scope, 'e.orgPath') : null,
    externalIn: q.direction === 'in' && shown('external_in') ? whereInScope(scope, 'e.orgPath') : null,
  };
  const { items, total } = await repo.findTransfers(ctx.db, branches, q.state, q.page, q.pageSize);
  return { items: items.map(toTransferDto), total, page: q.page, pageSize: q.pageSize };
}

/** accept / reject by the receiving side; cancel by the sending side. */
export async function decideTransfer(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: 'accept' | 'reject' | 'cancel',
  reason: string | null,
) {
  const t = await getTransferRow(ctx, actor, id);
  const side = decision === 'cancel' ? t.fromPath : t.toPath;
  if (!isPathInScope(scopeOf(actor, 'members:transfer'), side)) {
    throw new AppError(
      'FORBIDDEN',
      decision === 'cancel' ? '只有转出组织可以撤销转接' : '只有转入组织可以接收或退回转接',
    );
  }
  if (t.state !== 'pending') throw new AppError('TRANSFER_NOT_PENDING', '该转接已处理，不能重复操作');
  const state: TransferState = decision === 'accept' ? 'completed' : decision === 'reject' ? 'rejected' : 'cancelled';
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (!(await repo.updateTransferState(trx, id, state, actor.userId, now, reason))) {
      throw new AppError('TRANSFER_NOT_PENDING', '该转接已处理，不能重复操作');
    }
    const member = await repo.findMemberById(trx, t.memberId, sql`1 = 1`);
    if (!member) throw notFound(MEMBER);
    const patch =
      decision === 'accept'
        ? { pendingTransferId: null, orgId: t.toOrgId, orgPath: t.toPath, updatedAt: now }
        : { pendingTransferId: null, updatedAt: now };
    await repo.updateMemberVersioned(trx, member.id, member.version, patch);
    if (decision === 'accept') {
      await applyCounterDeltas(
        trx,
        deltasForChange(
          memberCounters,
          { orgPath: member.orgPath, row: member },
          { orgPath: t.toPath, row: member },
          today(),
        ),
      );
      // The member's 流动党员 records go with the member to the receiving org.
      await moveMobileRecordsOfMember(trx, member.id, t.toOrgId, t.toPath);
    }
    await recordAudit(trx, actor, {
      action: `transfer_${decision}`,
      entity: 'member',
      entityId: member.id,
      orgPath: decision === 'accept' ? t.toPath : t.fromPath,
      before: { orgId: t.fromOrgId, transferId: id },
      after: { orgId: decision === 'accept' ? t.toOrgId : t.fromOrgId, transferId: id, state, reason },
    });
  });
  return getTransfer(ctx, actor, id);
}

// ---- counts used by the org tree and dashboards

export { countByDimensions, countByOrgPath, countDirectMembers, rewriteMemberPaths } from './members.repo.js';
