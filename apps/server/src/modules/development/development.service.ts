// 发展党员: records of people in development, the next step checked by the rules of development.ts, the pipeline of
// a subtree. Admission (17) creates the member record; 转正 (24) makes it a 正式党员, or (cancelled) takes it out of
// counts and lists; each in the step's transaction.
import {
  AppError,
  checkDevelopmentStep,
  DEVELOPMENT_RECORD_STAGES,
  type DevelopmentCheck,
  type DevelopmentPerson,
  type DevelopmentRecord,
  type DevelopmentRecordStage,
  type DevelopmentStatus,
  type DevelopmentStepEntry,
  developmentStatus,
  developmentStep,
  memberRecordErrors,
  type Permission,
  pinyinInitials,
  type TDevelopmentCreate,
  type TDevelopmentListQuery,
  type TDevelopmentStepCreate,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { attachmentsOf, linkAttachments } from '../../platform/attachments.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { hasPermission, isPathInScope, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import {
  assertIdNumberFree,
  insertMemberInTransaction,
  updateMemberInTransaction,
} from '../members/members.service.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import {
  type DevelopmentRecordDto,
  memberIdsOf,
  toEntry,
  toRecordAuditSnapshot,
  toRecordDto,
  toStatusDto,
  toStepDto,
} from './development.mapper.js';
import * as repo from './development.repo.js';
import type { DevelopmentRecordRow, DevelopmentStepRow } from './development.table.js';

const RECORD = '发展党员记录';

export async function listRecords(
  ctx: AppContext,
  actor: Actor,
  query: TDevelopmentListQuery,
): Promise<Page<DevelopmentRecordDto>> {
  let scope = scopeOf(actor, 'development:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, page, pageSize, sort, ...filter } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const day = today();
  const { items, total } = await repo.findRecords(
    ctx.db,
    whereInScope(scope, 'd.orgPath'),
    filter,
    day,
    sort,
    page,
    pageSize,
  );
  return { items: items.map((r) => toRecordDto(r, day)), total, page, pageSize };
}

/** The pipeline of a subtree: per stage the headcount, how many are due or overdue, and the longest wait. */
export async function getPipeline(ctx: AppContext, actor: Actor, query: { orgId?: number | undefined }) {
  let scope = scopeOf(actor, 'development:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const day = today();
  const rows = scope.length === 0 ? [] : await repo.pipelineCounts(ctx.db, whereInScope(scope, 'd.orgPath'), day);
  const stages = DEVELOPMENT_RECORD_STAGES.map((stage) => {
    const r = rows.find((x) => x.stage === stage);
    return {
      stage,
      count: Number(r?.n ?? 0),
      due: Number(r?.due ?? 0),
      overdue: Number(r?.overdue ?? 0),
      longestSince: (r?.oldestSince as string | null | undefined) ?? null,
    };
  });
  return {
    asOf: day,
    stages,
    total: stages.reduce((a, s) => a + s.count, 0),
    due: stages.reduce((a, s) => a + s.due, 0),
    overdue: stages.reduce((a, s) => a + s.overdue, 0),
  };
}

/** One lookup in the reading scope (outside it: 404); a record the user may read but not act on answers 403. */
async function getRecordRow(ctx: AppContext, actor: Actor, permission: Permission, id: number) {
  const row = await repo.findRecordById(ctx.db, id, whereInScope(scopeOf(actor, 'development:read'), 'd.orgPath'));
  if (!row) throw notFound(RECORD);
  if (
    permission !== 'development:read' &&
    !(hasPermission(actor, permission) && isPathInScope(scopeOf(actor, permission), row.orgPath))
  ) {
    throw forbidden(
      permission === 'development:approve'
        ? '上级党委预审和审批须由有审批权限的上级党委（乡镇、县）办理'
        : '您没有对该发展党员记录执行此操作的权限',
    );
  }
  return row;
}

function recordOf(row: Pick<DevelopmentRecordRow, 'idNumber' | 'birthDate'>, steps: DevelopmentStepRow[]) {
  return { idNumber: row.idNumber, birthDate: row.birthDate, entries: steps.map(toEntry) } as DevelopmentRecord;
}

async function detailOf(ctx: AppContext, row: DevelopmentRecordRow & { orgName: string }) {
  const steps = await repo.findSteps(ctx.db, row.id);
  const ids = [...new Set(steps.flatMap(memberIdsOf))];
  const people = new Map((await repo.findMembersByIds(ctx.db, ids, sql`1 = 1`)).map((m) => [m.id, m.name]));
  const files = await attachmentsOf(
    ctx.db,
    'development',
    steps.map((s) => s.id),
  );
  const filesOf = (stepId: number) =>
    files.filter((f) => f.entityId === stepId).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size }));
  const day = today();
  return {
    ...toRecordDto(row, day),
    steps: steps.map((s) => toStepDto(s, people, filesOf(s.id))),
    status: toStatusDto(developmentStatus(recordOf(row, steps), day)),
  };
}
export type DevelopmentDetailDto = Awaited<ReturnType<typeof detailOf>>;

