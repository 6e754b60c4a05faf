import { lastContactOf, maskPhone, noContactDueOn } from '@grassroots/domain';
import type { FiftyYearMedalRow, MobileContactRow, MobileMemberRow } from './mobile.table.js';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** A record with what the list shows beside it: days since the last contact and whether it is 3 months old. */
export function toMobileDto(
  row: MobileMemberRow & { memberName: string; memberPhone: string | null; orgName: string },
  today: string,
) {
  const lastContact = lastContactOf(row);
  const dueOn = noContactDueOn(lastContact);
  const active = row.returnedOn === null;
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    memberPhoneMasked: maskPhone(row.memberPhone),
    orgId: row.orgId,
    orgName: row.orgName,
    destinationRegion: row.destinationRegion,
    workplace: row.workplace,
    since: row.since,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    station: row.station,
    note: row.note,
    lastContactOn: row.lastContactOn,
    lostContact: row.lostContact === 1,
    returnedOn: row.returnedOn,
    daysSinceContact: active ? daysBetween(lastContact, today) : null,
    /** Active and either flagged 失联 or without contact since `noContactDueOn`. */
    noContact: active && (row.lostContact === 1 || dueOn <= today),
    noContactDueOn: active ? dueOn : null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type MobileDto = ReturnType<typeof toMobileDto>;

export function toMobileAuditSnapshot(row: MobileMemberRow) {
  const { createdAt, updatedAt, provinceId, ...rest } = row;
  return rest;
}

export function toContactDto(row: MobileContactRow & { createdByName: string | null }) {
  return {
    id: row.id,
    contactedOn: row.contactedOn,
    method: row.method,
    note: row.note,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
  };
}

export function toMedalDto(row: FiftyYearMedalRow & { memberName: string; orgId: number; orgName: string }) {
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    orgId: row.orgId,
    orgName: row.orgName,
    awardedOn: row.awardedOn,
    note: row.note,
    createdAt: row.createdAt,
  };
}
