// Optimistic versioning: a write names the version it read; a row changed meanwhile is not written (409 to the user).
import type { Generated, UpdateObject } from 'kysely';
import type { Database, Db } from '../db/database.js';

/** The tables whose rows have an id and a version. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: Generated<number>; version: Generated<number> } ? T : never;
}[keyof Database];

/** Writes `patch` to row `id` and bumps its version when the version is still `version`; false when it was not. */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  id: number,
  version: number,
  patch: UpdateObject<Database, T>,
): Promise<boolean> {
  const r = await db
    .updateTable(table as VersionedTable)
    .set({ ...patch, version: version + 1 } as UpdateObject<Database, VersionedTable>)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
