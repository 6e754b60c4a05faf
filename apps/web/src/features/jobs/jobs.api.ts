// Long jobs (imports): the job's progress and result, starting an import, downloading ledgers.
import { apiFetch, apiUpload } from '../../app/api-client';

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
  seconds?: { validate: number; write: number };
}

export interface ImportFailure {
  rows: number;
  errorCount: number;
  errorRows: number;
  errors: RowError[];
}

export interface Job {
  id: number;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  total: number | null;
  done: number;
  result: (Partial<ImportSummary> & Partial<ImportFailure> & { phase?: 'validating' | 'writing' }) | null;
  error: string | null;
}

export const jobKeys = { job: (id: number) => ['jobs', id] as const };

export const fetchJob = (id: number) => apiFetch<Job>(`/api/jobs/${id}`);

export function startImport(url: string, file: File): Promise<Job> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiUpload<Job>(url, form, { mode: 'all-or-nothing' });
}
