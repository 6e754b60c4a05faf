// 党费交纳 import: a sheet of payments (one row per member and month), through the ledger-import job (every row
// checked first, all written in one transaction or none). Members are found by ID number, or by name and org code.
// Importing the same file again changes nothing: a month already paid with the same amount, date and receipt is
// skipped as unchanged; paid differently it is an error of that row.
import {
  AppError,
  DUES_MAX_MONTHS_AHEAD,
  DUES_PAYER_LABELS,
  DUES_PAYERS,
  type DuesPayer,
  isValidIsoDate,
  shiftMonth,
} from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { type AuditEntry, recordAudit } from '../../platform/audit.js';
import { recordAuditBatch } from '../../platform/audit-batch.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import {
  buildTemplate,
  type CellValue,
  cellDate,
  cellText,
  type LedgerColumn,
  type RowError,
} from '../../platform/excel.js';
import { type ImportRow, type LedgerImport, startLedgerImport } from '../../platform/excel-import.js';
import type { JobDto } from '../../platform/jobs.js';
import { type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import type { ReceivedUpload } from '../../platform/uploads.js';
import { toDuesPaymentAuditSnapshot } from './dues.mapper.js';
import * as repo from './dues.repo.js';
import { baseInForce, currentMonth, shortPaymentError } from './dues.service.js';
import type { DuesBaseRow, DuesPaymentRow } from './dues.table.js';

export const DUES_IMPORT_JOB = 'import.dues';

const COLUMNS = {
  idNumber: {
    header: '身份证号码',
    required: false,
    text: true,
    note: '18位公民身份号码；填写时以它识别党员，不填时以“姓名+组织代码”识别',
    width: 22,
    example: '110101199003074514',
  },
  name: { header: '姓名', required: true, note: '党员姓名；与身份证号码同填时须一致', width: 12, example: '张伟' },
  orgCode: {
    header: '组织代码',
    required: false,
    text: true,
    note: '党员所在党组织的组织代码；未填身份证号码时必填',
    width: 20,
    example: '330102-A1-B3',
  },
  month: {
    header: '交纳月份',
    required: true,
    text: true,
    note: '所交党费的月份，格式 YYYY-MM',
    width: 12,
    example: '2026-01',
  },
  amount: {
    header: '金额（元）',
    required: true,
    note: '该月交纳金额，到分；低于应交金额须在备注中说明原因',
    width: 12,
    example: '45.50',
  },
  paidOn: {
    header: '交纳日期',
    required: true,
    text: true,
    note: '格式 YYYY-MM-DD，不能晚于今天',
    width: 14,
    example: '2026-01-15',
  },
  payer: {
    header: '交纳方式',
    required: false,
    options: DUES_PAYERS.map((p) => DUES_PAYER_LABELS[p]),
    note: '本人交纳或他人代交；不填为本人交纳',
    width: 12,
    example: '本人交纳',
  },
  payerName: { header: '代交人', required: false, note: '他人代交时必填', width: 12 },
  receiptNo: {
    header: '收据号',
    required: false,
    text: true,
    note: '同一组织内一个收据号只能属于一名党员（可含多个月）',
    width: 16,
    example: 'DF2026-0001',
  },
  note: { header: '备注', required: false, note: '不超过200字', width: 24 },
} as const satisfies Record<string, LedgerColumn>;
type Key = keyof typeof COLUMNS;
const H = (k: Key) => COLUMNS[k].header;
const PAYER_BY_LABEL = new Map<string, DuesPayer>(DUES_PAYERS.map((p) => [DUES_PAYER_LABELS[p], p]));

const NOTES = [
  '填写说明：',
  '1. 第一行为表头，请勿修改或删除；从第二行起每行为一名党员一个月的党费。一次交纳多个月（预交、补交）请逐月各填一行，收据号相同。',
  '2. 以身份证号码识别党员；不填身份证号码时以“姓名+组织代码”识别（同一组织有同名党员时须填身份证号码）。',
  '3. 同一党员同一月份只能登记一次。重复导入同一文件不会重复登记：已登记且金额、交纳日期、收据号相同的行跳过，不同的行报错。',
  '4. 导入时先检查全部行，只要有一处错误就不写入任何数据，并列出每处错误的行、列和原因，可下载标注了错误的文件修改后重新导入。',
];

/** The import template, for those who may record dues. */
export function paymentTemplate(actor: Actor): Promise<Buffer> {
  scopeOf(actor, 'dues:write');
  return buildTemplate({ sheetName: '党费交纳', columns: Object.values(COLUMNS), notes: NOTES });
}

interface PaymentRecord {
  row: number;
  memberId: number;
  orgId: number;
  orgPath: string;
  month: string;
  amountFen: number;
  dueFen: number | null;
  paidOn: string;
  payer: DuesPayer;
  payerName: string | null;
  receiptNo: string | null;
  note: string | null;
}

interface Parsed {
  idNumber: string;
  name: string;
  orgCode: string;
  month: string;
  amountFen: number;
  paidOn: string;
  payer: DuesPayer;
  payerName: string | null;
  receiptNo: string | null;
  note: string | null;
}

function parseRow(r: ImportRow, todayIso: string): { parsed: Parsed | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (k: Key, reason: string) => {
    if (!errors.some((e) => e.column === H(k))) errors.push({ row: r.row, column: H(k), reason });
  };
  const cell = (k: Key): CellValue => r.cells[H(k)] ?? null;
  const text = (k: Key) => cellText(cell(k));
  if (typeof cell('idNumber') === 'number') fail('idNumber', '身份证号码须以文本格式填写（存成数字会丢失末位）');
  const idNumber = text('idNumber').replace(/\s/g, '').toUpperCase();
  const name = text('name');
  const orgCode = text('orgCode');
  if (!name) fail('name', '请填写姓名');
  if (!idNumber && !orgCode) fail('orgCode', '未填身份证号码时须填写组织代码');
  if (idNumber && !/^\d{17}[\dX]$/.test(idNumber)) fail('idNumber', '身份证号码应为18位');
  // A month typed as a date (2026-01-01) or read as one from a date cell counts as its month.
  const monthText = cellDate(cell('month'))
    .replace(/^(\d{4})[-/.年](\d{1,2})月?$/, (_, y, m) => `${y}-${String(m).padStart(2, '0')}`)
    .replace(/^(\d{4}-\d{2})-\d{2}$/, '$1');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(monthText)) fail('month', '交纳月份应为“年-月”（YYYY-MM），如 2026-01');
  const amountCell = cell('amount');
  const amount = typeof amountCell === 'number' ? amountCell : Number(cellText(amountCell));
  const amountFen = Math.round(amount * 100);
  if (cellText(amountCell) === '' || !Number.isFinite(amount)) fail('amount', '请填写金额（元）');
  else if (amount <= 0) fail('amount', '金额须大于0');
  else if (Math.abs(amountFen - amount * 100) > 1e-6) fail('amount', '金额最多两位小数（到分）');
  else if (amount > 1_000_000) fail('amount', '金额过大');
  const paidOn = cellDate(cell('paidOn'));
  if (!isValidIsoDate(paidOn)) fail('paidOn', '交纳日期应为有效日期（YYYY-MM-DD）');
  else if (paidOn > todayIso) fail('paidOn', '交纳日期不能晚于今天');
  const payerText = text('payer');
  const payer = payerText === '' ? 'self' : PAYER_BY_LABEL.get(payerText);
  if (!payer) fail('payer', `“${payerText}”不是有效的交纳方式，应为：本人交纳、他人代交`);
  const payerName = text('payerName') || null;
  if (payer === 'proxy' && !payerName) fail('payerName', '他人代交时请填写代交人');
  if (payerName && payerName.length > 50) fail('payerName', '代交人不能超过50个字');
  const receiptNo = text('receiptNo') || null;
  if (receiptNo && receiptNo.length > 40) fail('receiptNo', '收据号不能超过40个字');
  const note = text('note') || null;
  if (note && note.length > 200) fail('note', '备注不能超过200个字');
  if (errors.length > 0 || !payer) return { parsed: null, errors };
  return {
    errors,
    parsed: {
      idNumber,
      name,
      orgCode,
      month: monthText,
      amountFen,
      paidOn,
      payer,
      payerName: payer === 'proxy' ? payerName : null,
      receiptNo,
      note,
    },
  };
}