export async function getRecord(ctx: AppContext, actor: Actor, id: number): Promise<DevelopmentDetailDto> {
  return detailOf(ctx, await getRecordRow(ctx, actor, 'development:read', id));
}

export async function getStatus(ctx: AppContext, actor: Actor, id: number) {
  const row = await getRecordRow(ctx, actor, 'development:read', id);
  return toStatusDto(developmentStatus(recordOf(row, await repo.findSteps(ctx.db, id)), today()));
}

/** A refusal of the rules as the API answers it: 422 with the rule's code, and the earliest date when there is one. */
function refusal(check: Extract<DevelopmentCheck, { ok: false }>): AppError {
  if (check.code === 'VALIDATION_FAILED') return validationFailed({ _: check.message });
  return new AppError(
    check.code,
    check.message,
    check.earliestDate === undefined ? undefined : { earliestDate: check.earliestDate },
  );
}

/** The stored figures of a record after its steps changed. */
function derivedColumns(status: DevelopmentStatus, applicationDate: string) {
  const stage: DevelopmentRecordStage = status.cancelled ? 'cancelled' : (status.stage ?? 'applicant');
  return {
    stage,
    stageSince: status.stageSince ?? applicationDate,
    nextStep: status.next?.step.code ?? null,
    nextEarliestDate: status.next?.earliestDate ?? null,
    nextDueDate: status.next?.dueDate ?? null,
    probationEnd: status.probationEnd,
  };
}

/** The person's ID number, birth date and gender agree (the checks of a member record that apply before joining). */
function personErrors(input: Pick<TDevelopmentCreate, 'idNumber' | 'birthDate' | 'gender'>, day: string) {
  const all = memberRecordErrors({ ...input, joinedOn: day, fullOn: null, status: 'probationary' }, day);
  const { idNumber, birthDate, gender } = all;
  return Object.fromEntries(
    Object.entries({ idNumber, birthDate, gender }).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** 入党申请: a new record with its first step (递交入党申请书), refused under 18 with the date the person turns 18. */
export async function createRecord(ctx: AppContext, actor: Actor, input: TDevelopmentCreate) {
  const org = await getOrgInScope(ctx, actor, 'development:write', input.orgId);
  if (org.closedAt !== null)
    throw new AppError('ORG_CLOSED', '该组织已撤销，不能登记入党申请', { orgId: '该组织已撤销' });
  if (org.kind === 'group') {
    throw validationFailed({ orgId: '入党申请应登记在党支部（党总支、党委），不能登记在党小组' });
  }
  const day = today();
  const idNumber = input.idNumber.trim().toUpperCase();
  const errors = personErrors({ ...input, idNumber }, day);
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  await assertIdNumberFree(ctx, idNumber, null);
  if (await repo.findOpenRecordByIdNumber(ctx.db, idNumber)) {
    throw new AppError('DUPLICATE', '该身份证号码已有正在进行的发展党员记录', {
      idNumber: '该身份证号码已有正在进行的发展党员记录',
    });
  }
  const entry: DevelopmentStepEntry = { step: 'application', date: input.applicationDate };
  const check = checkDevelopmentStep({ idNumber, birthDate: input.birthDate, entries: [] }, entry, day);
  if (!check.ok) throw refusal(check);
  const status = developmentStatus({ idNumber, birthDate: input.birthDate, entries: [entry] }, day);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertRecord(trx, {
      orgId: org.id,
      orgPath: org.path,
      name: input.name,
      nameInitials: pinyinInitials(input.name, { personName: true }),
      gender: input.gender,
      ethnicity: input.ethnicity,
      birthDate: input.birthDate,
      idNumber,
      education: input.education,
      occupation: input.occupation,
      phone: input.phone ?? null,
      ...derivedColumns(status, input.applicationDate),
      memberId: null,
      createdAt: now,
      updatedAt: now,
    });
    await insertStepRow(trx, actor, newId, 1, entry, [], { decisionRef: null, note: input.note ?? null }, false);
    const created = await repo.findRecordById(trx, newId, sql`1 = 1`);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'development',
      entityId: newId,
      orgPath: org.path,
      after: toRecordAuditSnapshot(created!),
    });
    return newId;
  });
  return getRecord(ctx, actor, id);
}

