import type { OrgKind, Sector } from '@grassroots/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// 党组织: one node of the tree, located by its materialized path '/1/7/42/'.
export interface OrgTable {
  id: Generated<number>;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  nameInitials: string;
  shortName: string | null;
  kind: OrgKind;
  sector: Sector;
  code: string;
  secretaryName: string | null;
  /** JSON array of committee members' names (支委). */
  committee: string;
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  contactPhone: string | null;
  address: string | null;
  closedAt: string | null;
  closedReason: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type OrgRow = Selectable<OrgTable>;
export type NewOrgRow = Insertable<OrgTable>;
export type OrgRowUpdate = Updateable<OrgTable>;
