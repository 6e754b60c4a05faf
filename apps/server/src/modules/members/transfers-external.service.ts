// 组织关系转出系统外 and 从系统外转入: done on the introduction letter (介绍信), final when recorded. Out: the member
// leaves every count and list and its record stays readable as history. In: the member record is created in the
// receiving org, or, for someone who once left the platform, that same record comes back.
import {
  AppError,
  type FieldErrors,
  memberRecordErrors,
  pinyinInitials,
  type TMemberCreate,
  type TTransferIn,
  type TTransferOut,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { applyCounterDeltas, deltasForChange } from '../../platform/counters.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import { scopeOf } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { memberCounters } from './members.counters.js';
import { flagColumnsOf, toMemberAuditSnapshot, toMemberDto, toTransferDto } from './members.mapper.js';
import * as repo from './members.repo.js';
import { getMember, getMemberRow, insertMemberInTransaction } from './members.service.js';
import type { MemberRow } from './members.table.js';
import { insertExternalTransfer } from './transfers-external.repo.js';

const MEMBER = '党员';

function transferDateErrors(transferDate: string, joinedOn: string): FieldErrors {
  if (transferDate > today()) return { transferDate: '转接日期不能晚于今天' };
  if (transferDate < joinedOn) return { transferDate: '转接日期不能早于入党时间' };
  return {};
}

async function getExternalTransfer(db: Db, kind: 'out' | 'in', id: number) {
  const where = sql<boolean>`e.id = ${id}`;
  const { items } = await repo.findTransfers(
    db,
    { internal: null, externalOut: kind === 'out' ? where : null, externalIn: kind === 'in' ? where : null },
    undefined,
    1,
    1,
  );
  if (!items[0]) throw notFound('转接记录');
  return toTransferDto(items[0]);
}

/** The member leaves the platform on `transferDate`: out of its org's counts at once, its row kept as history. */
export async function transferOut(ctx: AppContext, actor: Actor, memberId: number, input: TTransferOut) {
  const member = await getMemberRow(ctx, actor, 'members:transfer', memberId);
  if (member.version !== input.version) throw staleVersion(MEMBER, toMemberDto(member));
  if (member.pendingTransferId !== null) {
    throw new AppError('MEMBER_TRANSFER_PENDING', '该党员已有未完成的组织关系转接，请先处理');
  }
  const errors = transferDateErrors(input.transferDate, member.joinedOn);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const ok = await repo.updateMemberVersioned(trx, memberId, input.version, {
      leftOn: input.transferDate,
      updatedAt: now,
    });
    if (!ok) throw staleVersion(MEMBER, toMemberDto(member));
    const after = { ...member, leftOn: input.transferDate };
    await applyCounterDeltas(
      trx,
      deltasForChange(
        memberCounters,
        { orgPath: member.orgPath, row: member },
        { orgPath: member.orgPath, row: after },
        today(),
      ),
    );
    const transferId = await insertExternalTransfer(trx, {
      kind: 'out',
      memberId,
      orgId: member.orgId,
      orgPath: member.orgPath,
      letterNo: input.letterNo,
      externalOrg: input.destinationOrg,
      externalRegion: input.destinationRegion ?? null,
      transferDate: input.transferDate,
      reason: input.reason ?? null,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(trx, actor, {
      action: 'transfer_external_out',
      entity: 'member',
      entityId: memberId,
      orgPath: member.orgPath,
      before: { orgId: member.orgId, leftOn: null },
      after: {
        transferId,
        leftOn: input.transferDate,
        letterNo: input.letterNo,
        destinationOrg: input.destinationOrg,
        destinationRegion: input.destinationRegion ?? null,
        reason: input.reason ?? null,
      },
    });
    return transferId;
  });
  return getExternalTransfer(ctx.db, 'out', id);
}

/** A member who once left the platform comes back: the same record, updated from the letter, in the new org. */
async function rejoin(
  trx: Db,
  actor: Actor,
  former: MemberRow & { orgName: string },
  org: { id: number; path: string },
  record: Omit<TMemberCreate, 'orgId' | 'fullOn'> & { fullOn: string | null },
) {
  const now = nowIso();
  const ok = await repo.updateMemberVersioned(trx, former.id, former.version, {
    orgId: org.id,
    orgPath: org.path,
    name: record.name,
    nameInitials: pinyinInitials(record.name, { personName: true }),
    gender: record.gender,
    ethnicity: record.ethnicity,
    birthDate: record.birthDate,
    education: record.education,
    occupation: record.occupation,
    joinedOn: record.joinedOn,
    fullOn: record.fullOn,
    status: record.status,
    phone: record.phone ?? null,
    address: record.address ?? null,
    ...flagColumnsOf(record.flags ?? []),
    pendingTransferId: null,
    leftOn: null,
    updatedAt: now,
  });
  if (!ok) throw staleVersion(MEMBER, toMemberDto(former));
  const after = await repo.findMemberById(trx, former.id, sql`1 = 1`);
  await applyCounterDeltas(
    trx,
    deltasForChange(
      memberCounters,
      { orgPath: former.orgPath, row: former },
      { orgPath: org.path, row: after! },
      today(),
    ),
  );
  await recordAudit(trx, actor, {
    action: 'update',
    entity: 'member',
    entityId: former.id,
    orgPath: org.path,
    before: toMemberAuditSnapshot(former),
    after: toMemberAuditSnapshot(after!),
  });
  return former.id;
}

/** 从系统外转入: the member record in the receiving org, with the letter it came with. */
export async function transferIn(ctx: AppContext, actor: Actor, input: TTransferIn) {
  scopeOf(actor, 'members:transfer');
  const org = await getOrgInScope(ctx, actor, 'members:transfer', input.orgId);
  if (org.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销，不能转入党员', { orgId: '该组织已撤销' });
  const idNumber = input.idNumber.trim().toUpperCase();
  const { orgId, letterNo, originOrg, originRegion, transferDate, reason, ...fields } = input;
  const record = { ...fields, idNumber, fullOn: input.fullOn ?? null };
  const errors = { ...memberRecordErrors(record, today()), ...transferDateErrors(transferDate, record.joinedOn) };
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const existing = await repo.findMemberByIdNumber(ctx.db, idNumber);
  const former = existing ? await repo.findMemberById(ctx.db, existing.id, sql`1 = 1`) : undefined;
  if (former && former.leftOn === null) {
    throw new AppError('MEMBER_ID_NUMBER_DUPLICATE', '该身份证号码已登记为本系统党员，请使用系统内组织关系转接', {
      idNumber: `该党员已在${former.orgName}，请使用系统内组织关系转接`,
    });
  }
  const done = await ctx.db.transaction().execute(async (trx) => {
    const id = former
      ? await rejoin(trx, actor, former, org, record)
      : await insertMemberInTransaction(trx, actor, org, record);
    const transferId = await insertExternalTransfer(trx, {
      kind: 'in',
      memberId: id,
      orgId: org.id,
      orgPath: org.path,
      letterNo,
      externalOrg: originOrg,
      externalRegion: originRegion ?? null,
      transferDate,
      reason: reason ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'transfer_external_in',
      entity: 'member',
      entityId: id,
      orgPath: org.path,
      after: {
        transferId,
        orgId: org.id,
        letterNo,
        originOrg,
        originRegion: originRegion ?? null,
        transferDate,
        reason: reason ?? null,
      },
    });
    return { id, transferId };
  });
  return {
    transfer: await getExternalTransfer(ctx.db, 'in', done.transferId),
    member: await getMember(ctx, actor, done.id),
  };
}