async function insertStepRow(
  trx: Db,
  actor: Actor,
  recordId: number,
  seq: number,
  entry: DevelopmentStepEntry,
  memberIds: number[],
  text: { decisionRef: string | null; note: string | null },
  late: boolean,
) {
  return repo.insertStep(trx, {
    recordId,
    seq,
    step: entry.step,
    date: entry.date,
    decidedBy: developmentStep(entry.step).decidedBy,
    decisionRef: text.decisionRef,
    note: text.note,
    memberIds: memberIds.length > 0 ? JSON.stringify(memberIds) : null,
    politicalReviewPassed: entry.politicalReviewPassed === undefined ? null : entry.politicalReviewPassed ? 1 : 0,
    trainingDays: entry.trainingDays ?? null,
    trainingHours: entry.trainingHours ?? null,
    outcome: entry.outcome ?? null,
    extensionMonths: entry.extensionMonths ?? null,
    late: late ? 1 : 0,
    recordedBy: actor.userId,
    createdAt: nowIso(),
  });
}

/** The members named in a step, as the rules see them; each must exist in the user's member scope. */
async function peopleOf(ctx: AppContext, actor: Actor, ids: readonly number[], field: string, label: string) {
  const found = await repo.findMembersByIds(ctx.db, ids, whereInScope(scopeOf(actor, 'members:read'), 'm.orgPath'));
  const byId = new Map(found.map((m) => [m.id, m]));
  return ids.map((id): DevelopmentPerson => {
    const m = byId.get(id);
    if (!m) throw validationFailed({ [field]: `${label}不存在或不在您的管辖范围内` });
    return { name: m.name, idNumber: m.idNumber, status: m.status, fullOn: m.fullOn };
  });
}

/**
 * 办理下一步: checked by checkDevelopmentStep (a refusal answers 422 with the rule's code and `fields.earliestDate`);
 * 上级党委 steps need development:approve. Admission approval creates the member (预备党员); 转正 approval makes it
 * a 正式党员, or takes it out of counts and lists (left, kept as history) when the meeting cancelled the
 * probation. One transaction, audited.
 */
