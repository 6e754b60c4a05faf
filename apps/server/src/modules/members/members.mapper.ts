import { type MemberFlag, maskIdNumber, maskPhone, type TransferKind, type TransferState } from '@grassroots/domain';
import { FLAG_COLUMNS } from './members.repo.js';
import type { MemberRow, MemberTransferRow } from './members.table.js';

export function flagsOf(row: Pick<MemberRow, 'isMobile' | 'isLostContact' | 'isHardship' | 'isVeteran'>): MemberFlag[] {
  return (Object.keys(FLAG_COLUMNS) as MemberFlag[]).filter((f) => row[FLAG_COLUMNS[f]] === 1);
}

export function flagColumnsOf(flags: readonly MemberFlag[]) {
  return {
    isMobile: flags.includes('mobile') ? 1 : 0,
    isLostContact: flags.includes('lost_contact') ? 1 : 0,
    isHardship: flags.includes('hardship') ? 1 : 0,
    isVeteran: flags.includes('veteran') ? 1 : 0,
  };
}

/** The API shape of a member. ID number and phone are always masked here; only `reveal` shows them. */
export function toMemberDto(row: MemberRow & { orgName: string }) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    idNumberMasked: maskIdNumber(row.idNumber),
    education: row.education,
    occupation: row.occupation,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    status: row.status,
    phoneMasked: maskPhone(row.phone),
    address: row.address,
    flags: flagsOf(row),
    pendingTransferId: row.pendingTransferId,
    leftOn: row.leftOn,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type MemberDto = ReturnType<typeof toMemberDto>;

/** What the audit log keeps of a member: the record with its PII masked (the log is readable by auditors). */
export function toMemberAuditSnapshot(row: MemberRow) {
  const { idNumber, phone, nameInitials, createdAt, updatedAt, ...rest } = row;
  return { ...rest, idNumber: maskIdNumber(idNumber), phone: maskPhone(phone) };
}

/** A row of the transfer list: 系统内 (with its org ids), 转出系统外 or 从系统外转入 (the outside org by name only). */
export interface TransferListRow {
  id: number;
  kind: TransferKind;
  memberId: number;
  memberName: string;
  fromOrgId: number | null;
  fromOrgName: string;
  toOrgId: number | null;
  toOrgName: string;
  state: TransferState;
  reason: string | null;
  letterNo: string | null;
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  transferDate: string | null;
  externalRegion: string | null;
}

export function toTransferDto(row: TransferListRow) {
  return {
    id: row.id,
    kind: row.kind,
    memberId: row.memberId,
    memberName: row.memberName,
    fromOrgId: row.fromOrgId,
    fromOrgName: row.fromOrgName,
    toOrgId: row.toOrgId,
    toOrgName: row.toOrgName,
    state: row.state,
    reason: row.reason,
    letterNo: row.letterNo,
    requestedAt: row.requestedAt,
    decidedAt: row.decidedAt,
    decisionReason: row.decisionReason,
    transferDate: row.transferDate,
    externalRegion: row.externalRegion,
  };
}

/** A transfer within the tree as a list row. */
export function internalTransferRow(
  row: MemberTransferRow & { memberName: string; fromOrgName: string; toOrgName: string },
): TransferListRow {
  const { fromPath, toPath, requestedBy, decidedBy, ...rest } = row;
  return { ...rest, kind: 'internal', transferDate: null, externalRegion: null };
}
