import type { MeetingKind, MemberReviewResult, ObligationCycle } from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 会议: one meeting of an org (三会一课, 主题党日, 第一议题, 组织生活会, 民主评议党员).
export interface MeetingTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  kind: MeetingKind;
  /** The day it was held. */
  date: string;
  topic: string;
  host: string;
  place: string | null;
  minutes: string | null;
  attendeeCount: number;
  absentCount: number;
  /** 1 = 补录: first recorded more than MEETING_LATE_RECORD_DAYS after the meeting. */
  late: number;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type MeetingRow = Selectable<MeetingTable>;
export type NewMeetingRow = Insertable<MeetingTable>;

// One member listed at a meeting: present, or absent with a reason; 民主评议 grade where the kind has one.
export interface MeetingAttendanceTable {
  meetingId: number;
  memberId: number;
  present: number;
  absenceReason: string | null;
  result: MemberReviewResult | null;
}
export type MeetingAttendanceRow = Selectable<MeetingAttendanceTable>;

// 组织生活要求: the catalogue of meetings orgs owe (DOMAIN.md §3 defaults, edited by the county).
export interface ObligationTable {
  id: Generated<number>;
  kind: MeetingKind;
  cycle: ObligationCycle;
  expected: number;
  /** JSON array of OrgKind. */
  orgKinds: string;
  /** JSON array of Sector; null = every sector. */
  sectors: string | null;
  requiresCommittee: number;
  startsOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type ObligationRow = Selectable<ObligationTable>;

// 免于考核: an org need not hold a kind of meeting (null = any) in a period, with the reason.
export interface ObligationExemptionTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  kind: MeetingKind | null;
  periodKey: string;
  reason: string;
  createdBy: number | null;
  createdAt: string;
}
export type ObligationExemptionRow = Selectable<ObligationExemptionTable>;
