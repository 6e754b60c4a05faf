import type {
  TWeakOrgCreate,
  TWeakOrgListQuery,
  TWeakOrgUpdate,
  WeakOrgAction,
  WeakOrgReason,
  WeakOrgStatus,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface WeakOrg {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  reasons: WeakOrgReason[];
  reasonLabels: string[];
  reasonDetail: string | null;
  plan: string;
  leaderName: string;
  leaderTitle: string | null;
  measures: string[];
  deadline: string;
  status: WeakOrgStatus;
  statusLabel: string;
  overdue: boolean;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  version: number;
  updatedAt: string;
}

export interface WeakOrgDetail extends WeakOrg {
  events: Array<{
    id: number;
    action: string;
    actionLabel: string;
    toStatus: WeakOrgStatus;
    note: string | null;
    userName: string;
    at: string;
  }>;
  can: { edit: boolean; submit: boolean; decide: boolean };
}

export type WeakOrgCounts = Record<WeakOrgStatus | 'total' | 'overdue', number>;
export type WeakOrgListQuery = Omit<TWeakOrgListQuery, 'orgId'> & { orgId: number };

export const weakOrgKeys = {
  all: ['weak-orgs'] as const,
  list: (q: WeakOrgListQuery) => ['weak-orgs', 'list', q] as const,
  detail: (id: number) => ['weak-orgs', 'detail', id] as const,
};

export const fetchWeakOrgs = (q: WeakOrgListQuery, signal?: AbortSignal) =>
  apiFetch<{ items: WeakOrg[]; total: number; page: number; pageSize: number; counts: WeakOrgCounts }>(
    '/api/weak-orgs',
    { query: { ...q }, signal },
  );
export const fetchWeakOrg = (id: number) => apiFetch<WeakOrgDetail>(`/api/weak-orgs/${id}`);
export const createWeakOrg = (input: TWeakOrgCreate) =>
  apiFetch<WeakOrgDetail>('/api/weak-orgs', { method: 'POST', body: input });
export const updateWeakOrg = (id: number, patch: TWeakOrgUpdate) =>
  apiFetch<WeakOrgDetail>(`/api/weak-orgs/${id}`, { method: 'PATCH', body: patch });
export const decideWeakOrg = (id: number, action: WeakOrgAction, body: { version: number; note?: string | null }) =>
  apiFetch<WeakOrgDetail>(`/api/weak-orgs/${id}/${action}`, { method: 'POST', body });
