import type { Generated, Selectable } from 'kysely';

export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

// A long job (导入等): progress while it runs, its result (JSON) or error when it ends. `file_key` names its files in
// the upload directory (the uploaded workbook, its row errors).
export interface JobTable {
  id: Generated<number>;
  kind: string;
  state: JobState;
  total: number | null;
  done: Generated<number>;
  createdBy: number;
  createdAt: string;
  finishedAt: string | null;
  /** JSON: what the job was asked to do (file name, mode). */
  params: string;
  /** JSON: counts, error summary; while running, the phase. */
  result: string | null;
  error: string | null;
  fileKey: string | null;
}
export type JobRow = Selectable<JobTable>;
