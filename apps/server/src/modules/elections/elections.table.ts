import type { ElectionMethod } from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 换届选举: a completed election of an org; it started the term the org record now holds. Never edited.
export interface ElectionTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  electedOn: string;
  method: ElectionMethod;
  termYears: number;
  eligibleVoters: number;
  presentVoters: number;
  secretaryName: string;
  secretaryVotes: number;
  /** JSON array of {name, votes}: the other 支委 elected. */
  committee: string;
  approvalRef: string | null;
  note: string | null;
  /** The term the election replaced, as the org record held it. */
  previousTermStart: string | null;
  previousTermYears: number | null;
  previousSecretaryName: string | null;
  recordedByName: string;
  createdAt: string;
}
export type ElectionRow = Selectable<ElectionTable>;
export type NewElectionRow = Insertable<ElectionTable>;
