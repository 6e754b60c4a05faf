import type { InspectionKind, ProblemCategory, ProblemSeverity, ProblemState } from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 督导检查: a round covers the subtree of its org (org_id/org_path) over a period, open or unannounced (明察暗访).
export interface InspectionRoundTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  title: string;
  team: string;
  kind: InspectionKind;
  /** JSON array of the checklist items' texts. */
  checklist: string;
  startsOn: string;
  endsOn: string;
  createdByName: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type InspectionRoundRow = Selectable<InspectionRoundTable>;
export type NewInspectionRoundRow = Insertable<InspectionRoundTable>;

/** A problem found in a round at an org of its subtree; `state` is the rectification workflow's current state. */
export interface ProblemTable {
  id: Generated<number>;
  roundId: number;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  category: ProblemCategory;
  description: string;
  severity: ProblemSeverity;
  responsiblePerson: string;
  deadline: string;
  state: ProblemState;
  foundOn: string;
  /** When it was accepted (销号); null while open. */
  closedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type ProblemRow = Selectable<ProblemTable>;
export type NewProblemRow = Insertable<ProblemTable>;
