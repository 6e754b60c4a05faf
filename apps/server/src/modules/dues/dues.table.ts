import type { DuesCategory, DuesPayer } from '@grassroots/domain';
import type { Generated, Insertable, Selectable } from 'kysely';

// 党费计算基数: from `fromMonth` until the next base of the member (`untilMonth`, exclusive; null = still in force).
// Amounts are fen (分) integers.
export interface DuesBaseTable {
  id: Generated<number>;
  memberId: number;
  category: DuesCategory;
  /** After-tax salary or pension in fen; null for the fixed amounts (farmer, student, unemployed, hardship). */
  baseFen: number | null;
  monthlyFen: number;
  fromMonth: string;
  untilMonth: string | null;
  note: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type DuesBaseRow = Selectable<DuesBaseTable>;
export type NewDuesBaseRow = Insertable<DuesBaseTable>;

// 党费交纳: one row per member and month; a payment of several months at once (预交/补交) is several rows sharing the
// paid-on date and the receipt number.
export interface DuesPaymentTable {
  id: Generated<number>;
  memberId: number;
  month: string;
  amountFen: number;
  dueFen: number | null;
  paidOn: string;
  payer: DuesPayer;
  payerName: string | null;
  receiptNo: string | null;
  orgId: number;
  note: string | null;
  recordedBy: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type DuesPaymentRow = Selectable<DuesPaymentTable>;
export type NewDuesPaymentRow = Insertable<DuesPaymentTable>;