export async function recordStep(ctx: AppContext, actor: Actor, id: number, input: TDevelopmentStepCreate) {
  const spec = developmentStep(input.step);
  const row = await getRecordRow(
    ctx,
    actor,
    spec.decidedBy === 'upper_committee' ? 'development:approve' : 'development:write',
    id,
  );
  if (row.version !== input.version) throw staleVersion(RECORD, toRecordDto(row, today()));
  const steps = await repo.findSteps(ctx.db, id);
  const record = recordOf(row, steps);
  const personIds = input.step === 'contact_persons' ? input.contactPersonIds : input.sponsorIds;
  const needsPeople = input.step === 'contact_persons' || input.step === 'sponsors';
  const memberIds = needsPeople ? [...(personIds ?? [])] : [];
  const people = needsPeople
    ? await peopleOf(
        ctx,
        actor,
        memberIds,
        input.step === 'contact_persons' ? 'contactPersonIds' : 'sponsorIds',
        input.step === 'contact_persons' ? '培养联系人' : '入党介绍人',
      )
    : [];
  const has = (f: (typeof spec.fields)[number]) => spec.fields.includes(f);
  const entry: DevelopmentStepEntry = {
    step: input.step,
    date: input.date,
    ...(input.step === 'contact_persons' ? { contactPersons: people } : {}),
    ...(input.step === 'sponsors' ? { sponsors: people } : {}),
    ...(has('politicalReviewPassed') && input.politicalReviewPassed !== undefined
      ? { politicalReviewPassed: input.politicalReviewPassed }
      : {}),
    ...(has('trainingDays') && input.trainingDays !== undefined ? { trainingDays: input.trainingDays } : {}),
    ...(has('trainingHours') && input.trainingHours !== undefined ? { trainingHours: input.trainingHours } : {}),
    ...(has('outcome') && input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(has('extensionMonths') && input.extensionMonths !== undefined && input.outcome === 'extended'
      ? { extensionMonths: input.extensionMonths }
      : {}),
  };
  const day = today();
  const check = checkDevelopmentStep(record, entry, day);
  if (!check.ok) throw refusal(check);
  const after: DevelopmentRecord = { ...record, entries: [...record.entries, entry] };
  const status = developmentStatus(after, day);
  const admits = input.step === 'admission_approval' && row.memberId === null;
  if (admits) await assertIdNumberFree(ctx, row.idNumber, null);
  const outcome = input.step === 'full_membership_approval' ? record.entries.at(-1)?.outcome : undefined;

  await ctx.db.transaction().execute(async (trx) => {
    let memberId = row.memberId;
    if (admits) {
      memberId = await insertMemberInTransaction(
        trx,
        actor,
        { id: row.orgId, path: row.orgPath },
        {
          name: row.name,
          gender: row.gender,
          ethnicity: row.ethnicity,
          birthDate: row.birthDate,
          idNumber: row.idNumber,
          education: row.education,
          occupation: row.occupation,
          joinedOn: status.joinedOn!,
          fullOn: null,
          status: 'probationary',
          phone: row.phone,
        },
      );
    } else if (outcome === 'on_time' && memberId !== null) {
      await updateMemberInTransaction(trx, actor, memberId, { status: 'full', fullOn: status.fullOn! });
    } else if (outcome === 'cancelled' && memberId !== null) {
      // No longer a party member: the row stays as history (and for what refers to it), out of every count and list.
      await updateMemberInTransaction(trx, actor, memberId, { leftOn: input.date });
    }
    const stepId = await insertStepRow(
      trx,
      actor,
      id,
      steps.length + 1,
      entry,
      memberIds,
      { decisionRef: input.decisionRef ?? null, note: input.note ?? null },
      check.late,
    );
    // Optional evidence (forms, minutes): files of the entity 'development' are linked to the step they document.
    if (input.attachmentIds?.length) {
      await linkAttachments(trx, { entity: 'development', entityId: stepId, orgId: row.orgId }, input.attachmentIds);
    }
    const derived = derivedColumns(status, steps[0]?.date ?? input.date);
    const ok = await repo.updateRecordVersioned(trx, id, row.version, {
      ...derived,
      memberId,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(RECORD, toRecordDto(row, day));
    await recordAudit(trx, actor, {
      action: 'step',
      entity: 'development',
      entityId: id,
      orgPath: row.orgPath,
      before: { stage: row.stage, nextStep: row.nextStep },
      after: {
        step: entry.step,
        date: entry.date,
        stage: derived.stage,
        memberId,
        late: check.late,
        ...(memberIds.length > 0 ? { memberIds } : {}),
        ...(entry.outcome ? { outcome: entry.outcome } : {}),
      },
    });
  });
  return { ...(await getRecord(ctx, actor, id)), warnings: check.warnings };
}

export { rewriteDevelopmentPaths } from './development.repo.js';
