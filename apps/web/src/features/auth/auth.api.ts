import type { Permission, Role } from '@grassroots/domain';
import { ApiError, apiFetch } from '../../app/api-client';

export interface SessionGrant {
  role: Role;
  roleLabel: string;
  orgId: number;
  orgName: string;
  includeSubtree: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  grants: SessionGrant[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface Health {
  ok: boolean;
  database: string;
  demo?: boolean;
}

export const authKeys = {
  me: ['auth', 'me'] as const,
  health: ['health'] as const,
};

/** The current session, or null when nobody is logged in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await apiFetch<Session>('/api/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function login(input: { username: string; password: string }): Promise<Session> {
  return apiFetch<Session>('/api/auth/login', { method: 'POST', body: input });
}

export function logout(): Promise<{ ok: boolean }> {
  return apiFetch('/api/auth/logout', { method: 'POST' });
}

export function changeOwnPassword(input: { oldPassword: string; newPassword: string }): Promise<{ ok: boolean }> {
  return apiFetch('/api/auth/password', { method: 'POST', body: input });
}

export function fetchHealth(): Promise<Health> {
  return apiFetch<Health>('/api/health');
}

export type { Permission };
