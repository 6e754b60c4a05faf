import type {
  ComplianceStatus,
  MeetingKind,
  MemberReviewResult,
  ObligationCycle,
  OrgKind,
  Sector,
  TExemptionCreate,
  TMeetingCreate,
  TMeetingUpdate,
  TObligationCreate,
  TObligationUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface MeetingListItem {
  id: number;
  orgId: number;
  orgName: string;
  kind: MeetingKind;
  kindLabel: string;
  date: string;
  topic: string;
  host: string;
  place: string | null;
  attendeeCount: number;
  absentCount: number;
  late: boolean;
  version: number;
  createdAt: string;
}

export interface Attachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

export interface Meeting extends MeetingListItem {
  minutes: string | null;
  attendees: Array<{ memberId: number; name: string }>;
  absences: Array<{ memberId: number; name: string; reason: string }>;
  results: Array<{ memberId: number; name: string; result: MemberReviewResult; resultLabel: string }>;
  attachments: Attachment[];
}

export interface MeetingListQuery {
  orgId: number;
  kind?: MeetingKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
  late?: 'true' | undefined;
  sort?: string | undefined;
  page: number;
  pageSize: number;
}

export interface OrgMemberOnDate {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  status: string;
}

type TallyStatus = Exclude<ComplianceStatus, 'not_applicable'>;
export interface Tally {
  owing: number;
  met: number;
  short: number;
  in_progress: number;
  exempt: number;
}
export interface Compliance {
  org: { id: number; name: string };
  period: { key: string; label: string; start: string; end: string };
  kinds: Array<Tally & { kind: MeetingKind; label: string }>;
  children: Array<Tally & { orgId: number; name: string }>;
  orgs: {
    items: Array<{
      orgId: number;
      name: string;
      status: TallyStatus;
      kinds: Array<{
        kind: MeetingKind;
        held: number;
        expected: number;
        status: TallyStatus;
        periods: Array<{
          key: string;
          held: number;
          expected: number;
          status: ComplianceStatus;
          reason: string | null;
        }>;
      }>;
    }>;
    total: number;
    page: number;
    pageSize: number;
  };
}

export interface Obligation {
  id: number;
  version: number;
  kind: MeetingKind;
  kindLabel: string;
  cycle: ObligationCycle;
  cycleLabel: string;
  expected: number;
  orgKinds: OrgKind[];
  orgKindLabels: string[];
  sectors: Sector[] | null;
  sectorLabels: string[] | null;
  requiresCommittee: boolean;
  startsOn: string | null;
}

export interface Exemption {
  id: number;
  orgId: number;
  orgName: string;
  kind: MeetingKind | null;
  kindLabel: string;
  periodKey: string;
  reason: string;
  createdAt: string;
}

export const lifeKeys = {
  all: ['life'] as const,
  meetings: (q: MeetingListQuery) => ['life', 'meetings', q] as const,
  meeting: (id: number) => ['life', 'meeting', id] as const,
  members: (orgId: number, date: string) => ['life', 'members', orgId, date] as const,
  compliance: (orgId: number, period: string, status: string | undefined, page: number) =>
    ['life', 'compliance', orgId, period, status, page] as const,
  obligations: ['life', 'obligations'] as const,
  exemptions: (orgId: number, period: string | undefined, page: number) =>
    ['life', 'exemptions', orgId, period, page] as const,
};

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const fetchMeetings = (q: MeetingListQuery, signal?: AbortSignal) =>
  apiFetch<Page<MeetingListItem>>('/api/life/meetings', { query: { ...q }, signal });
export const fetchMeeting = (id: number) => apiFetch<Meeting>(`/api/life/meetings/${id}`);
export const createMeeting = (input: TMeetingCreate) =>
  apiFetch<Meeting>('/api/life/meetings', { method: 'POST', body: input });
export const updateMeeting = (id: number, patch: TMeetingUpdate) =>
  apiFetch<Meeting>(`/api/life/meetings/${id}`, { method: 'PATCH', body: patch });
export const deleteMeeting = (id: number, version: number) =>
  apiFetch<void>(`/api/life/meetings/${id}`, { method: 'DELETE', query: { version } });
export const fetchOrgMembersOn = (orgId: number, date: string) =>
  apiFetch<{ items: OrgMemberOnDate[] }>(`/api/orgs/${orgId}/life/members`, { query: { date } });

export const fetchCompliance = (orgId: number, period: string, status: string | undefined, page: number) =>
  apiFetch<Compliance>(`/api/orgs/${orgId}/life/compliance`, { query: { period, status, page, pageSize: 20 } });

export const fetchObligations = () => apiFetch<{ items: Obligation[] }>('/api/life/obligations');
export const createObligation = (input: TObligationCreate) =>
  apiFetch<Obligation>('/api/life/obligations', { method: 'POST', body: input });
export const updateObligation = (id: number, patch: TObligationUpdate) =>
  apiFetch<Obligation>(`/api/life/obligations/${id}`, { method: 'PATCH', body: patch });
export const deleteObligation = (id: number, version: number) =>
  apiFetch<void>(`/api/life/obligations/${id}`, { method: 'DELETE', query: { version } });

export const fetchExemptions = (orgId: number, period: string | undefined, page: number) =>
  apiFetch<Page<Exemption>>(`/api/orgs/${orgId}/life/exemptions`, { query: { period, page, pageSize: 20 } });
export const createExemption = (input: TExemptionCreate) =>
  apiFetch<Exemption>('/api/life/exemptions', { method: 'POST', body: input });
export const deleteExemption = (id: number) => apiFetch<void>(`/api/life/exemptions/${id}`, { method: 'DELETE' });
