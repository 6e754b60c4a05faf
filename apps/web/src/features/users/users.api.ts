import type { Role } from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface UserGrant {
  role: Role;
  roleLabel: string;
  orgId: number;
  orgName: string;
  includeSubtree: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface User {
  id: number;
  username: string;
  name: string;
  disabled: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  failedLogins?: number;
  version: number;
  createdAt: string;
  updatedAt?: string;
  grants: UserGrant[];
}

export interface GrantInput {
  role: Role;
  orgId: number;
  includeSubtree: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface UserPage {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (q: { q?: string | undefined; page: number; pageSize: number }) => ['users', 'list', q] as const,
  detail: (id: number) => ['users', 'detail', id] as const,
};

export const fetchUsers = (q: { q?: string | undefined; page: number; pageSize: number }, signal?: AbortSignal) =>
  apiFetch<UserPage>('/api/users', { query: q, signal });
export const fetchUser = (id: number) => apiFetch<User>(`/api/users/${id}`);
export const createUser = (input: { username: string; name: string; password: string; grants: GrantInput[] }) =>
  apiFetch<User>('/api/users', { method: 'POST', body: input });
export const updateUser = (
  id: number,
  input: { name?: string; disabled?: boolean; grants?: GrantInput[]; version: number },
) => apiFetch<User>(`/api/users/${id}`, { method: 'PATCH', body: input });
export const resetUserPassword = (id: number, password: string) =>
  apiFetch<{ ok: boolean }>(`/api/users/${id}/password`, { method: 'POST', body: { password } });
export const unlockUser = (id: number) => apiFetch<User>(`/api/users/${id}/unlock`, { method: 'POST' });

export function isLocked(u: Pick<User, 'lockedUntil'>, now = new Date()): boolean {
  return u.lockedUntil !== null && u.lockedUntil > now.toISOString();
}
