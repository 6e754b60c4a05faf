// Uploaded workbooks for import jobs: received from a multipart request into a file of the upload directory (never
// held in memory), checked to be .xlsx by name and by content (a zip), and kept with the job's other files (its row
// errors, its validated rows) under one random key until the job no longer needs them.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export const UPLOAD_DIR = join(tmpdir(), 'grassroots-uploads');
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Files of failed imports stay this long for the annotated error workbook, then go. */
export const UPLOAD_RETENTION_MS = 24 * 3600_000;

/** An import's upload, row errors and valid rows; a report export's file (工作汇报). */
export type JobFileKind = 'upload.xlsx' | 'errors.ndjson' | 'rows.ndjson' | 'report.docx' | 'report.md';

export function jobFilePath(fileKey: string, kind: JobFileKind): string {
  if (!/^[a-f0-9]{32}$/.test(fileKey)) throw new Error('invalid file key');
  return join(UPLOAD_DIR, `${fileKey}.${kind}`);
}

export interface ReceivedUpload {
  fileKey: string;
  /** The name the user's file had (shown back in messages and in the error workbook's name). */
  fileName: string;
  bytes: number;
}

const NOT_XLSX =
  '只能导入 .xlsx 格式的 Excel 文件（WPS、Excel 2007 及以上版本）；.xls、.csv 等文件请先在 Excel 中“另存为” .xlsx';
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Receives the multipart field `file` into the upload directory; 400 for anything but an .xlsx, 413 when too big. */
export async function receiveXlsxUpload(request: FastifyRequest): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', '请以表单方式上传文件（字段名 file）');
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
  } catch (err) {
    throw uploadError(err);
  }
  if (part?.fieldname !== 'file') throw new AppError('BAD_REQUEST', '请选择要导入的文件（字段名 file）');
  const fileName = part.filename || '导入文件.xlsx';
  if (!/\.xlsx$/i.test(fileName)) {
    part.file.resume();
    throw new AppError('BAD_REQUEST', NOT_XLSX, { file: NOT_XLSX });
  }
  await mkdir(UPLOAD_DIR, { recursive: true });
  const fileKey = randomBytes(16).toString('hex');
  const path = jobFilePath(fileKey, 'upload.xlsx');
  try {
    await pipeline(part.file, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw uploadError(err);
  }
  // Past the limit the stream just ends (truncated): refuse rather than read the first 50 MB as a broken workbook.
  if (part.file.truncated) {
    await rm(path, { force: true });
    throw uploadError(Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' }));
  }
  const { size } = await stat(path);
  const head = Buffer.alloc(4);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (size < 4 || !head.equals(ZIP_MAGIC)) {
    await rm(path, { force: true });
    throw new AppError('BAD_REQUEST', `文件内容不是有效的 .xlsx 文件。${NOT_XLSX}`, { file: '文件内容不是 .xlsx' });
  }
  return { fileKey, fileName, bytes: size };
}

function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件过大：单个文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请分成几个文件导入`,
    );
  }
  return new AppError('BAD_REQUEST', '文件上传不完整，请重新上传');
}

export async function removeJobFiles(fileKey: string, kinds: JobFileKind[]): Promise<void> {
  await Promise.all(kinds.map((k) => rm(jobFilePath(fileKey, k), { force: true })));
}

/** Deletes job files older than the retention (at start and hourly). */
export async function removeStaleUploads(now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(UPLOAD_DIR);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(UPLOAD_DIR, name);
    try {
      if (now - (await stat(path)).mtimeMs > UPLOAD_RETENTION_MS) {
        await rm(path, { force: true });
        removed++;
      }
    } catch {
      // removed meanwhile
    }
  }
  return removed;
}
