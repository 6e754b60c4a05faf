import {
  isWeakOrgOverdue,
  WEAK_ORG_ACTION_LABELS,
  WEAK_ORG_REASON_LABELS,
  WEAK_ORG_STATUS_LABELS,
  type WeakOrgAction,
  type WeakOrgReason,
} from '@grassroots/domain';
import type { WeakOrgEventRow, WeakOrgRow } from './weak-orgs.table.js';

const parseList = <T>(json: string): T[] => JSON.parse(json) as T[];

export function toWeakOrgDto(row: WeakOrgRow & { orgName: string }, today: string) {
  const reasons = parseList<WeakOrgReason>(row.reasons);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    year: row.year,
    reasons,
    reasonLabels: reasons.map((r) => WEAK_ORG_REASON_LABELS[r]),
    reasonDetail: row.reasonDetail,
    plan: row.plan,
    leaderName: row.leaderName,
    leaderTitle: row.leaderTitle,
    measures: parseList<string>(row.measures),
    deadline: row.deadline,
    status: row.status,
    statusLabel: WEAK_ORG_STATUS_LABELS[row.status],
    overdue: isWeakOrgOverdue(row, today),
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    decidedByName: row.decidedByName,
    decisionNote: row.decisionNote,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type WeakOrgDto = ReturnType<typeof toWeakOrgDto>;

export function toWeakOrgEventDto(row: WeakOrgEventRow) {
  return {
    id: row.id,
    action: row.action,
    actionLabel: WEAK_ORG_ACTION_LABELS[row.action as WeakOrgAction | 'create' | 'update'] ?? row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    note: row.note,
    userName: row.userName,
    at: row.at,
  };
}

/** What the audit log keeps of a rectification. */
export function toWeakOrgAuditSnapshot(row: WeakOrgRow) {
  const { createdAt, updatedAt, provinceId, ...rest } = row;
  return { ...rest, reasons: parseList<string>(row.reasons), measures: parseList<string>(row.measures) };
}
