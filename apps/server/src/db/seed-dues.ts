// Demo 党费: bases and payments for the demo members (tools/src/generator/dues.ts), bulk-loaded. The county gets them
// for every member; a city or province only for the demo township, so their seed time does not grow with dues.

import { type DuesDemoMember, generateMemberDues } from '@grassroots/tools/generator/dues.js';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import { sql } from 'kysely';
import { nowIso } from '../platform/clock.js';
import { subtreeEnd } from '../platform/scope.js';
import type { DbHandle } from './database.js';

type Cell = string | number | null;
type BulkInsert = (
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
) => Promise<number>;

export async function seedDues(handle: DbHandle, dataset: Dataset, today: string, bulkInsert: BulkInsert) {
  const anchor = dataset.scale === 'county' ? dataset.anchors.root : dataset.anchors.township;
  const path = dataset.orgs[anchor - 1]!.path;
  const members: DuesDemoMember[] = await handle.db
    .selectFrom('members')
    .select(['id', 'orgId', 'occupation', 'joinedOn', 'isHardship', 'isMobile', 'isLostContact'])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .orderBy('id')
    .execute();
  const now = nowIso();
  const bases: Cell[][] = [];
  const payments: Cell[][] = [];
  for (const m of members) {
    const d = generateMemberDues(m, dataset.seed, today);
    for (const b of d.bases) {
      bases.push([b.memberId, b.category, b.baseFen, b.monthlyFen, b.fromMonth, b.untilMonth, 0, now, now]);
    }
    for (const p of d.payments) {
      payments.push([
        p.memberId,
        p.month,
        p.amountFen,
        p.dueFen,
        p.paidOn,
        p.payer,
        p.payerName,
        p.receiptNo,
        p.orgId,
        0,
        now,
        now,
      ]);
    }
  }
  await bulkInsert(
    handle,
    'dues_bases',
    ['memberId', 'category', 'baseFen', 'monthlyFen', 'fromMonth', 'untilMonth', 'version', 'createdAt', 'updatedAt'],
    bases,
  );
  // The receipt index is built once after the load rather than row by row.
  await sql`drop index dues_payments_receipt_idx`.execute(handle.db);
  await bulkInsert(
    handle,
    'dues_payments',
    [
      'memberId',
      'month',
      'amountFen',
      'dueFen',
      'paidOn',
      'payer',
      'payerName',
      'receiptNo',
      'orgId',
      'version',
      'createdAt',
      'updatedAt',
    ],
    payments,
  );
  await sql`create index dues_payments_receipt_idx on dues_payments (org_id, receipt_no)`.execute(handle.db);
  return { bases: bases.length, payments: payments.length };
}
