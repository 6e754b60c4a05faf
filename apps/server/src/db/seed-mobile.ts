// Demo 流动党员 (with contact logs), 光荣在党50年 awards and external transfers (tools/src/generator/mobile.ts). The
// county gets them everywhere; a city or province only in the demo township, so their seed time does not grow.

import { medalFullOnRange } from '@grassroots/domain';
import type { Dataset } from '@grassroots/tools/generator/generate.js';
import {
  generateExternalTransfers,
  generateMedals,
  generateMobileRecords,
} from '@grassroots/tools/generator/mobile.js';
import { sql } from 'kysely';
import { memberCounters } from '../modules/members/members.counters.js';
import { nowIso } from '../platform/clock.js';
import { applyCounterDeltas, deltasForChange } from '../platform/counters.js';
import { subtreeEnd } from '../platform/scope.js';
import type { DbHandle } from './database.js';

type Cell = string | number | null;
type BulkInsert = (
  handle: DbHandle,
  table: string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
) => Promise<number>;

/** Members picked for external transfers: spread by id, neither mobile nor in transit. */
const TRANSFER_STRIDE = 997;
const TRANSFERS = 12;

export async function seedMobile(handle: DbHandle, dataset: Dataset, today: string, bulkInsert: BulkInsert) {
  const { db } = handle;
  const anchor = dataset.scale === 'county' ? dataset.anchors.root : dataset.anchors.township;
  const path = dataset.orgs[anchor - 1]!.path;
  const now = nowIso();
  const year = Number(today.slice(0, 4));

  const mobile = await db
    .selectFrom('members')
    .select(['id', 'orgId', 'orgPath', 'joinedOn', 'isLostContact'])
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('isMobile', '=', 1)
    .orderBy('id')
    .execute();
  const records = generateMobileRecords(mobile, dataset.seed, today);
  const contacts: Cell[][] = [];
  await bulkInsert(
    handle,
    'mobile_members',
    [
      'id',
      'memberId',
      'orgId',
      'orgPath',
      'destinationRegion',
      'workplace',
      'since',
      'contactName',
      'contactPhone',
      'station',
      'lastContactOn',
      'lostContact',
      'returnedOn',
      'version',
      'createdAt',
      'updatedAt',
    ],
    records.map((r, i) => {
      for (const c of r.contacts) contacts.push([i + 1, c.contactedOn, c.method, c.note, 0, now]);
      return [
        i + 1,
        r.memberId,
        r.orgId,
        r.orgPath,
        r.destinationRegion,
        r.workplace,
        r.since,
        r.contactName,
        r.contactPhone,
        r.station,
        r.lastContactOn,
        r.lostContact,
        r.returnedOn,
        0,
        now,
        now,
      ];
    }),
  );
  // `created_by` 0: entered by the data load, before any account exists.
  await bulkInsert(
    handle,
    'mobile_contacts',
    ['mobileMemberId', 'contactedOn', 'method', 'note', 'createdBy', 'createdAt'],
    contacts,
  );

  const veterans = await db
    .selectFrom('members')
    .select(['id', 'fullOn'])
    .where('fullOn', '<=', medalFullOnRange(year).to)
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('status', '=', 'full')
    .orderBy('id')
    .execute();
  const medals = generateMedals(
    veterans.map((v) => ({ id: v.id, fullOn: v.fullOn! })),
    dataset.seed,
    today,
  );
  await bulkInsert(
    handle,
    'fifty_year_medals',
    ['memberId', 'awardedOn', 'note', 'createdBy', 'createdAt'],
    medals.map((m) => [m.memberId, m.awardedOn, null, 0, now]),
  );

  const picked = await db
    .selectFrom('members')
    .selectAll()
    .where('orgPath', '>=', path)
    .where('orgPath', '<', subtreeEnd(path))
    .where('isMobile', '=', 0)
    .where(sql<boolean>`id % ${TRANSFER_STRIDE} = 3`)
    .orderBy('id')
    .limit(TRANSFERS)
    .execute();
  const transfers = generateExternalTransfers(picked, dataset.seed, today);
  await bulkInsert(
    handle,
    'external_transfers',
    [
      'kind',
      'memberId',
      'orgId',
      'orgPath',
      'letterNo',
      'externalOrg',
      'externalRegion',
      'transferDate',
      'reason',
      'createdBy',
      'createdAt',
    ],
    transfers.map((t) => [
      t.kind,
      t.memberId,
      t.orgId,
      t.orgPath,
      t.letterNo,
      t.externalOrg,
      t.externalRegion,
      t.transferDate,
      t.reason,
      0,
      `${t.transferDate}T02:00:00.000Z`,
    ]),
  );
  // Those who left: out of every count (their rows stay as history).
  for (const t of transfers.filter((x) => x.kind === 'out')) {
    const row = picked.find((p) => p.id === t.memberId)!;
    await db.updateTable('members').set({ leftOn: t.transferDate }).where('id', '=', row.id).execute();
    await applyCounterDeltas(
      db,
      deltasForChange(
        memberCounters,
        { orgPath: row.orgPath, row },
        { orgPath: row.orgPath, row: { ...row, leftOn: t.transferDate } },
        today,
      ),
    );
  }
  if (handle.dialect === 'postgres') {
    // The ids were given explicitly: move the sequence past them.
    await sql`select setval(pg_get_serial_sequence('mobile_members', 'id'), (select coalesce(max(id), 1) from mobile_members))`.execute(
      db,
    );
  }
  return { mobile: records.length, contacts: contacts.length, medals: medals.length, transfers: transfers.length };
}
