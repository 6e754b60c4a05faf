import type { WeakOrgStatus } from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 软弱涣散党组织整顿: one org designated in one year, its plan (一支一策), leader (包联领导), measures and deadline.
export interface WeakOrgRectificationTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  year: number;
  /** JSON array of WeakOrgReason. */
  reasons: string;
  reasonDetail: string | null;
  plan: string;
  leaderName: string;
  leaderTitle: string | null;
  /** JSON array of the measures' texts. */
  measures: string;
  deadline: string;
  status: WeakOrgStatus;
  submittedAt: string | null;
  /** The last acceptance or return by the upper level. */
  decidedAt: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type WeakOrgRow = Selectable<WeakOrgRectificationTable>;
export type NewWeakOrgRow = Insertable<WeakOrgRectificationTable>;

/** Every change of a rectification: who, when, from which state to which, and why. */
export interface WeakOrgEventTable {
  id: Generated<number>;
  rectificationId: number;
  action: string;
  fromStatus: WeakOrgStatus | null;
  toStatus: WeakOrgStatus;
  note: string | null;
  userId: number | null;
  userName: string;
  at: string;
}
export type WeakOrgEventRow = Selectable<WeakOrgEventTable>;
