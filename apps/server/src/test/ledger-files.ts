// Excel files for ledger tests, made in the test with exceljs (no binary fixtures): a sheet from header + rows, the
// multipart body of an upload, a valid member row, reading a downloaded workbook back, waiting for a job.
import { type Gender, makeIdNumber } from '@grassroots/domain';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Session } from './factories.js';

export type SheetCell = string | number | Date | null;

/** A workbook whose first sheet has the header row and the rows (cells by header; missing ones left empty). */
export async function xlsxOf(
  header: readonly string[],
  rows: ReadonlyArray<Record<string, SheetCell>>,
  sheetName = 'Sheet1',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The multipart/form-data body of one file field. */
export function multipart(
  buffer: Buffer,
  fileName = '党员台账.xlsx',
  field = 'file',
  contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----grassroots${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    buffer,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const MEMBER_HEADER = [
  '姓名',
  '身份证号码',
  '性别',
  '民族',
  '出生日期',
  '学历',
  '职业类别',
  '党员类别',
  '入党时间',
  '转正时间',
  '联系电话',
  '家庭住址',
  '标记',
  '组织代码',
] as const;

/** A valid member row of the ledger for org `orgCode`; `n` makes the ID number unique (area 650102, not seeded). */
export function memberSheetRow(orgCode: string, n: number, overrides: Record<string, SheetCell> = {}) {
  const gender: Gender = n % 2 === 0 ? 'female' : 'male';
  const birthDate = `19${70 + (n % 25)}-0${1 + (n % 9)}-1${n % 10}`;
  const area = String(650102 + Math.floor(n / 500));
  return {
    姓名: `导入党员${n}`,
    身份证号码: makeIdNumber(area, birthDate, n % 500, gender),
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    出生日期: birthDate,
    学历: '大学本科',
    职业类别: '专业技术人员',
    党员类别: '正式党员',
    入党时间: '2015-07-01',
    转正时间: '2016-07-01',
    联系电话: `1370000${String(n % 10000).padStart(4, '0')}`,
    家庭住址: null,
    标记: null,
    组织代码: orgCode,
    ...overrides,
  };
}

/** Every row of every sheet of a workbook, as plain values (index 0 = first column). */
export async function readXlsx(buffer: Buffer): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    out.set(ws.name, rows);
  });
  return out;
}

export interface JobBody {
  id: number;
  kind: string;
  state: 'running' | 'succeeded' | 'failed';
  total: number | null;
  done: number;
  result: {
    created?: number;
    updated?: number;
    unchanged?: number;
    rows?: number;
    errorCount?: number;
    errors?: Array<{ row: number; column: string; reason: string }>;
  } | null;
  error: string | null;
}

/** Polls the job until it ends (the test's own timeout bounds the wait). */
export async function waitForJob(app: FastifyInstance, s: Session, id: number): Promise<JobBody> {
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: s.read });
    if (res.statusCode !== 200) throw new Error(`GET /api/jobs/${id}: ${res.statusCode} ${res.body}`);
    const job = res.json() as JobBody;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Uploads a workbook to an import route and waits for its job. */
export async function importFile(
  app: FastifyInstance,
  s: Session,
  url: string,
  buffer: Buffer,
  fileName = '党员台账.xlsx',
): Promise<JobBody> {
  const body = multipart(buffer, fileName);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...s.write, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 202) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return waitForJob(app, s, (res.json() as JobBody).id);
}
