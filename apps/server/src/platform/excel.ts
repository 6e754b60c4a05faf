// Excel ledgers (台账): import templates, streamed reading of an uploaded sheet, streamed writing of an export to the
// reply, and the uploaded rows annotated with their errors. Reading and writing go row by row through exceljs'
// streaming reader and writer, so memory stays bounded whatever the number of rows.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of a ledger: its Chinese header, whether it must be filled, and how (a cell comment and 说明 row). */
export interface LedgerColumn {
  header: string;
  required: boolean;
  note: string;
  /** Allowed values (Chinese labels): a drop-down list in the template. */
  options?: readonly string[];
  /** Kept as text in the template (ID numbers, phones, dates, codes), so Excel does not turn them into numbers. */
  text?: boolean;
  example?: string;
  width?: number;
}

/** Rows of the template that carry the drop-down lists (the server checks every row anyway). */
export const TEMPLATE_VALIDATED_ROWS = 50_000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

interface WorksheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

/**
 * The import template: the data sheet (header row with a comment on each cell, drop-down lists, text formats), a
 * 说明 sheet (one row per column: required, format, allowed values, example), and a hidden sheet holding the lists.
 */
export async function buildTemplate(spec: {
  sheetName: string;
  columns: readonly LedgerColumn[];
  notes: readonly string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '基层党建工作平台';
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet('说明');
  const lists = wb.addWorksheet('选项', { state: 'hidden' });

  ws.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.getRow(1);
  header.height = 22;
  let listColumn = 0;
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF262626' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    cell.note = `${c.required ? '【必填】' : '【选填】'}${c.note}${c.options ? `\n可选值：${c.options.join('、')}` : ''}`;
    if (c.options) {
      listColumn++;
      const letter = columnLetter(listColumn);
      lists.getCell(`${letter}1`).value = c.header;
      c.options.forEach((o, k) => {
        lists.getCell(`${letter}${k + 2}`).value = o;
      });
      const col = columnLetter(i + 1);
      (ws as unknown as WorksheetValidations).dataValidations.add(`${col}2:${col}${TEMPLATE_VALIDATED_ROWS + 1}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`'选项'!$${letter}$2:$${letter}$${c.options.length + 1}`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: `${c.header}填写有误`,
        error: `请从下拉列表中选择${c.header}`,
      });
    }
  });

  help.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 60 },
    { header: '可选值', width: 50 },
    { header: '示例', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) {
    const row = help.addRow([
      c.header,
      c.required ? '必填' : '选填',
      c.note,
      c.options?.join('、') ?? '',
      c.example ?? '',
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const n of spec.notes) help.addRow([n]).getCell(1).font = { color: { argb: 'FF595959' } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading

/** A cell as the importer sees it: text, a number, a date (from a date-formatted cell), or empty. */
export type CellValue = string | number | Date | boolean | null;

function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(v);
}

/** Text of a cell (trimmed), whatever Excel stored: numbers without exponent when integral, dates as YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return isoDateOf(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return v ? '是' : '否';
}

function isoDateOf(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/**
 * A date column's cell as YYYY-MM-DD when it can be read as a date: a date cell, an Excel serial number, or text
 * such as 1990-3-7, 1990/03/07, 1990.3.7, 1990年3月7日. Anything else is returned as typed (the schema refuses it).
 */
export function cellDate(v: CellValue): string {
  if (v instanceof Date) return isoDateOf(v);
  if (typeof v === 'number' && v > 0 && v < 2958466) {
    return isoDateOf(new Date(Math.round((v - 25569) * 86400_000)));
  }
  const s = cellText(v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return s;
}

export interface SheetRow {
  /** The Excel row number (what the user sees at the left of the sheet). */
  row: number;
  /** Cells by column position, 1-based (index 0 unused). */
  cells: CellValue[];
}

type PartParser = (this: unknown, ...args: unknown[]) => unknown;

/** The chunks of one part as text, decoded as one UTF-8 stream (a character may straddle two chunks). */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4's streaming reader turns each chunk of a part's XML into text on its own, so a Chinese character split
 * between two chunks became U+FFFD: a few names in every thousand rows of a real ledger were imported garbled. Its
 * part parsers get the parts as text here instead: the zip entries they read decode as streams (setEncoding), and the
 * sheets, read from an iterator, through utf8Text.
 */
function decodePartsAsUtf8(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const parsers = reader as unknown as Record<string, PartParser>;
  const wrap = (name: string, wrapped: (original: PartParser) => PartParser) => {
    const original = parsers[name];
    if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader has no ${name}: check utf8 decoding`);
    parsers[name] = wrapped(original);
  };
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    wrap(
      name,
      (original) =>
        function (this: unknown, entry: unknown) {
          (entry as NodeJS.ReadableStream).setEncoding('utf8');
          return original.call(this, entry);
        },
    );
  }
  for (const name of ['_parseWorksheet', '_parseHyperlinks']) {
    wrap(
      name,
      (original) =>
        function (this: unknown, chunks: unknown, sheetNo: unknown) {
          return original.call(this, utf8Text(chunks as AsyncIterable<Buffer | string>), sheetNo);
        },
    );
  }
}

