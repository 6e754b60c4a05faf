import type {
  MatterKind,
  MatterStatus,
  ProjectGrade,
  ProjectStage,
  Satisfaction,
  TMatterCreate,
  TMatterUpdate,
  TProjectCreate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Project {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  title: string;
  secretaryName: string;
  goal: string;
  targetDate: string;
  stage: ProjectStage;
  stageLabel: string;
  result: string | null;
  grade: ProjectGrade | null;
  gradeLabel: string | null;
  matters: number;
  mattersDone: number;
  mattersDoneRate: number | null;
  version: number;
}

export interface Matter {
  id: number;
  orgId: number;
  orgName: string;
  projectId: number | null;
  projectTitle: string | null;
  kind: MatterKind;
  kindLabel: string;
  title: string;
  raisedBy: string;
  ownerName: string;
  targetDate: string;
  status: MatterStatus;
  statusLabel: string;
  overdue: boolean;
  result: string | null;
  doneOn: string | null;
  satisfaction: Satisfaction | null;
  satisfactionLabel: string | null;
  version: number;
}

export interface ProjectFigures {
  projects: { total: number; approved: number; inProgress: number; accepted: number; rated: number; excellent: number };
  matters: {
    total: number;
    done: number;
    overdue: number;
    ledByProject: number;
    doneRate: number | null;
    satisfactionRate: number | null;
  };
}

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const projectKeys = {
  all: ['projects'] as const,
  projects: (q: object) => ['projects', 'projects', q] as const,
  matters: (q: object) => ['projects', 'matters', q] as const,
  figures: (q: object) => ['projects', 'figures', q] as const,
};

export const fetchProjects = (q: { orgId: number; year: number; page: number; pageSize: number }) =>
  apiFetch<Page<Project>>('/api/secretary-projects', { query: { ...q } });
export const fetchMatters = (q: { orgId: number; year: number; page: number; pageSize: number }) =>
  apiFetch<Page<Matter>>('/api/practical-matters', { query: { ...q } });
export const fetchProjectFigures = (q: { orgId: number; year: number }) =>
  apiFetch<ProjectFigures>('/api/projects/figures', { query: { ...q } });
export const createProject = (input: TProjectCreate) =>
  apiFetch<Project>('/api/secretary-projects', { method: 'POST', body: input });
export const actOnProject = (
  id: number,
  action: 'start' | 'accept' | 'rate',
  body: { version: number; result?: string; grade?: ProjectGrade },
) => apiFetch<Project>(`/api/secretary-projects/${id}/actions/${action}`, { method: 'POST', body });
export const createMatter = (input: TMatterCreate) =>
  apiFetch<Matter>('/api/practical-matters', { method: 'POST', body: input });
export const updateMatter = (id: number, patch: TMatterUpdate) =>
  apiFetch<Matter>(`/api/practical-matters/${id}`, { method: 'PATCH', body: patch });
