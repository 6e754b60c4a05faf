// A list page keeps its filters, page and page size in the URL, so a reload, the back button or a shared link shows
// the same list.
import { useSearchParams } from 'react-router';

export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || 20;
  /** Writes the changes into the URL; null or '' removes a parameter. */
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  /** The table's pagination, bound to the URL's page and page size. */
  const pagination = {
    current: page,
    pageSize,
    onChange: (p: number, ps: number) => set({ page: String(p), pageSize: String(ps) }),
  };
  return { params, page, pageSize, set, pagination };
}