/** The rows the `<dimension ref="A1:N20001"/>` of a sheet announces, when the writer put one there. */
function dimensionRows(head: string): number | null {
  const m = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
  if (!m) return null;
  return m[1] ? Number(m[1]) : 1;
}

interface StreamedSheet {
  iterator?: AsyncIterable<unknown>;
}

/**
 * The first worksheet of a workbook file, row by row, streamed. `onDimension` gets the last row number the sheet
 * declares (Excel and WPS always write it; exceljs' streaming writer does not), before the first row arrives.
 */
export async function* readFirstSheet(
  path: string,
  onDimension: (lastRow: number | null) => void = () => {},
): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  decodePartsAsUtf8(reader);
  for await (const sheet of reader) {
    // The sheet's XML stream: peek at its first bytes for the dimension, then hand everything on unchanged.
    const streamed = sheet as unknown as StreamedSheet;
    const source = streamed.iterator;
    let announced = false;
    if (source && Symbol.asyncIterator in Object(source)) {
      streamed.iterator = (async function* () {
        let head = '';
        for await (const chunk of source) {
          if (!announced) {
            head += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('latin1');
            const found = dimensionRows(head);
            if (found !== null || head.includes('<sheetData') || head.length > 65536) {
              announced = true;
              onDimension(found);
            }
          }
          yield chunk;
        }
      })();
    }
    for await (const row of sheet) {
      const values = row.values as Array<ExcelJS.CellValue | undefined>;
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells[i] = plainValue(values[i]);
      yield { row: row.number, cells };
    }
    if (!announced) onDimension(null);
    // Only the first sheet is read; the rest of the file is drained by the reader.
    return;
  }
}

// ---- writing

/** `attachment` with an ASCII fallback name and the Chinese name in RFC 5987 `filename*`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** YYYYMMDD of today, for file names. */
export function fileDate(d = new Date()): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

export interface WorkbookStream {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /**
   * Waits until what was written has been compressed and taken by the client (call between batches of rows), so
   * memory holds about one batch whatever the size of the export.
   */
  drain(sheet: ExcelJS.Worksheet): Promise<void>;
  /** True once the client went away: stop producing. */
  readonly aborted: boolean;
}

/**
 * Sends an .xlsx produced row by row: headers first, then the workbook as `produce` commits rows, with backpressure
 * between batches. `produce` runs after the reply has started, so every access check must come before this call.
 * `onEnd` runs once when production stops (completed or not), e.g. to audit how many rows went out; the reply ends
 * only after it, so a client that has the whole file also has its audit row committed.
 */
export function sendWorkbook(
  reply: FastifyReply,
  fileName: string,
  produce: (out: WorkbookStream) => Promise<void>,
  onEnd: (completed: boolean) => Promise<void> = async () => {},
): FastifyReply {
  // exceljs' zip ends the stream it writes to as soon as the archive is complete: it writes to `zip`, which feeds
  // `body` (the reply) without ending it; `body` ends once `onEnd` is done.
  const zip = new PassThrough({ highWaterMark: 256 * 1024 });
  const body = new PassThrough({ highWaterMark: 256 * 1024 });
  zip.pipe(body, { end: false });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
  let aborted = false;
  const closed = new Promise<void>((r) => body.once('close', () => r()));
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) aborted = true;
  });
  const out: WorkbookStream = {
    workbook,
    async drain(sheet) {
      // exceljs writes a sheet's XML into the zip without backpressure: wait for the stage after it (the entry's
      // deflate input) to empty, then for the client if the reply is full.
      for (const pipe of sheetPipes(sheet)) {
        while (pipe.pending() > 256 * 1024 && !aborted) await Promise.race([pipe.drained(), closed]);
      }
      await new Promise((r) => setImmediate(r));
      if (zip.writableNeedDrain && !aborted) {
        await Promise.race([new Promise((r) => zip.once('drain', r)), closed]);
      }
    },
    get aborted() {
      return aborted;
    },
  };
  void (async () => {
    let completed = false;
    let failure: Error | null = null;
    try {
      await produce(out);
      if (!aborted) {
        await workbook.commit();
        // Every byte of the archive handed on to the reply (the zip's finish only says exceljs wrote it).
        if (!zip.readableEnded) await Promise.race([new Promise((r) => zip.once('end', r)), closed]);
        completed = zip.readableEnded;
      }
    } catch (err) {
      reply.log.error({ err }, 'workbook export failed');
      failure = err instanceof Error ? err : new Error(String(err));
    }
    try {
      await onEnd(completed);
    } catch (err) {
      reply.log.error({ err }, 'workbook export: after-export step failed');
    }
    if (completed) body.end();
    else {
      zip.destroy();
      // The headers are out, so the only answer left is to cut the connection; with the cause, so that a test's
      // inject reports it (not just "response destroyed before completion").
      if (failure && reply.raw.headersSent) reply.raw.destroy(failure);
      body.destroy(failure ?? undefined);
    }
  })();
  return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(fileName)).send(body);
}

