import {
  MEETING_KIND_LABELS,
  MEMBER_REVIEW_RESULT_LABELS,
  OBLIGATION_CYCLE_LABELS,
  ORG_KIND_LABELS,
  SECTOR_LABELS,
} from '@grassroots/domain';
import type { AttachmentDto } from '../../platform/attachments.js';
import type { CatalogueEntry } from './life.compliance.js';
import type { MeetingAttendanceRow, MeetingRow, ObligationExemptionRow } from './life.table.js';

export function toMeetingListItem(row: MeetingRow & { orgName: string }) {
  return {
    id: Number(row.id),
    orgId: Number(row.orgId),
    orgName: row.orgName,
    kind: row.kind,
    kindLabel: MEETING_KIND_LABELS[row.kind],
    date: row.date,
    topic: row.topic,
    host: row.host,
    place: row.place,
    attendeeCount: row.attendeeCount,
    absentCount: row.absentCount,
    late: row.late === 1,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type MeetingListItem = ReturnType<typeof toMeetingListItem>;

export function toMeetingDto(
  row: MeetingRow & { orgName: string },
  attendance: Array<MeetingAttendanceRow & { memberName: string }>,
  attachments: AttachmentDto[],
) {
  return {
    ...toMeetingListItem(row),
    minutes: row.minutes,
    attendees: attendance
      .filter((a) => a.present === 1)
      .map((a) => ({ memberId: Number(a.memberId), name: a.memberName })),
    absences: attendance
      .filter((a) => a.present === 0)
      .map((a) => ({ memberId: Number(a.memberId), name: a.memberName, reason: a.absenceReason ?? '' })),
    results: attendance
      .filter((a) => a.result !== null)
      .map((a) => ({
        memberId: Number(a.memberId),
        name: a.memberName,
        result: a.result!,
        resultLabel: MEMBER_REVIEW_RESULT_LABELS[a.result!],
      })),
    attachments,
  };
}
export type MeetingDto = ReturnType<typeof toMeetingDto>;

export function toMeetingAuditSnapshot(
  row: MeetingRow,
  attendance: Array<Pick<MeetingAttendanceRow, 'memberId' | 'present' | 'absenceReason' | 'result'>>,
  attachmentIds: number[],
) {
  const { createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    attendees: attendance.filter((a) => a.present === 1).map((a) => Number(a.memberId)),
    absences: attendance
      .filter((a) => a.present === 0)
      .map((a) => ({ memberId: Number(a.memberId), reason: a.absenceReason })),
    results: attendance
      .filter((a) => a.result !== null)
      .map((a) => ({ memberId: Number(a.memberId), result: a.result })),
    attachmentIds,
  };
}

export function toObligationDto(o: CatalogueEntry) {
  return {
    ...o,
    startsOn: o.startsOn ?? null,
    kindLabel: MEETING_KIND_LABELS[o.kind],
    cycleLabel: OBLIGATION_CYCLE_LABELS[o.cycle],
    orgKindLabels: o.orgKinds.map((k) => ORG_KIND_LABELS[k]),
    sectorLabels: o.sectors === null ? null : o.sectors.map((s) => SECTOR_LABELS[s]),
  };
}
export type ObligationDto = ReturnType<typeof toObligationDto>;

export function toExemptionDto(row: ObligationExemptionRow & { orgName: string }) {
  return {
    id: Number(row.id),
    orgId: Number(row.orgId),
    orgName: row.orgName,
    kind: row.kind,
    kindLabel: row.kind === null ? '全部会议' : MEETING_KIND_LABELS[row.kind],
    periodKey: row.periodKey,
    reason: row.reason,
    createdAt: row.createdAt,
  };
}
export type ExemptionDto = ReturnType<typeof toExemptionDto>;
