// SQL of 组织关系转出系统外 / 从系统外转入 (listed together with the transfers within the tree: members.repo).
import type { Db } from '../../db/database.js';
import type { NewExternalTransferRow } from './transfers-external.table.js';

export async function insertExternalTransfer(db: Db, row: NewExternalTransferRow): Promise<number> {
  return (await db.insertInto('externalTransfers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
