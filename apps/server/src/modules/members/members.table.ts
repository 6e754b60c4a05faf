import type { Education, Ethnicity, Gender, MemberStatus, Occupation, TransferState } from '@grassroots/domain';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// 党员: carries its org's path so that subtree lists and rollups are index range scans.
export interface MemberTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  name: string;
  nameInitials: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  occupation: Occupation;
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
  phone: string | null;
  address: string | null;
  isMobile: number;
  isLostContact: number;
  isHardship: number;
  isVeteran: number;
  /** Set while a transfer (组织关系转接) waits for the receiving org; the member stays counted in its old org. */
  pendingTransferId: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type MemberRow = Selectable<MemberTable>;
export type NewMemberRow = Insertable<MemberTable>;
export type MemberRowUpdate = Updateable<MemberTable>;

// 组织关系转接 within the tree: requested by the sending side, accepted or rejected by the receiving side.
export interface MemberTransferTable {
  id: Generated<number>;
  memberId: number;
  fromOrgId: number;
  toOrgId: number;
  fromPath: string;
  toPath: string;
  state: TransferState;
  reason: string | null;
  letterNo: string | null;
  requestedBy: number;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionReason: string | null;
}
export type MemberTransferRow = Selectable<MemberTransferTable>;
