import type {
  AgeBand,
  Education,
  Ethnicity,
  Gender,
  MEMBER_SORTS,
  MemberFlag,
  MemberStatus,
  Occupation,
  TMemberCreate,
  TMemberUpdate,
  TransferKind,
  TransferState,
  TTransferIn,
  TTransferOut,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Member {
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
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
  phoneMasked: string | null;
  address: string | null;
  flags: MemberFlag[];
  pendingTransferId: number | null;
  /** 转出系统外: the record is history from this date. */
  leftOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type MemberSort = (typeof MEMBER_SORTS)[number];

export interface MemberListQuery {
  orgId?: number | undefined;
  q?: string | undefined;
  status?: MemberStatus | undefined;
  gender?: Gender | undefined;
  ethnicity?: Ethnicity | undefined;
  education?: Education | undefined;
  occupation?: Occupation | undefined;
  ageBand?: AgeBand | undefined;
  flag?: MemberFlag | undefined;
  inTransfer?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
  sort: MemberSort;
  /** Keyset paging: the previous page's nextCursor (then `page` is ignored). */
  cursor?: string | undefined;
}

export interface MemberPage extends Page<Member> {
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

export interface Transfer {
  id: number;
  /** 系统内, or 转出系统外 / 从系统外转入 (the outside org by name only, its id null). */
  kind: TransferKind;
  memberId: number;
  memberName: string;
  fromOrgId: number | null;
  fromOrgName: string;
  toOrgId: number | null;
  toOrgName: string;
  state: TransferState;
  reason: string | null;
  letterNo: string | null;
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  transferDate: string | null;
  externalRegion: string | null;
}

export interface TransferListQuery {
  orgId?: number | undefined;
  direction: 'in' | 'out';
  state?: TransferState | undefined;
  kind?: TransferKind | undefined;
  page: number;
  pageSize: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  ip?: string | null;
  action: string;
  entity?: string;
  entityId?: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const memberKeys = {
  all: ['members'] as const,
  list: (q: MemberListQuery) => ['members', 'list', q] as const,
  feed: (q: Omit<MemberListQuery, 'page' | 'cursor'>) => ['members', 'feed', q] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  history: (id: number, page: number) => ['members', 'history', id, page] as const,
  transfers: (q: TransferListQuery) => ['members', 'transfers', q] as const,
  transfer: (id: number) => ['members', 'transfer', id] as const,
};

export const fetchMembers = (q: MemberListQuery, signal?: AbortSignal) =>
  apiFetch<MemberPage>('/api/members', { query: { ...q }, signal });
export const fetchMember = (id: number) => apiFetch<Member>(`/api/members/${id}`);
export const revealMember = (id: number) =>
  apiFetch<{ idNumber: string; phone: string | null }>(`/api/members/${id}/reveal`, { method: 'POST' });
export const createMember = (input: TMemberCreate) => apiFetch<Member>('/api/members', { method: 'POST', body: input });
export const updateMember = (id: number, patch: TMemberUpdate) =>
  apiFetch<Member>(`/api/members/${id}`, { method: 'PATCH', body: patch });
export const fetchMemberHistory = (id: number, page: number, pageSize = 20) =>
  apiFetch<Page<HistoryEntry>>(`/api/members/${id}/history`, { query: { page, pageSize } });

export const requestTransfer = (
  memberId: number,
  input: { toOrgId: number; reason: string | null; letterNo: string | null; version: number },
) => apiFetch<Transfer>(`/api/members/${memberId}/transfers`, { method: 'POST', body: input });
export const fetchTransfers = (q: TransferListQuery) => apiFetch<Page<Transfer>>('/api/transfers', { query: { ...q } });
export const fetchTransfer = (id: number) => apiFetch<Transfer>(`/api/transfers/${id}`);
export const decideTransfer = (id: number, decision: 'accept' | 'reject' | 'cancel', reason: string | null) =>
  apiFetch<Transfer>(`/api/transfers/${id}/${decision}`, { method: 'POST', body: reason ? { reason } : {} });
export const transferOut = (memberId: number, input: TTransferOut) =>
  apiFetch<Transfer>(`/api/members/${memberId}/transfer-out`, { method: 'POST', body: input });
export const transferIn = (input: TTransferIn) =>
  apiFetch<{ transfer: Transfer; member: Member }>('/api/transfers/external-in', { method: 'POST', body: input });
