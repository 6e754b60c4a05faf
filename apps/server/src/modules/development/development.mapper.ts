import {
  DEVELOPMENT_DECISION_BODY_LABELS,
  DEVELOPMENT_RECORD_STAGE_LABELS,
  type DevelopmentStatus,
  type DevelopmentStep,
  type DevelopmentStepEntry,
  developmentStep,
  maskIdNumber,
  maskPhone,
  PROBATION_OUTCOME_LABELS,
} from '@grassroots/domain';
import { dueBy } from './development.repo.js';
import type { DevelopmentRecordRow, DevelopmentStepRow } from './development.table.js';

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** A list row: the person (PII masked), the stage and how long they have been in it, the next step and its limit. */
export function toRecordDto(row: DevelopmentRecordRow & { orgName: string }, today: string) {
  const next = row.nextStep === null ? null : developmentStep(row.nextStep);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    idNumberMasked: maskIdNumber(row.idNumber),
    education: row.education,
    occupation: row.occupation,
    phoneMasked: maskPhone(row.phone),
    stage: row.stage,
    stageLabel: DEVELOPMENT_RECORD_STAGE_LABELS[row.stage],
    stageSince: row.stageSince,
    daysInStage: Math.max(0, dayNumber(today) - dayNumber(row.stageSince)),
    nextStep: row.nextStep,
    nextStepLabel: next === null ? null : `第${next.number}步 ${next.label}`,
    nextEarliestDate: row.nextEarliestDate,
    nextDueDate: row.nextDueDate,
    due: row.nextDueDate !== null && row.nextDueDate <= dueBy(today),
    overdue: row.nextDueDate !== null && row.nextDueDate < today,
    probationEnd: row.probationEnd,
    memberId: row.memberId,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type DevelopmentRecordDto = ReturnType<typeof toRecordDto>;

/** What a stored step gives the rules (the people named in it only matter when it is recorded). */
export function toEntry(row: DevelopmentStepRow): DevelopmentStepEntry {
  return {
    step: row.step,
    date: row.date,
    ...(row.politicalReviewPassed !== null ? { politicalReviewPassed: row.politicalReviewPassed === 1 } : {}),
    ...(row.trainingDays !== null ? { trainingDays: row.trainingDays } : {}),
    ...(row.trainingHours !== null ? { trainingHours: row.trainingHours } : {}),
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
    ...(row.extensionMonths !== null ? { extensionMonths: row.extensionMonths } : {}),
  };
}

export function memberIdsOf(row: Pick<DevelopmentStepRow, 'memberIds'>): number[] {
  return row.memberIds === null ? [] : (JSON.parse(row.memberIds) as number[]);
}

export function toStepDto(
  row: DevelopmentStepRow,
  people: Map<number, string>,
  attachments: ReadonlyArray<{ id: number; fileName: string; size: number }>,
) {
  const s = developmentStep(row.step);
  return {
    id: row.id,
    seq: row.seq,
    step: row.step,
    number: s.number,
    label: s.label,
    stage: s.stage,
    date: row.date,
    decidedBy: row.decidedBy,
    decidedByLabel: row.decidedBy === null ? null : DEVELOPMENT_DECISION_BODY_LABELS[row.decidedBy],
    decisionRef: row.decisionRef,
    note: row.note,
    people: memberIdsOf(row).map((id) => ({ id, name: people.get(id) ?? '' })),
    politicalReviewPassed: row.politicalReviewPassed === null ? null : row.politicalReviewPassed === 1,
    trainingDays: row.trainingDays,
    trainingHours: row.trainingHours,
    outcome: row.outcome,
    outcomeLabel: row.outcome === null ? null : PROBATION_OUTCOME_LABELS[row.outcome],
    extensionMonths: row.extensionMonths,
    late: row.late === 1,
    attachments,
    createdAt: row.createdAt,
  };
}
export type DevelopmentStepDto = ReturnType<typeof toStepDto>;

function toStepInfo(s: DevelopmentStep) {
  return {
    code: s.code,
    number: s.number,
    label: s.label,
    stage: s.stage,
    decidedBy: s.decidedBy,
    decidedByLabel: s.decidedBy === null ? null : DEVELOPMENT_DECISION_BODY_LABELS[s.decidedBy],
    /** 上级党委审批/预审: needs development:approve. */
    needsApproval: s.decidedBy === 'upper_committee',
    checklist: s.checklist,
    fields: s.fields,
    timeRule: s.timeRule,
  };
}

export function toStatusDto(status: DevelopmentStatus) {
  return {
    ...status,
    next: status.next === null ? null : { ...status.next, step: toStepInfo(status.next.step) },
  };
}
export type DevelopmentStatusDto = ReturnType<typeof toStatusDto>;

/** What the audit log keeps of a record: PII masked. */
export function toRecordAuditSnapshot(row: DevelopmentRecordRow) {
  const { idNumber, phone, nameInitials, createdAt, updatedAt, provinceId, ...rest } = row;
  return { ...rest, idNumber: maskIdNumber(idNumber), phone: maskPhone(phone) };
}
