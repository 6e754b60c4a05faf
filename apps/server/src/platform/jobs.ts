// Long jobs (DESIGN.md "Long jobs"): one row per job with its progress (rows done / total), run in this process
// after the request that started it has returned, ending `succeeded` with a result or `failed` with a message (and
// a result, e.g. the row errors of an import). A job still `running` when the server starts was cut off by a
// restart and is marked failed; imports write in one transaction, so such a job has written nothing.
// One server process runs the jobs it starts (DESIGN.md: one deployable service).
import { AppError } from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { nowIso } from './clock.js';
import { notFound } from './errors.js';
import type { JobRow, JobState } from './jobs.table.js';

/** Imports, exports and reports alike: the user runs the job again (an import by uploading its file again). */
export const JOB_INTERRUPTED_MESSAGE = '服务重启，任务中断，请重新运行';

export interface JobDto {
  id: number;
  kind: string;
  state: JobState;
  total: number | null;
  done: number;
  result: unknown;
  error: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    total: row.total === null ? null : Number(row.total),
    done: Number(row.done),
    result: parseJson(row.result),
    error: row.error,
  };
}

export function jobParams<T>(row: JobRow): T {
  return parseJson(row.params) as T;
}

export async function createJob(
  db: Db,
  job: { kind: string; createdBy: number; params: unknown; fileKey: string | null },
): Promise<JobRow> {
  const r = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      state: 'running',
      total: null,
      createdBy: job.createdBy,
      createdAt: nowIso(),
      finishedAt: null,
      params: JSON.stringify(job.params ?? {}),
      result: null,
      error: null,
      fileKey: job.fileKey,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return r;
}

/** The job, only for the user who started it (anyone else gets the same 404 as for a job that does not exist). */
export async function getOwnJob(db: Db, actor: Actor, id: number): Promise<JobRow> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', id)
    .where('createdBy', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound('任务');
  return row;
}

export async function countRunningJobs(db: Db, userId: number, kindPrefix: string): Promise<number> {
  const r = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('createdBy', '=', userId)
    .where('state', '=', 'running')
    .where('kind', '>=', kindPrefix)
    .where('kind', '<', `${kindPrefix}~`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** At start: whatever was running belonged to a process that is gone. */
export async function failInterruptedJobs(db: Db): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'failed', error: JOB_INTERRUPTED_MESSAGE, finishedAt: nowIso() })
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A job ending in failure with a result worth showing (e.g. the row errors of an import). */
export class JobFailure extends Error {
  readonly result: unknown;
  constructor(message: string, result: unknown) {
    super(message);
    this.name = 'JobFailure';
    this.result = result;
  }
}

/** What a running job reports: the total when known, rows done (written at most every 300 ms), and its phase. */
export interface JobProgress {
  setTotal(total: number | null): void;
  /** Rows done so far; cheap to call for every row. */
  advance(done: number): Promise<void>;
  /** A named phase (validating, writing) shown in `result.phase` while running; flushes the progress. */
  phase(name: string): Promise<void>;
  /** Writes the progress now (done at the end of the job). */
  flush(): Promise<void>;
}

function progressOf(db: Db, id: number): JobProgress {
  let total: number | null = null;
  let done = 0;
  let written = -1;
  let writtenAt = 0;
  let totalDirty = false;
  const flush = async () => {
    written = done;
    writtenAt = Date.now();
    const set = totalDirty ? { done, total } : { done };
    totalDirty = false;
    await db.updateTable('jobs').set(set).where('id', '=', id).execute();
  };
  return {
    setTotal(t) {
      total = t;
      totalDirty = true;
    },
    async advance(d) {
      done = d;
      if (done !== written && Date.now() - writtenAt >= 300) await flush();
    },
    async flush() {
      if (done !== written || totalDirty) await flush();
    },
    async phase(name) {
      await db
        .updateTable('jobs')
        .set({ result: JSON.stringify({ phase: name }) })
        .where('id', '=', id)
        .execute();
      await flush();
    },
  };
}

// Jobs running in this process, per database (tests run several databases in one process).
const running = new WeakMap<Db, Map<number, Promise<void>>>();

/**
 * Runs `work` after the current request has returned. Its return value is the job's result (`succeeded`); a
 * JobFailure or an AppError fails it with that message; anything else fails it with a generic message (logged).
 */
export function startJob(
  db: Db,
  job: JobRow,
  log: FastifyBaseLogger,
  work: (progress: JobProgress) => Promise<unknown>,
  cleanup: (state: JobState) => Promise<void> = async () => {},
): void {
  const progress = progressOf(db, job.id);
  const finish = async (state: JobState, result: unknown, error: string | null) => {
    await progress.flush();
    await db
      .updateTable('jobs')
      .set({ state, result: JSON.stringify(result ?? null), error, finishedAt: nowIso() })
      .where('id', '=', job.id)
      .execute();
  };
  const run = async () => {
    await new Promise((r) => setImmediate(r));
    let state: JobState = 'failed';
    try {
      const result = await work(progress);
      await finish('succeeded', result, null);
      state = 'succeeded';
    } catch (err) {
      if (err instanceof JobFailure) await finish('failed', err.result, err.message);
      else if (err instanceof AppError) await finish('failed', null, err.message);
      else {
        log.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
        await finish('failed', null, '任务执行出错，请稍后重试；如仍出错请联系管理员');
      }
    } finally {
      try {
        await cleanup(state);
      } catch (err) {
        log.warn({ err, jobId: job.id }, 'job cleanup failed');
      }
    }
  };
  const perDb = running.get(db) ?? new Map<number, Promise<void>>();
  running.set(db, perDb);
  const promise = run()
    .catch((err) => log.error({ err, jobId: job.id }, 'job bookkeeping failed'))
    .finally(() => perDb.delete(job.id));
  perDb.set(job.id, promise);
}

/** Resolves when the jobs running in this process on `db` have ended (for shutdown and tests), or after `timeoutMs`. */
export async function waitForJobs(db: Db, timeoutMs = 60_000): Promise<void> {
  const perDb = running.get(db);
  if (!perDb || perDb.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(perDb.values()),
    new Promise((r) => {
      timer = setTimeout(r, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
