// The metric routes (一数一源) the dashboard, the full-screen display and the catalogue page read.
import type {
  MetricChildrenTable,
  MetricInfo,
  MetricPeriodKind,
  MetricRecordPage,
  MetricTrendPoint,
  MetricValue,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

/** ISO dates, both inclusive. */
export interface Period {
  from: string;
  to: string;
}

export interface MetricValues {
  orgId: number;
  from: string;
  to: string;
  values: MetricValue[];
  /** Keys the user may not see: left out, not failed. */
  denied: string[];
}

export interface MetricTrend {
  key: string;
  label: string;
  unit: string;
  period: MetricPeriodKind;
  points: MetricTrendPoint[];
}

/** The server answers at most this many keys per request. */
const KEYS_PER_REQUEST = 100;

export const metricKeys = {
  all: ['metrics'] as const,
  catalogue: ['metrics', 'catalogue'] as const,
  values: (orgId: number, keys: readonly string[], period: Period, compare: Period | null) =>
    ['metrics', 'values', orgId, keys.join(','), period.from, period.to, compare?.from, compare?.to] as const,
  value: (key: string, orgId: number, period: Period) =>
    ['metrics', 'value', key, orgId, period.from, period.to] as const,
  records: (key: string, orgId: number, period: Period, page: number, pageSize: number) =>
    ['metrics', 'records', key, orgId, period.from, period.to, page, pageSize] as const,
  trend: (key: string, orgId: number, to: string) => ['metrics', 'trend', key, orgId, to] as const,
  children: (orgId: number, keys: readonly string[], period: Period) =>
    ['metrics', 'children', orgId, keys.join(','), period.from, period.to] as const,
};

const periodQuery = (period: Period, compare: Period | null = null) => ({
  from: period.from,
  to: period.to,
  compareFrom: compare?.from,
  compareTo: compare?.to,
});

export const fetchCatalogue = () => apiFetch<{ items: MetricInfo[] }>('/api/metrics');

/** Many metrics of one org and period, in as few requests as the server allows. */
export async function fetchMetricValues(
  orgId: number,
  keys: readonly string[],
  period: Period,
  compare: Period | null,
): Promise<MetricValues> {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_REQUEST) chunks.push(keys.slice(i, i + KEYS_PER_REQUEST));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      apiFetch<MetricValues>('/api/metrics/values', {
        query: { keys: chunk.join(','), orgId, ...periodQuery(period, compare) },
      }),
    ),
  );
  return {
    orgId,
    ...period,
    values: answers.flatMap((a) => a.values),
    denied: answers.flatMap((a) => a.denied),
  };
}

export const fetchMetricValue = (key: string, orgId: number, period: Period) =>
  apiFetch<MetricValue>(`/api/metrics/${encodeURIComponent(key)}`, { query: { orgId, ...periodQuery(period) } });

export const fetchMetricRecords = (key: string, orgId: number, period: Period, page: number, pageSize: number) =>
  apiFetch<MetricRecordPage>(`/api/metrics/${encodeURIComponent(key)}/records`, {
    query: { orgId, ...periodQuery(period), page, pageSize },
  });

export const metricRecordsExportUrl = (key: string) => `/api/metrics/${encodeURIComponent(key)}/records/export`;

export const fetchMetricTrend = (key: string, orgId: number, to: string, months = 12) =>
  apiFetch<MetricTrend>(`/api/metrics/${encodeURIComponent(key)}/trend`, { query: { orgId, to, months } });

export const fetchChildrenTable = (orgId: number, keys: readonly string[], period: Period) =>
  apiFetch<MetricChildrenTable>('/api/metrics/children', {
    query: { keys: keys.join(','), orgId, ...periodQuery(period) },
  });

export const CHILDREN_EXPORT_URL = '/api/metrics/children/export';
