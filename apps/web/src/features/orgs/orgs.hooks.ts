import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type OrgChain, useAuth } from '../../app/auth-context';
import { fetchChildren, fetchOrg, fetchOrgStats, fetchRoots, type OrgDetail, orgKeys } from './orgs.api';

export function useOrgRoots() {
  const { user } = useAuth();
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchRoots, staleTime: 60_000, enabled: user !== null });
}

export function useOrg(id: number | null | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => fetchOrg(id!),
    enabled: typeof id === 'number' && id > 0,
  });
}

export function useOrgChildren(id: number | null | undefined, includeClosed = false) {
  return useQuery({
    queryKey: orgKeys.children(id ?? 0, includeClosed),
    queryFn: () => fetchChildren(id!, includeClosed),
    enabled: typeof id === 'number' && id > 0,
    placeholderData: keepPreviousData,
  });
}

export function useOrgStats(id: number | null | undefined) {
  return useQuery({
    queryKey: orgKeys.stats(id ?? 0),
    queryFn: () => fetchOrgStats(id!),
    enabled: typeof id === 'number' && id > 0,
  });
}

/** The chain used by `canAt`: the org and its visible ancestors. */
export function orgChainOf(org: Pick<OrgDetail, 'id' | 'breadcrumb'> | undefined | null): OrgChain | null {
  return org ? { id: org.id, ancestorIds: org.breadcrumb.map((b) => b.id) } : null;
}
