import {
  completionRate,
  isMatterOverdue,
  MATTER_KIND_LABELS,
  MATTER_STATUS_LABELS,
  PROJECT_GRADE_LABELS,
  PROJECT_STAGE_LABELS,
  SATISFACTION_LABELS,
} from '@grassroots/domain';
import type { MatterWithOrg, ProjectWithOrg } from './projects.repo.js';

export function toProjectDto(row: ProjectWithOrg) {
  const matters = Number(row.matters ?? 0);
  const mattersDone = Number(row.mattersDone ?? 0);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    year: row.year,
    title: row.title,
    secretaryName: row.secretaryName,
    goal: row.goal,
    content: row.content,
    targetDate: row.targetDate,
    stage: row.stage,
    stageLabel: PROJECT_STAGE_LABELS[row.stage],
    result: row.result,
    grade: row.grade,
    gradeLabel: row.grade ? PROJECT_GRADE_LABELS[row.grade] : null,
    acceptedAt: row.acceptedAt,
    ratedAt: row.ratedAt,
    matters,
    mattersDone,
    mattersDoneRate: completionRate(mattersDone, matters),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type ProjectDto = ReturnType<typeof toProjectDto>;

export function toMatterDto(row: MatterWithOrg, today: string) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    projectId: row.projectId,
    projectTitle: row.projectTitle,
    year: row.year,
    kind: row.kind,
    kindLabel: MATTER_KIND_LABELS[row.kind],
    title: row.title,
    raisedBy: row.raisedBy,
    ownerName: row.ownerName,
    targetDate: row.targetDate,
    status: row.status,
    statusLabel: MATTER_STATUS_LABELS[row.status],
    overdue: isMatterOverdue(row, today),
    result: row.result,
    doneOn: row.doneOn,
    satisfaction: row.satisfaction,
    satisfactionLabel: row.satisfaction ? SATISFACTION_LABELS[row.satisfaction] : null,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type MatterDto = ReturnType<typeof toMatterDto>;

/** Audit snapshots: the record's own columns, without the joined names and counts. */
export function auditOf<T extends { orgName: string }>(row: T) {
  const { orgName, createdAt, updatedAt, ...rest } = row as T & { createdAt?: string; updatedAt?: string };
  return rest;
}
