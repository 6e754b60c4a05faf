import type { MatterKind, MatterStatus, ProjectGrade, ProjectStage, Satisfaction } from '@grassroots/domain';
import type { Generated, Selectable } from 'kysely';

// 书记项目 / 书记领办: 立项 → 推进 → 验收 → 评比.
export interface SecretaryProjectTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  year: number;
  title: string;
  secretaryName: string;
  goal: string;
  content: string | null;
  targetDate: string;
  stage: ProjectStage;
  result: string | null;
  grade: ProjectGrade | null;
  acceptedAt: string | null;
  ratedAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type SecretaryProjectRow = Selectable<SecretaryProjectTable>;

// 实事 / 急难愁盼问题: raised by whom, owner, target date, result, residents' satisfaction; optionally under a project.
export interface PracticalMatterTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  projectId: number | null;
  year: number;
  kind: MatterKind;
  title: string;
  raisedBy: string;
  ownerName: string;
  targetDate: string;
  status: MatterStatus;
  result: string | null;
  doneOn: string | null;
  satisfaction: Satisfaction | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type PracticalMatterRow = Selectable<PracticalMatterTable>;
