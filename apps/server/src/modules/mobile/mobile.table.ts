import type { MobileContactMethod } from '@grassroots/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// 流动党员: one record per time a member is away (外出); at most one without a return date. The org is the member's
// (kept in step by transfers and org moves) so a subtree's records are one range scan.
export interface MobileMemberTable {
  id: Generated<number>;
  memberId: number;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  /** 流入地: province / city / county where the member is. */
  destinationRegion: string;
  workplace: string | null;
  /** 外出日期. */
  since: string;
  contactName: string | null;
  contactPhone: string | null;
  /** 流入地党组织 or 流动党员服务站/联络站 that receives the member. */
  station: string | null;
  note: string | null;
  /** The latest logged contact; null = none since the member left. */
  lastContactOn: string | null;
  /** 失联: set by the branch (or cleared by a logged contact). */
  lostContact: number;
  returnedOn: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type MobileMemberRow = Selectable<MobileMemberTable>;
export type NewMobileMemberRow = Insertable<MobileMemberTable>;

// 联系记录 of a mobile member.
export interface MobileContactTable {
  id: Generated<number>;
  mobileMemberId: number;
  contactedOn: string;
  method: MobileContactMethod;
  note: string | null;
  createdBy: number;
  createdAt: string;
}
export type MobileContactRow = Selectable<MobileContactTable>;

// 光荣在党50年纪念章: awarded once per member; its record clears the medal_due warning.
export interface FiftyYearMedalTable {
  id: Generated<number>;
  memberId: number;
  awardedOn: string;
  note: string | null;
  createdBy: number;
  createdAt: string;
}
export type FiftyYearMedalRow = Selectable<FiftyYearMedalTable>;
