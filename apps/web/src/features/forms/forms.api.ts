// 统计表 (一表通) routes: the built-in and stored forms, a form's definition, filling it for an org and period (with
// 同比), the editor's preview, writes, and the Excel template upload.
import type {
  FilledForm,
  FormDetail,
  FormSummary,
  TFormCreate,
  TFormDefinition,
  TFormUpdate,
} from '@grassroots/domain';
import { apiFetch, apiUpload } from '../../app/api-client';
import type { Period } from '../dashboard/dashboard.api';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export interface FormListQuery {
  orgId: number;
  q?: string;
  archived?: 'true';
  sort?: string;
  page: number;
  pageSize: number;
}

export const formKeys = {
  all: ['forms'] as const,
  builtIn: ['forms', 'built-in'] as const,
  list: (q: FormListQuery) => ['forms', 'list', q] as const,
  detail: (key: string) => ['forms', 'detail', key] as const,
  fill: (key: string, orgId: number, period: Period, compare: Period | null) =>
    ['forms', 'fill', key, orgId, period.from, period.to, compare?.from, compare?.to] as const,
  preview: (definition: TFormDefinition, orgId: number, period: Period) =>
    ['forms', 'preview', JSON.stringify(definition), orgId, period.from, period.to] as const,
};

const periodQuery = (period: Period, compare: Period | null) => ({
  from: period.from,
  to: period.to,
  compareFrom: compare?.from,
  compareTo: compare?.to,
});

export const fetchBuiltInForms = () => apiFetch<{ items: FormSummary[] }>('/api/forms/built-in');
export const fetchForms = (q: FormListQuery) => apiFetch<Page<FormSummary>>('/api/forms', { query: { ...q } });
export const fetchForm = (key: string) => apiFetch<FormDetail>(`/api/forms/${encodeURIComponent(key)}`);

export const fetchFilledForm = (key: string, orgId: number, period: Period, compare: Period | null) =>
  apiFetch<FilledForm>(`/api/forms/${encodeURIComponent(key)}/fill`, {
    query: { orgId, ...periodQuery(period, compare) },
  });

export const fillExportPath = (key: string) => `/api/forms/${encodeURIComponent(key)}/fill/export`;
export const fillExportQuery = (orgId: number, period: Period, compare: Period | null, perChild: boolean) => ({
  orgId,
  ...periodQuery(period, compare),
  perChild: perChild ? 1 : undefined,
});

export const previewForm = (definition: TFormDefinition, orgId: number, period: Period) =>
  apiFetch<FilledForm>('/api/forms/preview', { method: 'POST', body: { definition, orgId, ...period } });

export const createForm = (input: TFormCreate) => apiFetch<FormDetail>('/api/forms', { method: 'POST', body: input });
export const updateForm = (id: number, input: TFormUpdate) =>
  apiFetch<FormDetail>(`/api/forms/${id}`, { method: 'PATCH', body: input });
export const archiveForm = (id: number, version: number) =>
  apiFetch<FormDetail>(`/api/forms/${id}/archive`, { method: 'POST', body: { version } });

export function uploadFormTemplate(file: File, orgId: number, name: string | undefined) {
  const form = new FormData();
  form.append('file', file);
  return apiUpload<FormDetail>('/api/forms/template', form, { orgId, name });
}
