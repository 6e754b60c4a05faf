import { DUES_CATEGORY_LABELS, DUES_PAYER_LABELS, duesRate } from '@grassroots/domain';
import type { DuesBaseRow, DuesPaymentRow } from './dues.table.js';

export const yuan = (fen: number | null) => (fen === null ? null : Number(fen) / 100);
export const toFen = (yuanAmount: number) => Math.round(yuanAmount * 100);

export function toDuesBaseDto(row: DuesBaseRow) {
  const base = yuan(row.baseFen);
  return {
    id: row.id,
    memberId: row.memberId,
    category: row.category,
    categoryLabel: DUES_CATEGORY_LABELS[row.category],
    base,
    monthly: yuan(row.monthlyFen) as number,
    rate: duesRate(row.category, base).rate,
    fromMonth: row.fromMonth,
    untilMonth: row.untilMonth,
    note: row.note,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type DuesBaseDto = ReturnType<typeof toDuesBaseDto>;

export function toDuesPaymentDto(row: DuesPaymentRow) {
  return {
    id: row.id,
    memberId: row.memberId,
    month: row.month,
    amount: yuan(row.amountFen) as number,
    due: yuan(row.dueFen),
    paidOn: row.paidOn,
    payer: row.payer,
    payerLabel: DUES_PAYER_LABELS[row.payer],
    payerName: row.payerName,
    receiptNo: row.receiptNo,
    orgId: row.orgId,
    note: row.note,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type DuesPaymentDto = ReturnType<typeof toDuesPaymentDto>;

export function toDuesPaymentAuditSnapshot(row: DuesPaymentRow) {
  const { createdAt, updatedAt, ...rest } = row;
  return rest;
}

export function toDuesBaseAuditSnapshot(row: DuesBaseRow) {
  const { createdAt, updatedAt, ...rest } = row;
  return rest;
}
