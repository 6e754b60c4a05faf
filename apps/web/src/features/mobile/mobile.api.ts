import type {
  MOBILE_SORTS,
  MobileContactMethod,
  MobileListFilter,
  TMedalCreate,
  TMobileContactCreate,
  TMobileCreate,
  TMobileReturn,
  TMobileUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';
import type { Page } from '../members/members.api';

export interface MobileMember {
  id: number;
  memberId: number;
  memberName: string;
  memberPhoneMasked: string | null;
  orgId: number;
  orgName: string;
  destinationRegion: string;
  workplace: string | null;
  since: string;
  contactName: string | null;
  contactPhone: string | null;
  station: string | null;
  note: string | null;
  lastContactOn: string | null;
  lostContact: boolean;
  returnedOn: string | null;
  daysSinceContact: number | null;
  noContact: boolean;
  noContactDueOn: string | null;
  version: number;
}

export interface MobileContact {
  id: number;
  contactedOn: string;
  method: MobileContactMethod;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface Medal {
  id: number;
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  awardedOn: string;
  note: string | null;
}

export interface MobileListQuery {
  orgId?: number | undefined;
  memberId?: number | undefined;
  q?: string | undefined;
  filter: MobileListFilter;
  sort: (typeof MOBILE_SORTS)[number];
  page: number;
  pageSize: number;
}

export const mobileKeys = {
  all: ['mobile'] as const,
  list: (q: MobileListQuery) => ['mobile', 'list', q] as const,
  detail: (id: number) => ['mobile', 'detail', id] as const,
  contacts: (id: number, page: number) => ['mobile', 'contacts', id, page] as const,
  medals: (memberId: number) => ['mobile', 'medals', memberId] as const,
};

export const fetchMobileMembers = (q: MobileListQuery, signal?: AbortSignal) =>
  apiFetch<Page<MobileMember>>('/api/mobile-members', { query: { ...q }, signal });
export const fetchMobileMember = (id: number) => apiFetch<MobileMember>(`/api/mobile-members/${id}`);
export const fetchContacts = (id: number, page: number) =>
  apiFetch<Page<MobileContact>>(`/api/mobile-members/${id}/contacts`, { query: { page, pageSize: 10 } });
export const createMobileMember = (input: TMobileCreate) =>
  apiFetch<MobileMember>('/api/mobile-members', { method: 'POST', body: input });
export const updateMobileMember = (id: number, patch: TMobileUpdate) =>
  apiFetch<MobileMember>(`/api/mobile-members/${id}`, { method: 'PATCH', body: patch });
export const logContact = (id: number, input: TMobileContactCreate) =>
  apiFetch<MobileMember>(`/api/mobile-members/${id}/contacts`, { method: 'POST', body: input });
export const markReturned = (id: number, input: TMobileReturn) =>
  apiFetch<MobileMember>(`/api/mobile-members/${id}/return`, { method: 'POST', body: input });
export const fetchMedals = (memberId: number) =>
  apiFetch<Page<Medal>>('/api/medals', { query: { memberId, page: 1, pageSize: 5 } });
export const awardMedal = (input: TMedalCreate) => apiFetch<Medal>('/api/medals', { method: 'POST', body: input });
