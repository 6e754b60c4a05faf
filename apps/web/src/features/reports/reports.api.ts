// 工作汇报: drafts, templates, the preview and suggested 存在的问题, and exports as jobs.
import type {
  RenderedReport,
  ReportDraftDto,
  ReportExportFormat,
  ReportMissing,
  ReportSuggestion,
  ReportTemplateDto,
  TReportDraftCreate,
  TReportDraftUpdate,
  TReportPreview,
  TReportTemplateCreate,
  TReportTemplateUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ReportPeriod {
  from: string;
  to: string;
  compareFrom?: string | null;
  compareTo?: string | null;
}

/** An export job as GET /api/jobs/:id shows it: the phase while running, the file once it succeeded. */
export interface ReportExportJob {
  id: number;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  total: number | null;
  done: number;
  result: {
    phase?: 'rendering' | 'writing';
    fileName?: string;
    format?: ReportExportFormat;
    figures?: number;
    missing?: ReportMissing[];
  } | null;
  error: string | null;
}

export const reportKeys = {
  all: ['reports'] as const,
  drafts: (q: object) => ['reports', 'drafts', q] as const,
  draft: (id: number) => ['reports', 'draft', id] as const,
  builtin: ['reports', 'templates', 'builtin'] as const,
  templates: (q: object) => ['reports', 'templates', q] as const,
  preview: (q: object) => ['reports', 'preview', q] as const,
  suggestions: (orgId: number, p: ReportPeriod) => ['reports', 'suggestions', orgId, p] as const,
  job: (id: number) => ['reports', 'job', id] as const,
};

export const fetchDrafts = (q: { orgId: number; q?: string; page: number; pageSize: number }) =>
  apiFetch<Page<ReportDraftDto>>('/api/report-drafts', { query: q });
export const fetchDraft = (id: number) => apiFetch<ReportDraftDto>(`/api/report-drafts/${id}`);
export const createDraft = (body: TReportDraftCreate) =>
  apiFetch<ReportDraftDto>('/api/report-drafts', { method: 'POST', body });
export const updateDraft = (id: number, body: TReportDraftUpdate) =>
  apiFetch<ReportDraftDto>(`/api/report-drafts/${id}`, { method: 'PATCH', body });
export const deleteDraft = (id: number, version: number) =>
  apiFetch<void>(`/api/report-drafts/${id}`, { method: 'DELETE', query: { version } });

export const fetchBuiltinTemplates = () => apiFetch<{ items: ReportTemplateDto[] }>('/api/report-templates/builtin');
export const fetchTemplates = (q: { page: number; pageSize: number; q?: string }) =>
  apiFetch<Page<ReportTemplateDto>>('/api/report-templates', { query: q });
export const createTemplate = (body: TReportTemplateCreate) =>
  apiFetch<ReportTemplateDto>('/api/report-templates', { method: 'POST', body });
export const updateTemplate = (id: number, body: TReportTemplateUpdate) =>
  apiFetch<ReportTemplateDto>(`/api/report-templates/${id}`, { method: 'PATCH', body });
export const deleteTemplate = (id: number, version: number) =>
  apiFetch<void>(`/api/report-templates/${id}`, { method: 'DELETE', query: { version } });

export const previewReport = (body: TReportPreview, signal?: AbortSignal) =>
  apiFetch<RenderedReport>('/api/report-drafts/preview', { method: 'POST', body, signal });
export const fetchSuggestions = (orgId: number, p: ReportPeriod) =>
  apiFetch<{ items: ReportSuggestion[] }>('/api/report-drafts/suggestions', { query: { orgId, ...p } });

export const startExport = (draftId: number, format: ReportExportFormat) =>
  apiFetch<ReportExportJob>(`/api/report-drafts/${draftId}/exports`, { method: 'POST', body: { format } });
export const rerunExport = (jobId: number) =>
  apiFetch<ReportExportJob>(`/api/report-exports/${jobId}/rerun`, { method: 'POST' });
export const fetchExportJob = (jobId: number) => apiFetch<ReportExportJob>(`/api/jobs/${jobId}`);
export const exportFileUrl = (jobId: number) => `/api/report-exports/${jobId}/file`;
