import type {
  Sector,
  TAssignmentAction,
  TaskAssignmentState,
  TMeasureCreate,
  TTaskListCreate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Figures {
  assignments: number;
  notStarted: number;
  inProgress: number;
  submitted: number;
  completed: number;
  overdue: number;
  completionRate: number | null;
}

export interface TaskList {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  sector: Sector;
  sectorLabel: string;
  title: string;
  description: string | null;
  figures: Figures;
  version: number;
}

export interface Assignment {
  id: number;
  listId: number;
  listTitle: string;
  taskTitle: string;
  measureId: number;
  measureTitle: string;
  measureMethod: string | null;
  orgId: number;
  orgName: string;
  deadline: string;
  state: TaskAssignmentState;
  statusLabel: string;
  overdue: boolean;
  daysOverdue: number;
  percent: number;
  milestone: string | null;
  responsiblePerson: string | null;
  lastNote: string | null;
  version: number;
}

export interface Measure {
  id: number;
  taskId: number;
  title: string;
  method: string | null;
  deadline: string;
  responsiblePerson: string | null;
  version: number;
  assignments: Assignment[];
}

export interface TaskListDetail extends TaskList {
  canEdit: boolean;
  tasks: Array<{ id: number; seq: number; title: string; version: number; measures: Measure[] }>;
}

export interface AssignmentDetail extends Assignment {
  canReport: boolean;
  canDecide: boolean;
  events: Array<{
    id: number;
    actionLabel: string;
    toStateLabel: string;
    note: string | null;
    percent: number | null;
    milestone: string | null;
    userName: string | null;
    at: string;
    attachments: Array<{ id: number; fileName: string }>;
  }>;
}

export interface TaskStats extends Figures {
  lists: number;
  tasks: number;
  measures: number;
  bySector: Array<Figures & { sector: Sector; sectorLabel: string }>;
  byOrg: Array<Figures & { orgId: number; orgName: string }>;
}

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const taskKeys = {
  all: ['tasks'] as const,
  lists: (q: object) => ['tasks', 'lists', q] as const,
  list: (id: number) => ['tasks', 'list', id] as const,
  stats: (q: object) => ['tasks', 'stats', q] as const,
  assignments: (q: object) => ['tasks', 'assignments', q] as const,
  assignment: (id: number) => ['tasks', 'assignment', id] as const,
};

export const fetchTaskLists = (q: { orgId: number; year?: number | undefined; page: number; pageSize: number }) =>
  apiFetch<Page<TaskList>>('/api/task-lists', { query: { ...q } });
export const fetchTaskList = (id: number) => apiFetch<TaskListDetail>(`/api/task-lists/${id}`);
export const fetchTaskStats = (q: { orgId: number; listId?: number | undefined; year?: number | undefined }) =>
  apiFetch<TaskStats>('/api/task-lists/stats', { query: { ...q } });
export const fetchAssignments = (q: {
  orgId: number;
  overdue?: 'true' | undefined;
  state?: TaskAssignmentState | undefined;
  page: number;
  pageSize: number;
}) => apiFetch<Page<Assignment>>('/api/task-assignments', { query: { ...q } });
export const fetchAssignment = (id: number) => apiFetch<AssignmentDetail>(`/api/task-assignments/${id}`);

export const createTaskList = (input: TTaskListCreate) =>
  apiFetch<TaskListDetail>('/api/task-lists', { method: 'POST', body: input });
export const addTask = (listId: number, title: string) =>
  apiFetch<TaskListDetail>(`/api/task-lists/${listId}/tasks`, { method: 'POST', body: { title } });
export const addMeasure = (listId: number, input: TMeasureCreate) =>
  apiFetch<TaskListDetail>(`/api/task-lists/${listId}/measures`, { method: 'POST', body: input });
export const actOnAssignment = (id: number, action: 'report' | 'accept' | 'return', body: TAssignmentAction) =>
  apiFetch<AssignmentDetail>(`/api/task-assignments/${id}/actions/${action}`, { method: 'POST', body });
