import type { WarningItem, WarningKind } from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export type WarningQuery = { kind?: WarningKind | undefined; page: number; pageSize: number };

export interface WarningPage {
  counts: Record<WarningKind, number>;
  items: WarningItem[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
}

export const warningKeys = {
  all: ['warnings'] as const,
  list: (orgId: number, q: WarningQuery) => ['warnings', orgId, q] as const,
};

export const fetchWarnings = (orgId: number, q: WarningQuery) =>
  apiFetch<WarningPage>(`/api/orgs/${orgId}/warnings`, { query: q });

export const warningExportUrl = (orgId: number) => `/api/orgs/${orgId}/warnings/export`;
