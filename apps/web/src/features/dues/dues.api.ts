import type {
  DuesArrears,
  DuesCategory,
  DuesPayer,
  TDuesBaseCreate,
  TDuesBaseUpdate,
  TDuesPaymentCreate,
  TDuesPaymentUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export const DUES_IMPORT_URL = '/api/dues/import';
export const DUES_TEMPLATE_URL = '/api/dues/import-template';

export interface DuesBase {
  id: number;
  memberId: number;
  category: DuesCategory;
  categoryLabel: string;
  base: number | null;
  monthly: number;
  rate: number | null;
  fromMonth: string;
  untilMonth: string | null;
  note: string | null;
  version: number;
}

export interface DuesPayment {
  id: number;
  memberId: number;
  month: string;
  amount: number;
  due: number | null;
  paidOn: string;
  payer: DuesPayer;
  payerLabel: string;
  payerName: string | null;
  receiptNo: string | null;
  note: string | null;
  version: number;
}

export interface MemberDues {
  member: { id: number; name: string; orgId: number; orgName: string; joinedOn: string; status: string };
  upTo: string;
  current: DuesBase | null;
  bases: DuesBase[];
  payments: DuesPayment[];
  schedule: Array<{ month: string; due: number | null; paid: number | null; paymentId: number | null; owed: boolean }>;
  arrears: DuesArrears | null;
}

export interface FigureCounts {
  dueCount: number;
  dueMonths: number;
  due: number;
  paidCount: number;
  paidMonths: number;
  paid: number;
}
export interface DuesFigures {
  org: { id: number; name: string };
  months: { from: string | null; to: string | null };
  total: FigureCounts;
  rows: Array<FigureCounts & { orgId: number; orgName: string; own: boolean }>;
}

export interface ArrearsItem extends DuesArrears {
  memberId: number;
  name: string;
  orgId: number;
  orgName: string;
  category: DuesCategory | null;
  categoryLabel: string | null;
  monthly: number | null;
  owedAmount: number;
  firstUnpaid: string | null;
}

export interface ArrearsQuery {
  orgId: number;
  upTo?: string | undefined;
  flagged?: 'true' | undefined;
  minMonths?: number | undefined;
  q?: string | undefined;
  sort: string;
  page: number;
  pageSize: number;
}

export const duesKeys = {
  all: ['dues'] as const,
  member: (id: number) => ['dues', 'member', id] as const,
  figures: (orgId: number, period: { month?: string; year?: number }) => ['dues', 'figures', orgId, period] as const,
  arrears: (q: ArrearsQuery) => ['dues', 'arrears', q] as const,
  rate: (category: DuesCategory, base: number | null) => ['dues', 'rate', category, base] as const,
};

export const fetchMemberDues = (id: number, signal?: AbortSignal) =>
  apiFetch<MemberDues>(`/api/dues/members/${id}`, { signal });

export const fetchFigures = (orgId: number, period: { month?: string; year?: number }, signal?: AbortSignal) =>
  apiFetch<DuesFigures>('/api/dues/figures', { query: { orgId, ...period }, signal });

export const fetchArrears = (q: ArrearsQuery, signal?: AbortSignal) =>
  apiFetch<{ items: ArrearsItem[]; total: number; page: number; pageSize: number; upTo: string }>('/api/dues/arrears', {
    query: { ...q },
    signal,
  });

export const fetchRate = (category: DuesCategory, base: number | null, signal?: AbortSignal) =>
  apiFetch<{ monthly: number; rate: number | null }>('/api/dues/rate', {
    query: { category, base: base ?? undefined },
    signal,
  });

export const createBase = (memberId: number, input: TDuesBaseCreate) =>
  apiFetch<DuesBase>(`/api/dues/members/${memberId}/bases`, { method: 'POST', body: input });

export const updateBase = (id: number, input: TDuesBaseUpdate) =>
  apiFetch<DuesBase>(`/api/dues/bases/${id}`, { method: 'PUT', body: input });

export const recordPayment = (input: TDuesPaymentCreate) =>
  apiFetch<{ items: DuesPayment[] }>('/api/dues/payments', { method: 'POST', body: input });

export const updatePayment = (id: number, input: TDuesPaymentUpdate) =>
  apiFetch<DuesPayment>(`/api/dues/payments/${id}`, { method: 'PATCH', body: input });

export const deletePayment = (id: number, version: number) =>
  apiFetch<void>(`/api/dues/payments/${id}`, { method: 'DELETE', query: { version } });
