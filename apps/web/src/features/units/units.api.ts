import type { TUnitCreate, TUnitUpdate, UnitType } from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Unit {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  unitType: UnitType;
  unitTypeLabel: string;
  fullMembers: number;
  employees: number | null;
  coveringOrgId: number | null;
  coveringOrgName: string | null;
  isOrgGap: boolean;
  version: number;
}

export interface UnitListQuery {
  orgId: number;
  q?: string | undefined;
  unitType?: UnitType | undefined;
  gap?: 'true' | undefined;
  page: number;
  pageSize: number;
}

export const unitKeys = {
  all: ['units'] as const,
  list: (q: UnitListQuery) => ['units', 'list', q] as const,
};

export function fetchUnits(q: UnitListQuery, signal?: AbortSignal) {
  return apiFetch<{ items: Unit[]; total: number; page: number; pageSize: number }>('/api/units', {
    query: { ...q },
    signal,
  });
}

export function createUnit(input: TUnitCreate) {
  return apiFetch<Unit>('/api/units', { method: 'POST', body: input });
}

export function updateUnit(id: number, patch: TUnitUpdate) {
  return apiFetch<Unit>(`/api/units/${id}`, { method: 'PATCH', body: patch });
}
