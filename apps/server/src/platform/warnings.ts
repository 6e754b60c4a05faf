// What a module gives the one warning list (预警, issue 5 §6): its kinds, the permission whose scope decides who sees
// an item, and the items of a subtree. The list itself (scope filter, counts, sort, paging, export) is
// modules/warnings; the sources are listed in modules/warnings/warning-sources.ts.
import type { Permission, WarningItem, WarningKind } from '@grassroots/domain';
import type { Db } from '../db/database.js';

/** An item as a source produces it: with the path of its org for the scope check, before the org's name is added. */
export type SourcedWarning = Omit<WarningItem, 'orgName'> & { orgPath: string };

export interface WarningSource {
  kinds: readonly WarningKind[];
  /** The actor sees an item when its org is in this permission's scope; without the permission, none of them. */
  permission: Permission;
  /** Every item of these kinds for the open orgs of the subtree at `path`, as of `today`. */
  list(db: Db, subtree: { id: number; path: string }, today: string): Promise<SourcedWarning[]>;
}
