// The org chosen in the tree is kept in the URL (?org=ID) and scopes the org, member and transfer pages.
import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useOrgRoots } from '../features/orgs/orgs.hooks';

/** Pages that show the chosen org's subtree; choosing another org stays on them. */
const SCOPED_PATHS = [
  '/dashboard',
  '/metrics',
  '/reports',
  '/reports/new',
  '/forms',
  '/forms/fill',
  '/forms/edit',
  '/reports/check',
  '/orgs',
  '/orgs/warnings',
  '/dues',
  '/dues/arrears',
  '/members',
  '/transfers',
  '/mobile',
  '/development',
  '/weak-orgs',
  '/inspections',
  '/elections',
  '/star-ratings',
  '/star-ratings/scorecard',
  '/tasks',
  '/tasks/assignments',
  '/projects',
  '/contact-points',
  '/life/meetings',
  '/life/compliance',
  '/life/exemptions',
];

export function useSelectedOrgId(): number | null {
  const [params] = useSearchParams();
  const roots = useOrgRoots();
  const raw = Number(params.get('org'));
  if (Number.isInteger(raw) && raw > 0) return raw;
  return roots.data?.items[0]?.id ?? null;
}

/** A link to a page of the chosen org's subtree. */
export function scopedHref(path: string, orgId: number | null, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (orgId) params.set('org', String(orgId));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export function useSelectOrg(): (orgId: number) => void {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return useCallback(
    (orgId: number) => {
      if (SCOPED_PATHS.includes(location.pathname)) {
        const next = new URLSearchParams(params);
        next.set('org', String(orgId));
        next.delete('page');
        navigate({ pathname: location.pathname, search: next.toString() });
      } else {
        navigate(scopedHref('/orgs', orgId));
      }
    },
    [location.pathname, navigate, params],
  );
}
