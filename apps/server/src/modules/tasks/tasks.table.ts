import type { Sector, TaskAssignmentState } from '@grassroots/domain';
import type { Generated, Insertable, Selectable } from 'kysely';

// 重点任务清单: issued by an org for a year and a domain (领域).
export interface TaskListTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  year: number;
  sector: Sector;
  title: string;
  description: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type TaskListRow = Selectable<TaskListTable>;

// 重点任务: a heading of the list; its measures carry the four fixes.
export interface TaskTable {
  id: Generated<number>;
  listId: number;
  seq: number;
  title: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type TaskRow = Selectable<TaskTable>;

// 推进措施: what (title), how (method), when (deadline), who (its assignments, and the person named).
export interface TaskMeasureTable {
  id: Generated<number>;
  listId: number;
  taskId: number;
  seq: number;
  title: string;
  method: string | null;
  deadline: string;
  responsiblePerson: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type TaskMeasureRow = Selectable<TaskMeasureTable>;

// A measure assigned to one responsible org, tracked on its own; deadline copied from the measure for the scans.
export interface TaskAssignmentTable {
  id: Generated<number>;
  listId: number;
  taskId: number;
  measureId: number;
  orgId: number;
  orgPath: string;
  deadline: string;
  state: TaskAssignmentState;
  percent: Generated<number>;
  milestone: string | null;
  responsiblePerson: string | null;
  lastNote: string | null;
  reportedAt: string | null;
  completedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type TaskAssignmentRow = Selectable<TaskAssignmentTable>;
export type NewTaskAssignmentRow = Insertable<TaskAssignmentTable>;

export interface TaskAssignmentEventTable {
  id: Generated<number>;
  assignmentId: number;
  action: string;
  fromState: TaskAssignmentState | null;
  toState: TaskAssignmentState;
  note: string | null;
  percent: number | null;
  milestone: string | null;
  userId: number | null;
  userName: string | null;
  at: string;
}
export type TaskAssignmentEventRow = Selectable<TaskAssignmentEventTable>;