const sameIdentity = (p: DuesPaymentRow, r: { amountFen: number; paidOn: string; receiptNo: string | null }) =>
  p.amountFen === r.amountFen && p.paidOn === r.paidOn && (p.receiptNo ?? null) === r.receiptNo;

function paymentLedgerImport(
  ctx: AppContext,
  actor: Actor,
  scope: Scope,
  fileName: string,
): LedgerImport<PaymentRecord> {
  const todayIso = today();
  const lastAllowed = shiftMonth(currentMonth(), DUES_MAX_MONTHS_AHEAD);
  /** member|month → row, and orgId|receipt → member, over the whole file. */
  const monthsInFile = new Map<string, number>();
  const receiptsInFile = new Map<string, { memberId: number; row: number }>();
  const where = whereInScope(scope, 'm.orgPath');

  return {
    columns: Object.values(COLUMNS),

    async validate(rows) {
      const parsed = rows.map((r) => parseRow(r, todayIso));
      const ids = new Set<string>();
      const names = new Set<string>();
      for (const p of parsed) {
        if (!p.parsed) continue;
        if (p.parsed.idNumber) ids.add(p.parsed.idNumber);
        else names.add(p.parsed.name);
      }
      const members = await repo.findMembersForImport(ctx.db, { idNumbers: [...ids], names: [...names] }, where);
      const byId = new Map(members.map((m) => [m.idNumber, m]));
      const byNameOrg = new Map<string, typeof members>();
      for (const m of members) {
        const k = `${m.name}|${m.orgCode}`;
        byNameOrg.set(k, [...(byNameOrg.get(k) ?? []), m]);
      }
      const resolved = parsed.map((p) => {
        if (!p.parsed) return null;
        if (p.parsed.idNumber) return byId.get(p.parsed.idNumber) ?? null;
        const found = byNameOrg.get(`${p.parsed.name}|${p.parsed.orgCode}`) ?? [];
        return found.length === 1 ? found[0]! : found.length > 1 ? ('ambiguous' as const) : null;
      });
      const memberIds = [
        ...new Set(
          resolved.filter((m): m is (typeof members)[number] => m !== null && m !== 'ambiguous').map((m) => m.id),
        ),
      ];
      const months = [...new Set(parsed.flatMap((p) => (p.parsed ? [p.parsed.month] : [])))];
      const [bases, paid, holders] = await Promise.all([
        repo.findBasesOf(ctx.db, memberIds),
        repo.findPaymentsOf(ctx.db, memberIds, months),
        repo.findReceiptHolders(
          ctx.db,
          parsed.flatMap((p, i) => {
            const m = resolved[i];
            return p.parsed?.receiptNo && m && m !== 'ambiguous'
              ? [{ orgId: m.orgId, receiptNo: p.parsed.receiptNo }]
              : [];
          }),
        ),
      ]);
      const basesOf = new Map<number, DuesBaseRow[]>();
      for (const b of bases) basesOf.set(b.memberId, [...(basesOf.get(b.memberId) ?? []), b]);
      const paidOf = new Map(paid.map((p) => [`${p.memberId}|${p.month}`, p]));

      return rows.map((r, i): RowError[] | PaymentRecord => {
        const { parsed: p, errors } = parsed[i]!;
        if (!p) return errors;
        const err = (k: Key, reason: string) => errors.push({ row: r.row, column: H(k), reason });
        const m = resolved[i]!;
        if (m === 'ambiguous') {
          err('idNumber', `组织${p.orgCode}中有多名党员叫${p.name}，请填写身份证号码`);
          return errors;
        }
        if (!m) {
          if (p.idNumber) err('idNumber', '没有此身份证号码的党员，或不在您的管辖范围内');
          else err('name', `组织代码${p.orgCode}中没有党员${p.name}，或不在您的管辖范围内`);
          return errors;
        }
        if (p.idNumber && m.name !== p.name) err('name', `与身份证号码不符：该身份证号码的党员是${m.name}`);
        if (p.month < m.joinedOn.slice(0, 7)) err('month', `早于入党时间（${m.joinedOn.slice(0, 7)}）`);
        else if (p.month > lastAllowed) err('month', `最多预交${DUES_MAX_MONTHS_AHEAD}个月`);
        const key = `${m.id}|${p.month}`;
        const earlier = monthsInFile.get(key);
        if (earlier !== undefined) err('month', `与第${earlier}行重复（同一党员同一月份）`);
        else monthsInFile.set(key, r.row);
        const existing = paidOf.get(key);
        if (existing && !sameIdentity(existing, p)) {
          err('month', `该月已于${existing.paidOn}交纳${(existing.amountFen / 100).toFixed(2)}元，与本行不一致`);
        }
        const dueFen = baseInForce(basesOf.get(m.id) ?? [], p.month)?.monthlyFen ?? null;
        const shortErr = shortPaymentError(p.amountFen, dueFen, p.note);
        if (shortErr) err('amount', shortErr);
        if (p.receiptNo) {
          const rk = `${m.orgId}|${p.receiptNo}`;
          const inFile = receiptsInFile.get(rk);
          const holder = holders.find((h) => h.orgId === m.orgId && h.receiptNo === p.receiptNo && h.memberId !== m.id);
          if (inFile && inFile.memberId !== m.id) err('receiptNo', `与第${inFile.row}行的收据号相同，但不是同一名党员`);
          else if (holder) err('receiptNo', `收据号已用于党员${holder.memberName}`);
          else if (!inFile) receiptsInFile.set(rk, { memberId: m.id, row: r.row });
        }
        if (errors.length > 0) return errors;
        return {
          row: r.row,
          memberId: m.id,
          orgId: m.orgId,
          orgPath: m.orgPath,
          month: p.month,
          amountFen: p.amountFen,
          dueFen,
          paidOn: p.paidOn,
          payer: p.payer,
          payerName: p.payerName,
          receiptNo: p.receiptNo,
          note: p.note,
        };
      });
    },

    async write(trx, chunks) {
      let created = 0;
      let unchanged = 0;
      for await (const chunk of chunks) {
        const existing = new Map(
          (
            await repo.findPaymentsOf(
              trx,
              [...new Set(chunk.map((r) => r.memberId))],
              [...new Set(chunk.map((r) => r.month))],
            )
          ).map((p) => [`${p.memberId}|${p.month}`, p]),
        );
        const now = nowIso();
        const inserts = [];
        const paths = new Map<number, string>();
        for (const r of chunk) {
          const ex = existing.get(`${r.memberId}|${r.month}`);
          if (ex) {
            if (!sameIdentity(ex, r)) {
              throw new AppError('STALE_VERSION', '导入期间党费记录已被他人修改，未导入任何数据，请重新导入');
            }
            unchanged++;
            continue;
          }
          const { row, orgPath, ...fields } = r;
          paths.set(r.memberId, orgPath);
          inserts.push({ ...fields, recordedBy: actor.userId, createdAt: now, updatedAt: now });
        }
        const rows = await repo.insertPayments(trx, inserts);
        created += rows.length;
        await recordAuditBatch(
          trx,
          actor,
          rows.map(
            (p): AuditEntry => ({
              action: 'create',
              entity: 'dues_payment',
              entityId: p.id,
              orgPath: paths.get(p.memberId) ?? null,
              after: toDuesPaymentAuditSnapshot(p),
            }),
          ),
        );
      }
      await recordAudit(trx, actor, {
        action: 'import',
        entity: 'dues_payment',
        entityId: null,
        orgPath: scope[0]?.path ?? null,
        after: { fileName, created, unchanged },
      });
      return { created, updated: 0, unchanged };
    },
  };
}

/** Starts a payments import (dues:write); see startLedgerImport. */
export function startPaymentImport(
  ctx: AppContext,
  actor: Actor,
  receive: () => Promise<ReceivedUpload>,
  log: FastifyBaseLogger,
): Promise<JobDto> {
  return startLedgerImport(ctx, actor, {
    kind: DUES_IMPORT_JOB,
    permission: 'dues:write',
    receive,
    log,
    ledger: (scope, fileName) => paymentLedgerImport(ctx, actor, scope, fileName),
  });
}
