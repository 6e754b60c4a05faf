import type { UnitType } from '@grassroots/domain';
import type { Generated, Insertable, Selectable } from 'kysely';

// 单位: a workplace that should have a party org; `orgId` is the org overseeing it (township, community…).
export interface UnitTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  name: string;
  nameInitials: string;
  unitType: UnitType;
  /** Formal members working there (their membership may sit elsewhere). */
  fullMembers: number;
  employees: number | null;
  /** The party org of the unit or the joint branch covering it; null = none (应建未建 at ≥ 3 formal members). */
  coveringOrgId: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
