import {
  assignmentStatusLabel,
  completionRate,
  daysOverdue,
  isAssignmentOverdue,
  SECTOR_LABELS,
  TASK_ASSIGNMENT_ACTION_LABELS,
  TASK_ASSIGNMENT_STATE_LABELS,
  type TaskAssignmentAction,
} from '@grassroots/domain';
import type { AssignmentWithNames } from './tasks.repo.js';
import type { TaskAssignmentEventRow, TaskListRow, TaskMeasureRow, TaskRow } from './tasks.table.js';

export interface Figures {
  assignments: number;
  notStarted: number;
  inProgress: number;
  submitted: number;
  completed: number;
  overdue: number;
  completionRate: number | null;
}

/** Aggregate row (numbers may come back as strings or null) → figures with the completion rate. */
export function toFigures(r: {
  assignments: unknown;
  notStarted: unknown;
  inProgress: unknown;
  submitted: unknown;
  completed: unknown;
  overdue: unknown;
}): Figures {
  const f = {
    assignments: Number(r.assignments ?? 0),
    notStarted: Number(r.notStarted ?? 0),
    inProgress: Number(r.inProgress ?? 0),
    submitted: Number(r.submitted ?? 0),
    completed: Number(r.completed ?? 0),
    overdue: Number(r.overdue ?? 0),
  };
  return { ...f, completionRate: completionRate(f.completed, f.assignments) };
}

export const EMPTY_FIGURES: Figures = toFigures({
  assignments: 0,
  notStarted: 0,
  inProgress: 0,
  submitted: 0,
  completed: 0,
  overdue: 0,
});

export function toTaskListDto(row: TaskListRow & { orgName: string }, figures: Figures) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    year: row.year,
    sector: row.sector,
    sectorLabel: SECTOR_LABELS[row.sector],
    title: row.title,
    description: row.description,
    figures,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type TaskListDto = ReturnType<typeof toTaskListDto>;

export function toAssignmentDto(row: AssignmentWithNames, today: string) {
  const overdue = isAssignmentOverdue(row, today);
  return {
    id: row.id,
    listId: row.listId,
    listTitle: row.listTitle,
    taskId: row.taskId,
    taskTitle: row.taskTitle,
    measureId: row.measureId,
    measureTitle: row.measureTitle,
    measureMethod: row.measureMethod,
    issuerOrgId: row.issuerOrgId,
    orgId: row.orgId,
    orgName: row.orgName,
    deadline: row.deadline,
    state: row.state,
    stateLabel: TASK_ASSIGNMENT_STATE_LABELS[row.state],
    statusLabel: assignmentStatusLabel(row, today),
    overdue,
    daysOverdue: overdue ? daysOverdue(row.deadline, today) : 0,
    percent: row.percent,
    milestone: row.milestone,
    responsiblePerson: row.responsiblePerson,
    lastNote: row.lastNote,
    reportedAt: row.reportedAt,
    completedAt: row.completedAt,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
export type AssignmentDto = ReturnType<typeof toAssignmentDto>;

export function toEventDto(e: TaskAssignmentEventRow) {
  return {
    id: e.id,
    action: e.action,
    actionLabel: TASK_ASSIGNMENT_ACTION_LABELS[e.action as TaskAssignmentAction | 'assign'] ?? e.action,
    fromState: e.fromState,
    toState: e.toState,
    toStateLabel: TASK_ASSIGNMENT_STATE_LABELS[e.toState],
    note: e.note,
    percent: e.percent,
    milestone: e.milestone,
    userName: e.userName,
    at: e.at,
  };
}

export function toTaskDto(t: TaskRow) {
  return { id: t.id, seq: t.seq, title: t.title, version: t.version };
}

export function toMeasureDto(m: TaskMeasureRow) {
  return {
    id: m.id,
    taskId: m.taskId,
    seq: m.seq,
    title: m.title,
    method: m.method,
    deadline: m.deadline,
    responsiblePerson: m.responsiblePerson,
    version: m.version,
  };
}
