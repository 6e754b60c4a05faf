import type {
  AgeBand,
  Education,
  Gender,
  MemberStatus,
  Occupation,
  OrgKind,
  OrgWarning,
  Sector,
  TOrgCreate,
  TOrgUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Org {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  kindLabel: string;
  sector: Sector;
  sectorLabel: string;
  code: string;
  secretaryName: string | null;
  committee: string[];
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  termEnd: string | null;
  contactPhone: string | null;
  address: string | null;
  closedAt: string | null;
  closedReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrgNode extends Org {
  memberCount: number;
  fullMemberCount: number;
  childCount: number;
  hasChildren: boolean;
  warnings: OrgWarning[];
}

export interface OrgDetail extends OrgNode {
  breadcrumb: Array<{ id: number; name: string }>;
}

export interface OrgSearchItem {
  id: number;
  name: string;
  path: string;
  depth: number;
  kind: OrgKind;
  parentId: number | null;
  closedAt: string | null;
}

export interface MemberBreakdown {
  total: number;
  byStatus: Record<MemberStatus, number>;
  byGender: Record<Gender, number>;
  byEducation: Record<Education, number>;
  byAgeBand: Record<AgeBand, number>;
  byOccupation: Record<Occupation, number>;
}

export interface OrgBreakdown {
  total: number;
  byKind: Record<OrgKind, number>;
}

export interface OrgStats {
  orgId: number;
  name: string;
  asOf: string;
  members: MemberBreakdown;
  orgs: OrgBreakdown;
  children: Array<{ orgId: number; name: string; kind: OrgKind; members: MemberBreakdown; orgs: OrgBreakdown }>;
}

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  children: (id: number, includeClosed: boolean) => ['orgs', 'children', id, includeClosed] as const,
  stats: (id: number) => ['orgs', 'stats', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  transferTargets: (q: string) => ['orgs', 'transfer-targets', q] as const,
};

export const fetchRoots = () => apiFetch<{ items: OrgNode[] }>('/api/orgs/roots');
export const fetchOrg = (id: number) => apiFetch<OrgDetail>(`/api/orgs/${id}`);
export const fetchChildren = (id: number, includeClosed = false) =>
  apiFetch<{ items: OrgNode[] }>(`/api/orgs/${id}/children`, { query: { includeClosed } });
export const fetchOrgStats = (id: number) => apiFetch<OrgStats>(`/api/orgs/${id}/stats`);
export const searchOrgs = (q: string, signal?: AbortSignal) =>
  apiFetch<{ items: OrgSearchItem[] }>('/api/orgs/search', { query: { q, limit: 20 }, signal });
export const searchTransferTargets = (q: string, signal?: AbortSignal) =>
  apiFetch<{ items: Array<{ id: number; name: string; kind: OrgKind }> }>('/api/orgs/transfer-targets', {
    query: { q, limit: 20 },
    signal,
  });

export const createOrg = (input: TOrgCreate) => apiFetch<OrgDetail>('/api/orgs', { method: 'POST', body: input });
export const updateOrg = (id: number, patch: TOrgUpdate) =>
  apiFetch<OrgDetail>(`/api/orgs/${id}`, { method: 'PATCH', body: patch });
export const moveOrg = (id: number, input: { parentId: number; version: number }) =>
  apiFetch<OrgDetail>(`/api/orgs/${id}/move`, { method: 'POST', body: input });
export const closeOrg = (id: number, input: { version: number; reason: string }) =>
  apiFetch<OrgDetail>(`/api/orgs/${id}/close`, { method: 'POST', body: input });

/** The ids on a materialized path '/1/7/42/' → [1, 7, 42]. */
export function idsOfPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
