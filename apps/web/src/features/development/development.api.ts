import type {
  DEVELOPMENT_SORTS,
  DevelopmentDecisionBody,
  DevelopmentRecordStage,
  DevelopmentStage,
  DevelopmentStepCode,
  DevelopmentStepDetails,
  Education,
  Ethnicity,
  Gender,
  Occupation,
  ProbationOutcome,
  TDevelopmentCreate,
  TDevelopmentStepCreate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface DevelopmentRecord {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumberMasked: string;
  education: Education;
  occupation: Occupation;
  phoneMasked: string | null;
  stage: DevelopmentRecordStage;
  stageLabel: string;
  stageSince: string;
  daysInStage: number;
  nextStep: DevelopmentStepCode | null;
  nextStepLabel: string | null;
  nextEarliestDate: string | null;
  nextDueDate: string | null;
  due: boolean;
  overdue: boolean;
  probationEnd: string | null;
  memberId: number | null;
  version: number;
}

export interface DevelopmentStepInfo {
  code: DevelopmentStepCode;
  number: number;
  label: string;
  stage: DevelopmentStage;
  decidedBy: DevelopmentDecisionBody | null;
  decidedByLabel: string | null;
  needsApproval: boolean;
  checklist: string[];
  fields: Array<keyof DevelopmentStepDetails>;
  timeRule: string | null;
}

export interface DevelopmentStatus {
  stage: DevelopmentStage | null;
  cancelled: boolean;
  stageSince: string | null;
  daysInStage: number | null;
  joinedOn: string | null;
  probationEnd: string | null;
  fullOn: string | null;
  next: {
    step: DevelopmentStepInfo;
    earliestDate: string | null;
    dueDate: string | null;
    ready: boolean;
    overdue: boolean;
  } | null;
  lateSteps: Array<{ step: DevelopmentStepCode; message: string; dueDate: string }>;
}

export interface DevelopmentStepRecord {
  id: number;
  seq: number;
  step: DevelopmentStepCode;
  number: number;
  label: string;
  stage: DevelopmentStage;
  date: string;
  decidedByLabel: string | null;
  decisionRef: string | null;
  note: string | null;
  people: Array<{ id: number; name: string }>;
  politicalReviewPassed: boolean | null;
  trainingDays: number | null;
  trainingHours: number | null;
  outcome: ProbationOutcome | null;
  outcomeLabel: string | null;
  extensionMonths: number | null;
  late: boolean;
  attachments: Array<{ id: number; fileName: string; size: number }>;
}

export interface DevelopmentDetail extends DevelopmentRecord {
  steps: DevelopmentStepRecord[];
  status: DevelopmentStatus;
}

export interface DevelopmentListQuery {
  orgId: number;
  q?: string | undefined;
  stage?: DevelopmentRecordStage | undefined;
  due?: 'true' | undefined;
  sort: (typeof DEVELOPMENT_SORTS)[number];
  page: number;
  pageSize: number;
}

export interface DevelopmentPipeline {
  asOf: string;
  total: number;
  due: number;
  overdue: number;
  stages: Array<{
    stage: DevelopmentRecordStage;
    count: number;
    due: number;
    overdue: number;
    longestSince: string | null;
  }>;
}

export const developmentKeys = {
  all: ['development'] as const,
  list: (q: DevelopmentListQuery) => ['development', 'list', q] as const,
  pipeline: (orgId: number) => ['development', 'pipeline', orgId] as const,
  detail: (id: number) => ['development', 'detail', id] as const,
};

export const fetchDevelopmentList = (q: DevelopmentListQuery, signal?: AbortSignal) =>
  apiFetch<{ items: DevelopmentRecord[]; total: number; page: number; pageSize: number }>('/api/development', {
    query: { ...q },
    signal,
  });
export const fetchPipeline = (orgId: number, signal?: AbortSignal) =>
  apiFetch<DevelopmentPipeline>('/api/development/pipeline', { query: { orgId }, signal });
export const fetchDevelopment = (id: number) => apiFetch<DevelopmentDetail>(`/api/development/${id}`);
export const createDevelopment = (input: TDevelopmentCreate) =>
  apiFetch<DevelopmentDetail>('/api/development', { method: 'POST', body: input });
export const recordDevelopmentStep = (id: number, input: TDevelopmentStepCreate) =>
  apiFetch<DevelopmentDetail & { warnings: Array<{ message: string }> }>(`/api/development/${id}/steps`, {
    method: 'POST',
    body: input,
  });
