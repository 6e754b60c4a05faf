import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 组织关系转出系统外 (kind 'out': the member leaves the platform) and 从系统外转入 (kind 'in': the member record is
// created in the receiving org). Done on the letter (介绍信), so there is nothing to accept: each is final when made.
export interface ExternalTransferTable {
  id: Generated<number>;
  kind: 'out' | 'in';
  memberId: number;
  /** The sending org (out) or the receiving org (in). */
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  letterNo: string;
  /** The party org outside the platform the member goes to or comes from. */
  externalOrg: string;
  externalRegion: string | null;
  transferDate: string;
  reason: string | null;
  createdBy: number;
  createdAt: string;
}
export type ExternalTransferRow = Selectable<ExternalTransferTable>;
export type NewExternalTransferRow = Insertable<ExternalTransferTable>;
