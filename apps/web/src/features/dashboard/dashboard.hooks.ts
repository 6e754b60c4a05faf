// The catalogue, the period in the URL (a year or a custom range; default this year to today; 同比 on or off) and
// the values of a set of metrics for the chosen org.
import { addYears, isValidIsoDate, type MetricInfo, type MetricValue, todayIso } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useUrlFilters } from '../../ui/use-url-filters';
import { fetchCatalogue, fetchMetricValues, metricKeys, type Period } from './dashboard.api';

/** The catalogue the user may see, and each metric by key. */
export function useMetricCatalogue() {
  const query = useQuery({ queryKey: metricKeys.catalogue, queryFn: fetchCatalogue, staleTime: 5 * 60_000 });
  const byKey = useMemo(() => new Map((query.data?.items ?? []).map((m) => [m.key, m])), [query.data]);
  return { query, byKey };
}

export type Catalogue = ReadonlyMap<string, MetricInfo>;

/** The first year the year picker offers. */
const FIRST_YEAR = 1921;

export interface DashboardPeriod {
  period: Period;
  /** The chosen year, or null for a custom range. */
  year: number | null;
  /** 同比: the same period one year earlier, or null when off. */
  compare: Period | null;
  setYear: (year: number) => void;
  setRange: (range: Period) => void;
  setCompare: (on: boolean) => void;
}

export function useDashboardPeriod(): DashboardPeriod {
  const { params, set } = useUrlFilters();
  const today = todayIso();
  const thisYear = Number(today.slice(0, 4));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const custom = isValidIsoDate(from) && isValidIsoDate(to) && from <= to;
  const asked = Number(params.get('year'));
  const year = custom ? null : Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear;
  const periodFrom = year === null ? from : `${year}-01-01`;
  const periodTo = year === null ? to : year === thisYear ? today : `${year}-12-31`;
  const yoy = params.get('yoy') === '1';
  const period = useMemo(() => ({ from: periodFrom, to: periodTo }), [periodFrom, periodTo]);
  const compare = useMemo(
    () => (yoy ? { from: addYears(periodFrom, -1), to: addYears(periodTo, -1) } : null),
    [yoy, periodFrom, periodTo],
  );
  return {
    period,
    year,
    compare,
    setYear: (y) => set({ year: y === thisYear ? null : String(y), from: null, to: null }),
    setRange: (r) => set({ from: r.from, to: r.to, year: null }),
    setCompare: (on) => set({ yoy: on ? '1' : null }),
  };
}

/** The values of the catalogue's metrics among `keys` (others are not asked: the server would refuse them). */
export function useMetricValues(
  orgId: number | null,
  keys: readonly string[],
  catalogue: Catalogue,
  period: Period,
  compare: Period | null,
  refetchInterval?: number,
) {
  const known = useMemo(() => keys.filter((k) => catalogue.has(k)), [keys, catalogue]);
  const query = useQuery({
    queryKey: metricKeys.values(orgId ?? 0, known, period, compare),
    queryFn: () => fetchMetricValues(orgId!, known, period, compare),
    enabled: Boolean(orgId) && known.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const byKey = useMemo(
    () => new Map<string, MetricValue>((query.data?.values ?? []).map((v) => [v.key, v])),
    [query.data],
  );
  return { query, byKey, asked: known.length };
}
