import type { ElectionMethod, TElectionCreate } from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';
import type { OrgDetail } from '../orgs/orgs.api';

export interface Election {
  id: number;
  orgId: number;
  electedOn: string;
  method: ElectionMethod;
  methodLabel: string;
  termYears: number;
  eligibleVoters: number;
  presentVoters: number;
  secretary: { name: string; votes: number };
  committee: Array<{ name: string; votes: number }>;
  approvalRef: string | null;
  note: string | null;
  previousTermStart: string | null;
  previousTermYears: number | null;
  previousSecretaryName: string | null;
  recordedByName: string;
}

export const electionKeys = {
  all: ['elections'] as const,
  list: (orgId: number, page: number, pageSize: number) => ['elections', orgId, page, pageSize] as const,
};

export const fetchElections = (orgId: number, page: number, pageSize: number) =>
  apiFetch<{ items: Election[]; total: number; page: number; pageSize: number }>(`/api/orgs/${orgId}/elections`, {
    query: { page, pageSize },
  });
export const recordElection = (orgId: number, input: TElectionCreate) =>
  apiFetch<{ election: Election; org: OrgDetail }>(`/api/orgs/${orgId}/elections`, { method: 'POST', body: input });
