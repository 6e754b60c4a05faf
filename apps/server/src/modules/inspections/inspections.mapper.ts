import {
  completionRate,
  INSPECTION_KIND_LABELS,
  isProblemOverdue,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SEVERITY_LABELS,
  PROBLEM_STATE_LABELS,
  type ProblemCategory,
} from '@grassroots/domain';
import type { InspectionRoundRow, ProblemRow } from './inspections.table.js';

export function toRoundDto(row: InspectionRoundRow & { orgName: string }) {
  return {
    id: Number(row.id),
    orgId: Number(row.orgId),
    orgName: row.orgName,
    title: row.title,
    team: row.team,
    kind: row.kind,
    kindLabel: INSPECTION_KIND_LABELS[row.kind],
    checklist: JSON.parse(row.checklist) as string[],
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    createdByName: row.createdByName,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export function toProblemDto(row: ProblemRow & { orgName: string; roundTitle: string }, today: string) {
  return {
    id: Number(row.id),
    roundId: Number(row.roundId),
    roundTitle: row.roundTitle,
    orgId: Number(row.orgId),
    orgName: row.orgName,
    category: row.category,
    categoryLabel: PROBLEM_CATEGORY_LABELS[row.category],
    description: row.description,
    severity: row.severity,
    severityLabel: PROBLEM_SEVERITY_LABELS[row.severity],
    responsiblePerson: row.responsiblePerson,
    deadline: row.deadline,
    state: row.state,
    stateLabel: PROBLEM_STATE_LABELS[row.state],
    overdue: isProblemOverdue(row, today),
    foundOn: row.foundOn,
    closedAt: row.closedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type ProblemDto = ReturnType<typeof toProblemDto>;

/** One line of figures from the SQL aggregates: found, rectified, in progress, overdue and the rate. */
export function toFigures(r: {
  found: number | string;
  rectified: number | string | null;
  overdue: number | string | null;
}) {
  const found = Number(r.found);
  const rectified = Number(r.rectified ?? 0);
  return {
    found,
    rectified,
    inProgress: found - rectified,
    overdue: Number(r.overdue ?? 0),
    rate: completionRate(rectified, found),
  };
}

export const categoryLabel = (c: ProblemCategory) => PROBLEM_CATEGORY_LABELS[c];
