import type {
  InspectionKind,
  ProblemAction,
  ProblemCategory,
  ProblemSeverity,
  ProblemState,
  TProblemListQuery,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';
import type { UploadedFile } from '../../ui/attachment-upload';

export interface InspectionRound {
  id: number;
  orgId: number;
  orgName: string;
  title: string;
  team: string;
  kind: InspectionKind;
  kindLabel: string;
  checklist: string[];
  startsOn: string;
  endsOn: string;
}

export interface Problem {
  id: number;
  roundId: number;
  roundTitle: string;
  orgId: number;
  orgName: string;
  category: ProblemCategory;
  categoryLabel: string;
  description: string;
  severity: ProblemSeverity;
  severityLabel: string;
  responsiblePerson: string;
  deadline: string;
  state: ProblemState;
  stateLabel: string;
  overdue: boolean;
  foundOn: string;
  closedAt: string | null;
  version: number;
}

export interface ProblemDetail extends Problem {
  attachments: UploadedFile[];
  events: Array<{
    id: number;
    action: string;
    actionLabel: string;
    toStateLabel: string;
    reason: string | null;
    evidence: string | null;
    attachments: UploadedFile[];
    userName: string;
    at: string;
  }>;
  /** The actions this user may take now, as the server decides. */
  actions: ProblemAction[];
}

export interface Figures {
  found: number;
  rectified: number;
  inProgress: number;
  overdue: number;
  rate: number | null;
}

export interface InspectionFigures {
  orgId: number;
  orgName: string;
  total: Figures;
  byRound: Array<Figures & { roundId: number; title: string }>;
  byCategory: Array<Figures & { category: ProblemCategory; label: string }>;
  byOrg: Array<Figures & { orgId: number; orgName: string }>;
}

export type ProblemListQuery = Omit<TProblemListQuery, 'orgId'> & { orgId: number };

export const inspectionKeys = {
  all: ['inspections'] as const,
  rounds: (orgId: number) => ['inspections', 'rounds', orgId] as const,
  figures: (orgId: number, roundId: number | undefined) => ['inspections', 'figures', orgId, roundId] as const,
  problems: (q: ProblemListQuery) => ['inspections', 'problems', q] as const,
  problem: (id: number) => ['inspections', 'problem', id] as const,
};

export const fetchRounds = (orgId: number) =>
  apiFetch<{ items: InspectionRound[]; total: number }>('/api/inspections/rounds', {
    query: { orgId, pageSize: 200 },
  });
export const fetchFigures = (orgId: number, roundId: number | undefined) =>
  apiFetch<InspectionFigures>('/api/inspections/figures', { query: { orgId, roundId } });
export const fetchProblems = (q: ProblemListQuery, signal?: AbortSignal) =>
  apiFetch<{ items: Problem[]; total: number; page: number; pageSize: number }>('/api/problems', {
    query: { ...q },
    signal,
  });
export const fetchProblem = (id: number) => apiFetch<ProblemDetail>(`/api/problems/${id}`);
export const actOnProblem = (
  id: number,
  action: ProblemAction,
  body: { version: number; reason?: string | null; evidence?: string; attachmentIds?: number[] },
) => apiFetch<ProblemDetail>(`/api/problems/${id}/actions/${action}`, { method: 'POST', body });
