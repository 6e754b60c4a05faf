import type {
  DevelopmentDecisionBody,
  DevelopmentRecordStage,
  DevelopmentStepCode,
  Education,
  Ethnicity,
  Gender,
  Occupation,
  ProbationOutcome,
} from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 发展党员: a person in development, with the figures developmentStatus derives from the steps (kept at every write).
export interface DevelopmentRecordTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  /** Generated from org_path. */
  provinceId: ColumnType<number, never, never>;
  name: string;
  nameInitials: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  occupation: Occupation;
  phone: string | null;
  stage: DevelopmentRecordStage;
  stageSince: string;
  /** null once the development is over. */
  nextStep: DevelopmentStepCode | null;
  nextEarliestDate: string | null;
  /** The next step's time limit (talk, approvals, 转正); null = none. */
  nextDueDate: string | null;
  probationEnd: string | null;
  /** The member admitted (17); it stays linked after a cancelled probation (the member row then has left_on). */
  memberId: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type DevelopmentRecordRow = Selectable<DevelopmentRecordTable>;
export type NewDevelopmentRecordRow = Insertable<DevelopmentRecordTable>;

export interface DevelopmentStepTable {
  id: Generated<number>;
  recordId: number;
  /** 1, 2, … in the order recorded (steps repeat after a failed review or an extension). */
  seq: number;
  step: DevelopmentStepCode;
  date: string;
  decidedBy: DevelopmentDecisionBody | null;
  decisionRef: string | null;
  note: string | null;
  /** JSON array of member ids (培养联系人 or 入党介绍人). */
  memberIds: string | null;
  politicalReviewPassed: number | null;
  trainingDays: number | null;
  trainingHours: number | null;
  outcome: ProbationOutcome | null;
  extensionMonths: number | null;
  /** Recorded after its time limit (allowed, marked). */
  late: number;
  recordedBy: number | null;
  createdAt: string;
}
export type DevelopmentStepRow = Selectable<DevelopmentStepTable>;
export type NewDevelopmentStepRow = Insertable<DevelopmentStepTable>;
