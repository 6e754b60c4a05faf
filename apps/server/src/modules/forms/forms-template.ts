// Excel templates of forms (一表通 in the county's own layout): an uploaded .xlsx whose cells hold `{{metric.key}}` or
// `{{formula}}` placeholders becomes a form whose grid is the sheet (rows 1…, columns A…): each placeholder a formula
// cell, every other text a text cell. Filling writes the values into the same cells of the same file, so merged
// cells, widths, borders and fonts stay the user's.
import {
  CELL_FORMATS,
  type CellFormat,
  type FieldErrors,
  MAX_FORM_COLUMNS,
  MAX_FORM_ROWS,
  type TFormCell,
  type TFormDefinition,
} from '@grassroots/domain';
import ExcelJS from 'exceljs';
import { AppError, validationFailed } from '../../platform/errors.js';

export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/;
const WHOLE_PLACEHOLDER = /^\{\{([^{}]*)\}\}$/;
/** `{{formula | 百分比}}`: a format after a bar, in English or Chinese. */
const FORMAT_NAMES: Readonly<Record<string, CellFormat>> = {
  ...Object.fromEntries(CELL_FORMATS.map((f) => [f, f])),
  整数: 'integer',
  小数: 'decimal',
  百分比: 'percent',
};

export function columnName(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** The Excel address of a grid cell (0-based row and column): B4. */
export function cellAddress(row: number, column: number): string {
  return `${columnName(column + 1)}${row + 1}`;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    const message = '无法读取该Excel文件，请确认是 .xlsx 格式（WPS、Excel 2007 及以上版本另存为 .xlsx）';
    throw new AppError('BAD_REQUEST', message, { file: message });
  }
  return wb;
}

/** The format a template cell asks for: after a bar in the placeholder, else from its number format. */
function formatOf(cell: ExcelJS.Cell, written: string | undefined): CellFormat | undefined | null {
  if (written !== undefined) return FORMAT_NAMES[written.trim()] ?? null;
  const numFmt = cell.numFmt ?? '';
  if (numFmt.includes('%')) return 'percent';
  if (/0\.0/.test(numFmt)) return 'decimal';
  return undefined;
}

/**
 * Reads a template: the first sheet holding a placeholder becomes the grid. 400 naming the cell (its address) for a
 * placeholder sharing its cell with other text or with an unknown format; formulas are checked by the caller like
 * any form's.
 */
export async function readTemplate(
  bytes: Buffer,
  fileName: string,
): Promise<TFormDefinition & { template: NonNullable<TFormDefinition['template']> }> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.worksheets.find((sheet) => {
    let found = false;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (PLACEHOLDER.test(cell.text)) found = true;
      }),
    );
    return found;
  });
  if (!ws) {
    const message = '模板中没有找到占位符：请在要填数的单元格中写入 {{指标编码}} 或 {{公式}}，如 {{members.total}}';
    throw new AppError('VALIDATION_FAILED', message, { file: message });
  }
  let lastRow = 0;
  let lastColumn = 0;
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.text.trim() !== '') {
        lastRow = Math.max(lastRow, r);
        lastColumn = Math.max(lastColumn, c);
      }
    }),
  );
  // A merge starting inside the filled area belongs to it (a title merged across the whole table), the rest do not.
  const merges = ws.model.merges.filter((range) => {
    const [from, to] = range.split(':').map((a) => ws.getCell(a));
    // exceljs types a cell's row and column as strings.
    if (Number(from!.row) > lastRow || Number(from!.col) > lastColumn) return false;
    lastRow = Math.max(lastRow, Number(to!.row));
    lastColumn = Math.max(lastColumn, Number(to!.col));
    return true;
  });
  if (lastRow > MAX_FORM_ROWS || lastColumn > MAX_FORM_COLUMNS) {
    const message = `模板过大：最多${MAX_FORM_ROWS}行、${MAX_FORM_COLUMNS}列（本表到第${lastRow}行、第${columnName(lastColumn)}列）`;
    throw new AppError('VALIDATION_FAILED', message, { file: message });
  }
  const errors: FieldErrors = {};
  const cells: TFormCell[][] = [];
  let title: string | null = null;
  for (let r = 1; r <= lastRow; r++) {
    const line: TFormCell[] = [];
    for (let c = 1; c <= lastColumn; c++) {
      const cell = ws.getCell(r, c);
      const text = cell.isMerged && cell.master !== cell ? '' : cell.text.trim();
      const whole = WHOLE_PLACEHOLDER.exec(text);
      if (whole) {
        const [expr = '', written] = whole[1]!.split('|');
        const format = formatOf(cell, written);
        if (format === null) errors[cell.address] = `显示格式“${written!.trim()}”无效，应为整数、小数或百分比`;
        else if (expr.trim() === '') errors[cell.address] = '占位符中没有公式';
        line.push({ expr: expr.trim(), ...(format ? { format } : {}) });
      } else if (PLACEHOLDER.test(text)) {
        errors[cell.address] = '占位符须独占一个单元格（单元格中不能再有其他文字）';
        line.push({ text });
      } else if (text !== '') {
        title ??= text;
        // Only shown in the page (the export writes into the template itself): long notes are cut.
        line.push({ text: text.slice(0, 500) });
      } else {
        line.push(null);
      }
    }
    cells.push(line);
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return {
    title: (title ?? fileName.replace(/\.xlsx$/i, '')).slice(0, 100),
    note: null,
    rowHeader: null,
    rows: cells.map((_, r) => String(r + 1)),
    columns: Array.from({ length: lastColumn }, (_, c) => columnName(c + 1)),
    cells,
    template: {
      fileName: fileName.slice(-200),
      sheet: ws.name,
      merges,
      columnWidths: Array.from({ length: lastColumn }, (_, c) => ws.getColumn(c + 1).width ?? null),
    },
  };
}