interface PipeTarget {
  writableLength?: number;
  _writableState?: { length: number };
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * What exceljs' streamed sheet has written into the zip and is not yet compressed: the sheet pipes its XML into the
 * entry's stream (readable-stream, internal to exceljs 4) without backpressure. Empty if exceljs changes.
 */
function sheetPipes(sheet: ExcelJS.Worksheet): Array<{ pending(): number; drained(): Promise<void> }> {
  const pipes = (sheet as unknown as { _stream?: { pipes?: unknown } })._stream?.pipes;
  if (!Array.isArray(pipes)) return [];
  return pipes
    .filter((p): p is PipeTarget => typeof p === 'object' && p !== null && typeof (p as PipeTarget).once === 'function')
    .map((p) => ({
      pending: () => p.writableLength ?? p._writableState?.length ?? 0,
      drained: () => new Promise<void>((r) => p.once('drain', r)),
    }));
}

/** Header row style of exported ledgers. */
export function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
}

// ---- row errors (one NDJSON line each, in row order) and the annotated workbook

export interface RowError {
  /** Excel row number. */
  row: number;
  /** The column's header. */
  column: string;
  reason: string;
}

export async function* readNdjson<T>(path: string): AsyncGenerator<T> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}

/**
 * The uploaded sheet again, every row, with a 错误说明 column at the end and the cells in error highlighted: read
 * from the upload and the row-error file in step (both in row order), written as it goes.
 */
export async function writeAnnotatedSheet(out: WorkbookStream, uploadPath: string, errorsPath: string): Promise<void> {
  const ws = out.workbook.addWorksheet('导入错误');
  const errors = readNdjson<RowError>(errorsPath)[Symbol.asyncIterator]();
  let pending = await errors.next();
  let columnsByHeader = new Map<string, number>();
  let headerRow: number | null = null;
  let width = 0;
  let n = 0;
  for await (const { row, cells } of readFirstSheet(uploadPath)) {
    if (out.aborted) return;
    const own: RowError[] = [];
    while (!pending.done && pending.value.row <= row) {
      if (pending.value.row === row) own.push(pending.value);
      pending = await errors.next();
    }
    if (headerRow === null && cells.some((c) => cellText(c ?? null) !== '')) {
      headerRow = row;
      columnsByHeader = new Map();
      for (let i = 1; i < cells.length; i++) columnsByHeader.set(normalizeHeader(cellText(cells[i] ?? null)), i);
      width = cells.length - 1;
    }
    const isHeader = row === headerRow;
    const values: ExcelJS.CellValue[] = [];
    for (let i = 1; i <= width; i++) values[i] = cells[i] ?? null;
    const messages = own.map((e) => `${e.column}：${e.reason}`);
    values[width + 1] = (isHeader ? ['错误说明', ...messages] : messages).join('；');
    const written = ws.addRow(values.slice(1));
    if (isHeader) styleHeaderRow(written);
    for (const e of own) {
      const col = columnsByHeader.get(normalizeHeader(e.column));
      if (col !== undefined && col > 0) written.getCell(col).fill = ERROR_FILL;
    }
    if (own.length > 0 && !isHeader) written.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
    written.eachCell((c) => {
      if (c.value instanceof Date) c.numFmt = 'yyyy-mm-dd';
    });
    written.commit();
    if (++n % 1000 === 0) await out.drain(ws);
  }
  ws.commit();
}

/** Header text as matched against the known columns: without spaces and the required-marks users add. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}
