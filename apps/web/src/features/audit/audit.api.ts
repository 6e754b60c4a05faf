import { apiFetch } from '../../app/api-client';

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  orgPath: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  hash: string;
}

export interface AuditQuery {
  userId?: number | undefined;
  entity?: string | undefined;
  entityId?: number | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: number;
}

export const auditKeys = {
  list: (q: AuditQuery) => ['audit', 'list', q] as const,
};

export const fetchAudit = (q: AuditQuery, signal?: AbortSignal) =>
  apiFetch<{ items: AuditRow[]; total: number; page: number; pageSize: number }>('/api/audit', {
    query: { ...q },
    signal,
  });
export const verifyAuditChain = () => apiFetch<ChainVerification>('/api/audit/verify');
