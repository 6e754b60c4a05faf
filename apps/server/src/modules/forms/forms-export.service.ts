// A filled form as .xlsx: a grid form in the form's layout (title, unit and period, headers, values — shares as %,
// with 本期/同期/增减/增幅 under each column when compared), a template form in the uploaded template itself (values
// written into its placeholder cells; merges, widths and styles untouched). `perChild`: one sheet per child org —
// the upper level fills the form for every subordinate without asking them (上级代填). An export is a read, audited
// like a list export.
import { AppError, type CellFormat, type FilledCell, type FilledForm, type TFormExportQuery } from '@grassroots/domain';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { fileDate } from '../../platform/excel.js';
import { getOrgInScope, listChildren } from '../orgs/orgs.service.js';
import { getForm, getFormTemplate } from './forms.service.js';
import { fillPrepared, periodsOf, prepareForm } from './forms-fill.service.js';
import { cellAddress, columnName, loadWorkbook } from './forms-template.js';

const NUM_FMT: Record<CellFormat, string> = { integer: '0', decimal: '0.00', percent: '0.0%' };
const UNAVAILABLE = '无法计算';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** Excel's rules for sheet names: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
function sheetNameOf(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '工作表';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}(${n})`;
  taken.add(candidate);
  return candidate;
}

function periodLine(f: FilledForm): string {
  const compared = f.compare ? `　　对比期间：${f.compare.from} 至 ${f.compare.to}` : '';
  return `填报单位：${f.orgName}　　统计期间：${f.from} 至 ${f.to}${compared}`;
}

/** A value cell's Excel value and number format; a cell that cannot be computed says so. */
function put(target: ExcelJS.Cell, value: number | null, format: CellFormat): void {
  if (value === null) {
    target.value = UNAVAILABLE;
    return;
  }
  target.value = value;
  target.numFmt = NUM_FMT[format];
}

function writeGridSheet(wb: ExcelJS.Workbook, sheetName: string, f: FilledForm): void {
  const compared = f.compare !== null;
  const span = compared ? 4 : 1;
  const width = 1 + f.columns.length * span;
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 1, ySplit: compared ? 4 : 3 }] });
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 30 : compared ? 11 : 14 }));
  const last = columnName(width);

  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell('A1');
  title.value = f.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = periodLine(f);

  const header = ws.getRow(3);
  header.getCell(1).value = f.rowHeader ?? '';
  f.columns.forEach((c, i) => {
    header.getCell(2 + i * span).value = c;
    if (compared) ws.mergeCells(3, 2 + i * span, 3, 1 + (i + 1) * span);
  });
  if (compared) {
    ws.mergeCells('A3:A4');
    const sub = ws.getRow(4);
    for (let i = 0; i < f.columns.length; i++) {
      for (const [k, label] of ['本期', '同期', '增减', '增幅'].entries()) sub.getCell(2 + i * span + k).value = label;
    }
  }
  const firstBody = compared ? 5 : 4;
  f.rows.forEach((label, r) => {
    const row = ws.getRow(firstBody + r);
    row.getCell(1).value = label;
    for (const [c, cell] of f.cells[r]!.entries()) writeGridCell(row, 2 + c * span, cell, compared);
  });
  const lastBody = firstBody + f.rows.length - 1;
  for (let r = 3; r <= lastBody; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      if (r < firstBody) {
        cell.font = { bold: true };
        cell.fill = HEADER_FILL;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    }
  }
  if (f.note) {
    const at = lastBody + 2;
    ws.mergeCells(`A${at}:${last}${at}`);
    const note = ws.getCell(`A${at}`);
    note.value = `说明：${f.note}`;
    note.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(at).height = 36;
  }
}

function writeGridCell(row: ExcelJS.Row, column: number, cell: FilledCell, compared: boolean): void {
  const target = row.getCell(column);
  if (cell.kind === 'empty') return;
  if (cell.kind === 'text') {
    target.value = cell.text;
    return;
  }
  put(target, cell.value, cell.format);
  if (!compared) return;
  put(row.getCell(column + 1), cell.compare?.value ?? null, cell.format);
  put(row.getCell(column + 2), cell.compare?.change ?? null, cell.format);
  const rate = cell.compare?.rate ?? null;
  if (rate === null) row.getCell(column + 3).value = '—';
  else put(row.getCell(column + 3), rate, 'percent');
}

/** The values into the template's own cells; a percent cell without a % format gets one. */
function writeTemplateValues(ws: ExcelJS.Worksheet, f: FilledForm): void {
  for (const [r, line] of f.cells.entries()) {
    for (const [c, cell] of line.entries()) {
      if (cell.kind !== 'value') continue;
      const target = ws.getCell(cellAddress(r, c));
      if (cell.value === null) {
        target.value = UNAVAILABLE;
        continue;
      }
      target.value = cell.value;
      const numFmt = target.numFmt ?? '';
      if (cell.format === 'percent' && !numFmt.includes('%')) target.numFmt = NUM_FMT.percent;
      else if (!numFmt || numFmt === 'General') target.numFmt = NUM_FMT[cell.format];
    }
  }
}

async function templateWorkbook(bytes: Buffer, filled: FilledForm[], perChild: boolean): Promise<ExcelJS.Workbook> {
  const sheet = filled[0]!.template!.sheet;
  if (!perChild) {
    const wb = await loadWorkbook(bytes);
    writeTemplateValues(wb.getWorksheet(sheet)!, filled[0]!);
    return wb;
  }
  // exceljs cannot copy a sheet: each child's sheet is the template's, loaded afresh, filled, and its model moved
  // into the output workbook (styles travel with the cells; merges must be passed as mergeCells).
  const out = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const f of filled) {
    const source = (await loadWorkbook(bytes)).getWorksheet(sheet)!;
    writeTemplateValues(source, f);
    const name = sheetNameOf(f.orgName, taken);
    const copy = out.addWorksheet(name);
    copy.model = { ...source.model, name, media: [], mergeCells: source.model.merges } as ExcelJS.WorksheetModel;
  }
  return out;
}

export async function prepareFormExport(ctx: AppContext, actor: Actor, key: string, query: TFormExportQuery) {
  const form = await getForm(ctx, actor, key);
  const org = await getOrgInScope(ctx, actor, 'stats:read', query.orgId);
  const targets = query.perChild ? (await listChildren(ctx, actor, org.id, false)).items : [org];
  if (targets.length === 0) throw new AppError('BUSINESS_RULE', `${org.name}没有下级组织，无法按下级导出`);
  const prepared = prepareForm(form);
  const periods = periodsOf(query);
  const filled: FilledForm[] = [];
  for (const t of targets) filled.push(await fillPrepared(ctx, actor, prepared, { org: t, ...periods }));

  const template = await getFormTemplate(ctx, form);
  let wb: ExcelJS.Workbook;
  if (template) wb = await templateWorkbook(template, filled, query.perChild);
  else {
    wb = new ExcelJS.Workbook();
    const taken = new Set<string>();
    for (const f of filled) writeGridSheet(wb, sheetNameOf(query.perChild ? f.orgName : form.name, taken), f);
  }
  wb.creator = '基层党建工作平台';
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'export',
      entity: 'stat_form',
      entityId: form.id,
      orgPath: org.path,
      after: { form: form.key, name: form.name, filter: query, sheets: filled.length },
    }),
  );
  const suffix = query.perChild ? '各下级' : org.name;
  return { fileName: `${form.name}-${suffix}-${fileDate()}.xlsx`.replace(/[\\/]/g, '_'), content };
}
