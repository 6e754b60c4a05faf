// The logged-in user, from GET /api/auth/me (which also gives the CSRF token, so a reload keeps working), and what
// the user's roles allow. The server decides; the UI only hides what would be refused.
import { type Permission, roleHasPermission } from '@grassroots/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authKeys, fetchSession, type Session, type SessionUser } from '../features/auth/auth.api';
import { setCsrfToken } from './api-client';

export interface OrgChain {
  /** The org itself. */
  id: number;
  /** Ancestors the user may see, from the top (the org detail's breadcrumb); may include the org itself. */
  ancestorIds: readonly number[];
}

export interface AuthState {
  user: SessionUser | null;
  isLoading: boolean;
  error: unknown;
  /** Whether any of the user's roles holds the permission somewhere. */
  can: (permission: Permission) => boolean;
  /** Whether a grant whose role holds the permission covers this org. */
  canAt: (permission: Permission, org: OrgChain | null | undefined) => boolean;
  setSession: (session: Session | null) => void;
  /** Ends the session in the UI (after logout, or when the server says it is gone); the layout then sends to /login. */
  endSession: (reason: 'logout' | 'expired', notice?: string) => void;
  /** Why there is no session now, when it ended in this tab. */
  ended: { reason: 'logout' | 'expired'; notice: string | undefined } | null;
  refetch: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: authKeys.me,
    queryFn: async () => {
      const session = await fetchSession();
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: 5 * 60_000,
    retry: 1,
  });
  // A login or logout shows at once (query caches notify a tick later, after the router has moved on).
  const [override, setOverride] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState<AuthState['ended']>(null);
  useEffect(() => {
    if (query.data !== undefined) setOverride(undefined);
  }, [query.data]);
  const session = override !== undefined ? override : query.data;
  const user = session?.user ?? null;

  const can = useCallback(
    (permission: Permission) => (user?.grants ?? []).some((g) => roleHasPermission(g.role, permission)),
    [user],
  );
  const canAt = useCallback(
    (permission: Permission, org: OrgChain | null | undefined) => {
      if (!org || !user) return false;
      return user.grants.some(
        (g) =>
          roleHasPermission(g.role, permission) &&
          (g.orgId === org.id || (g.includeSubtree && org.ancestorIds.includes(g.orgId))),
      );
    },
    [user],
  );
  const setSession = useCallback(
    (next: Session | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      setOverride(next);
      if (next) setEnded(null);
      queryClient.setQueryData(authKeys.me, next);
    },
    [queryClient],
  );
  const endSession = useCallback(
    (reason: 'logout' | 'expired', notice?: string) => {
      setEnded({ reason, notice });
      setSession(null);
      // Nothing the previous user saw stays in the cache.
      queryClient.removeQueries({ predicate: (q) => !['auth', 'health'].includes(String(q.queryKey[0])) });
    },
    [queryClient, setSession],
  );
  const { refetch: refetchQuery } = query;
  const refetch = useCallback(() => void refetchQuery(), [refetchQuery]);

  const value = useMemo<AuthState>(
    () => ({
      user,
      isLoading: session === undefined && query.isPending,
      error: query.error,
      can,
      canAt,
      setSession,
      endSession,
      ended,
      refetch,
    }),
    [user, session, query.isPending, query.error, can, canAt, setSession, endSession, ended, refetch],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
