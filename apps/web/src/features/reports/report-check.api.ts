// 材料核数: check a pasted or uploaded report against the data, and the phrases users add to the dictionary.
import type {
  MetricPhraseDto,
  ReportCheckResult,
  ReportCheckUploadResult,
  TMetricPhraseCreate,
  TReportCheck,
} from '@grassroots/domain';
import { apiFetch, apiUpload } from '../../app/api-client';
import type { Page } from './reports.api';

export interface CheckPeriod {
  from: string;
  to: string;
}

export const reportCheckKeys = {
  phrases: (orgId: number, page: number, pageSize: number) => ['metric-phrases', orgId, page, pageSize] as const,
  allPhrases: ['metric-phrases'] as const,
};

export const checkReportText = (body: TReportCheck) =>
  apiFetch<ReportCheckResult>('/api/reports/check', { method: 'POST', body });

export function checkReportFile(file: File, orgId: number, period: CheckPeriod) {
  const form = new FormData();
  form.append('file', file);
  return apiUpload<ReportCheckUploadResult>('/api/reports/check/upload', form, { orgId, ...period });
}

export const fetchMetricPhrases = (orgId: number, page: number, pageSize: number) =>
  apiFetch<Page<MetricPhraseDto>>('/api/metric-phrases', { query: { orgId, page, pageSize } });

export const createMetricPhrase = (body: TMetricPhraseCreate) =>
  apiFetch<MetricPhraseDto>('/api/metric-phrases', { method: 'POST', body });

export const deleteMetricPhrase = (id: number) => apiFetch<void>(`/api/metric-phrases/${id}`, { method: 'DELETE' });
