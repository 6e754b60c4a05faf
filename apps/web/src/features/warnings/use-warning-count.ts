// The layout badge: how many warnings the chosen org's subtree has, from the same list the page shows.
import { useQuery } from '@tanstack/react-query';
import { fetchWarnings, warningKeys } from './warnings.api';

export function useWarningCount(orgId: number | null, enabled: boolean): number | null {
  const q = { page: 1, pageSize: 1 };
  const query = useQuery({
    queryKey: warningKeys.list(orgId ?? 0, q),
    queryFn: () => fetchWarnings(orgId!, q),
    enabled: enabled && Boolean(orgId),
    staleTime: 60_000,
  });
  return query.data ? query.data.total : null;
}
