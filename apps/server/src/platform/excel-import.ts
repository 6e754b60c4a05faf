// The import of a ledger sheet as a job, in two passes (DESIGN.md "Long jobs"):
//  1. validate: the sheet is streamed row by row, checked a chunk at a time (the module's rules, its look-ups batched
//     per chunk); every error goes to the job's error file (row, column, reason), every valid row, normalised, to its
//     rows file; progress is rows read / rows the sheet declares;
//  2. write, only when no row has an error: the rows file is read back in chunks inside one transaction.
// Memory holds one chunk of rows plus what the module keeps to check duplicates, never the file.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AppError, type Permission } from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import type { CounterBatch } from './counter-batch.js';
import {
  type CellValue,
  cellText,
  type LedgerColumn,
  normalizeHeader,
  type RowError,
  readFirstSheet,
  readNdjson,
} from './excel.js';
import { countRunningJobs, createJob, type JobDto, JobFailure, type JobProgress, startJob, toJobDto } from './jobs.js';
import { type Scope, scopeOf } from './scope.js';
import { jobFilePath, type ReceivedUpload, removeJobFiles } from './uploads.js';

export type { RowError };

/** A data row: its Excel row number and its cells by column header (only the ledger's known columns). */
export interface ImportRow {
  row: number;
  cells: Record<string, CellValue>;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LedgerImport<R> {
  columns: readonly LedgerColumn[];
  /** Checks a chunk of rows (in file order); returns, for each row, its errors (non-empty) or its record. */
  validate(rows: ImportRow[]): Promise<Array<RowError[] | R>>;
  /** Writes the records, in chunks in file order, inside the import's one transaction. */
  write(trx: Db, chunks: AsyncIterable<R[]>): Promise<ImportCounts>;
}

export const IMPORT_CHUNK = 500;
/** Rows one import takes; a larger file is refused before anything is written (split it). */
export const MAX_IMPORT_ROWS = 1_000_000;
/** How many errors the job's result lists (all are counted, and all are in the annotated workbook). */
export const MAX_LISTED_ERRORS = 1000;

export interface ImportResult extends ImportCounts {
  rows: number;
  /** Seconds spent checking the rows and writing them (the write transaction). */
  seconds: { validate: number; write: number };
}

export interface ImportFailure {
  rows: number;
  errorCount: number;
  errorRows: number;
  errors: RowError[];
}

async function writeLine(stream: WriteStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

async function closeStream(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  stream.end();
  await once(stream, 'close');
}

const UNREADABLE = '文件无法读取：不是有效的 .xlsx 文件，或文件已损坏。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';

/** Runs both passes over the uploaded file `fileKey`; throws JobFailure with the row errors when any row is wrong. */
export async function runLedgerImport<R>(
  db: Db,
  fileKey: string,
  spec: LedgerImport<R>,
  progress: JobProgress,
): Promise<ImportResult> {
  const errorsPath = jobFilePath(fileKey, 'errors.ndjson');
  const rowsPath = jobFilePath(fileKey, 'rows.ndjson');
  const errorsOut = createWriteStream(errorsPath);
  const rowsOut = createWriteStream(rowsPath);
  const listed: RowError[] = [];
  let errorCount = 0;
  let errorRows = 0;
  let rows = 0;
  const addErrors = async (errs: RowError[]) => {
    errorRows++;
    for (const e of errs) {
      errorCount++;
      if (listed.length < MAX_LISTED_ERRORS) listed.push(e);
      await writeLine(errorsOut, e);
    }
  };

  const started = Date.now();
  try {
    await progress.phase('validating');
    const known = new Map(spec.columns.map((c) => [normalizeHeader(c.header), c] as const));
    let header: Array<LedgerColumn | undefined> | null = null;
    let chunk: ImportRow[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const outcomes = await spec.validate(chunk);
      for (let i = 0; i < chunk.length; i++) {
        const o = outcomes[i]!;
        if (Array.isArray(o)) await addErrors(o);
        else await writeLine(rowsOut, o);
      }
      chunk = [];
      await progress.advance(rows);
    };

    const sheet = readFirstSheet(jobFilePath(fileKey, 'upload.xlsx'), (lastRow) =>
      progress.setTotal(lastRow === null ? null : Math.max(0, lastRow - 1)),
    );
    for (;;) {
      let next: IteratorResult<{ row: number; cells: CellValue[] }>;
      try {
        next = await sheet.next();
      } catch {
        throw new AppError('BAD_REQUEST', UNREADABLE);
      }
      if (next.done) break;
      const { row, cells } = next.value;
      const texts = cells.map((c) => cellText(c ?? null));
      if (texts.every((t) => t === '')) continue;
      if (header === null) {
        header = [];
        const seen = new Map<string, number>();
        const headerErrors: RowError[] = [];
        texts.forEach((t, i) => {
          const col = known.get(normalizeHeader(t));
          if (!col) return;
          if (seen.has(col.header)) {
            headerErrors.push({ row, column: col.header, reason: `与第${seen.get(col.header)}列重复` });
          }
          seen.set(col.header, i);
          header![i] = col;
        });
        for (const c of spec.columns) {
          if (c.required && !seen.has(c.header)) {
            headerErrors.push({ row, column: c.header, reason: '缺少此列（请使用导入模板，不要删改表头）' });
          }
        }
        if (headerErrors.length > 0) {
          await addErrors(headerErrors);
          break;
        }
        continue;
      }
      const record: Record<string, CellValue> = {};
      for (let i = 1; i < header.length; i++) {
        const col = header[i];
        if (col) record[col.header] = cells[i] ?? null;
      }
      if (Object.values(record).every((v) => cellText(v) === '')) continue;
      rows++;
      if (rows > MAX_IMPORT_ROWS) {
        throw new AppError('BAD_REQUEST', `文件超过 ${MAX_IMPORT_ROWS.toLocaleString('zh-CN')} 行，请分成几个文件导入`);
      }
      chunk.push({ row, cells: record });
      if (chunk.length >= IMPORT_CHUNK) await flush();
    }
    await sheet.return(undefined);
    await flush();
    await closeStream(errorsOut);
    await closeStream(rowsOut);
    await progress.advance(rows);

    if (header === null) throw new JobFailure('文件是空的：第一个工作表中没有表头和数据', failure(0, 0, 0, []));
    if (errorCount > 0) {
      throw new JobFailure(
        `发现 ${errorCount} 处错误（涉及 ${errorRows} 行），未导入任何数据。请按错误说明修改后重新导入`,
        failure(rows, errorCount, errorRows, listed),
      );
    }
    if (rows === 0) throw new JobFailure('文件中没有可导入的数据行', failure(0, 0, 0, []));

    await progress.phase('writing');
    const validated = Date.now();
    const counts = await db.transaction().execute((trx) => spec.write(trx, chunksOf<R>(rowsPath)));
    const seconds = { validate: (validated - started) / 1000, write: (Date.now() - validated) / 1000 };
    return { rows, ...counts, seconds };
  } catch (err) {
    await closeStream(errorsOut).catch(() => {});
    await closeStream(rowsOut).catch(() => {});
    // Only a failure with row errors keeps its error file (for the annotated workbook).
    if (!(err instanceof JobFailure) || errorCount === 0) await removeJobFiles(fileKey, ['errors.ndjson']);
    throw err;
  }
}

function failure(rows: number, errorCount: number, errorRows: number, errors: RowError[]): ImportFailure {
  return { rows, errorCount, errorRows, errors };
}

async function* chunksOf<R>(path: string): AsyncGenerator<R[]> {
  let chunk: R[] = [];
  for await (const r of readNdjson<R>(path)) {
    chunk.push(r);
    if (chunk.length >= IMPORT_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * One row of a ledger sheet as a module's checks read it: cells and their text by column key, and its errors, the
 * first per column kept (one reason per cell is what the annotated workbook shows).
 */
export function rowReader<K extends string>(r: ImportRow, headerOf: (key: K) => string) {
  const errors: RowError[] = [];
  const fail = (key: K, reason: string) => {
    const column = headerOf(key);
    if (!errors.some((e) => e.column === column)) errors.push({ row: r.row, column, reason });
  };
  const cell = (key: K): CellValue => r.cells[headerOf(key)] ?? null;
  return {
    errors,
    fail,
    cell,
    text: (key: K) => cellText(cell(key)),
    /** A schema's issues (zod), each on the column of its field; fields without a column are left out. */
    failIssues(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>, columnOf: Record<string, K>) {
      for (const issue of issues) {
        const key = columnOf[String(issue.path[0])];
        if (key) fail(key, issue.message);
      }
    },
  };
}

/**
 * The end of an import's write, inside its transaction: the counter deltas merged over all rows applied at once, and
 * one audit row for the import itself (file and counts) beside the rows of each record.
 */
export async function finishImportWrite(
  trx: Db,
  actor: Actor,
  done: { entity: string; scope: Scope; fileName: string; counters: CounterBatch; counts: ImportCounts },
): Promise<ImportCounts> {
  await done.counters.apply(trx);
  await recordAudit(trx, actor, {
    action: 'import',
    entity: done.entity,
    entityId: null,
    orgPath: done.scope[0]?.path ?? null,
    after: { fileName: done.fileName, ...done.counts },
  });
  return done.counts;
}

/**
 * Whether a stored row already holds the column values an import row would write, so that importing the same file
 * again changes nothing. Compared as the drivers return them: null and undefined alike, numbers whether they come
 * back as numbers or as numeric strings.
 */
export function holdsValues(stored: object, values: Record<string, unknown>): boolean {
  const row = stored as Record<string, unknown>;
  return Object.entries(values).every(([key, v]) => {
    const had = row[key] ?? null;
    const want = v ?? null;
    return had === want || (typeof want === 'number' && had !== null && Number(had) === want);
  });
}

/** The files an import job leaves behind: all of them after success; after failure the upload and its errors. */
export async function cleanupImportFiles(fileKey: string, succeeded: boolean): Promise<void> {
  await removeJobFiles(fileKey, succeeded ? ['upload.xlsx', 'errors.ndjson', 'rows.ndjson'] : ['rows.ndjson']);
}

/**
 * Starts a ledger import as a job: access first, one import at a time per user, the upload received and checked,
 * then the job runs after this returns (the caller answers 202 with the job).
 */
export async function startLedgerImport<R>(
  ctx: AppContext,
  actor: Actor,
  options: {
    kind: string;
    permission: Permission;
    receive: () => Promise<ReceivedUpload>;
    log: FastifyBaseLogger;
    ledger: (scope: Scope, fileName: string) => LedgerImport<R>;
  },
): Promise<JobDto> {
  const scope = scopeOf(actor, options.permission);
  if ((await countRunningJobs(ctx.db, actor.userId, 'import.')) > 0) {
    throw new AppError('TOO_MANY_REQUESTS', '您有一个导入任务正在进行，请等它完成后再导入');
  }
  const upload = await options.receive();
  const job = await createJob(ctx.db, {
    kind: options.kind,
    createdBy: actor.userId,
    params: { fileName: upload.fileName, bytes: upload.bytes, mode: 'all-or-nothing' },
    fileKey: upload.fileKey,
  });
  startJob(
    ctx.db,
    job,
    options.log,
    (progress) => runLedgerImport(ctx.db, upload.fileKey, options.ledger(scope, upload.fileName), progress),
    (state) => cleanupImportFiles(upload.fileKey, state === 'succeeded'),
  );
  return toJobDto(job);
}
