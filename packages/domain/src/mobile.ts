// 流动党员 and 光荣在党50年: when a mobile member counts as out of contact, and when the 50-year medal is due.
import { addDays, addMonths, addYears } from './dates.js';
import { MEDAL_YEARS, MOBILE_LOST_CONTACT_MONTHS } from './warnings.js';

export const MOBILE_CONTACT_METHODS = ['phone', 'wechat', 'visit', 'letter', 'other'] as const;
export type MobileContactMethod = (typeof MOBILE_CONTACT_METHODS)[number];
export const MOBILE_CONTACT_METHOD_LABELS: Record<MobileContactMethod, string> = {
  phone: '电话',
  wechat: '微信',
  visit: '走访',
  letter: '书信',
  other: '其他',
};

/** A mobile record's last contact: the logged one, or the day the member left (contact is assumed then). */
export function lastContactOf(r: { lastContactOn: string | null; since: string }): string {
  return r.lastContactOn ?? r.since;
}

/** The day a mobile member without news becomes "no contact for 3 months": last contact + 3 calendar months. */
export function noContactDueOn(lastContact: string): string {
  return addMonths(lastContact, MOBILE_LOST_CONTACT_MONTHS);
}

function isLastDayOfMonth(date: string): boolean {
  return addDays(date, 1).slice(5, 7) !== date.slice(5, 7);
}

/**
 * The latest last-contact date that is 3 months old on `today`: `noContactDueOn(last) <= today` exactly when
 * `last <= threshold`, so lists and warnings filter in SQL with one comparison. Month ends need care: on 02-28 of
 * a common year, 11-29 and 11-30 (+3 months clamps to 02-28) are due too.
 */
export function noContactThreshold(today: string): string {
  const back = addMonths(today, -MOBILE_LOST_CONTACT_MONTHS);
  if (!isLastDayOfMonth(today)) return back;
  // Last day of the month three months back.
  const [y, m] = back.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * 党龄 counts from 转正 (党章 Article 7: "党龄从预备期满转为正式党员之日算起"), so a formal member's party standing
 * reaches 50 years on `fullOn` + 50 years; probationary members have no party standing yet.
 */
export function medalDueOn(fullOn: string): string {
  return addYears(fullOn, MEDAL_YEARS);
}

/** The 转正 dates whose members reach 50 years of party standing in `year` (the medal is awarded by year, around 七一). */
export function medalFullOnRange(year: number): { from: string; to: string } {
  const y = String(year - MEDAL_YEARS).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** A medal may be recorded in the year the member reaches 50 years of standing, or later. */
export function medalAwardableOn(fullOn: string | null, awardedOn: string): boolean {
  return fullOn !== null && Number(awardedOn.slice(0, 4)) >= Number(medalDueOn(fullOn).slice(0, 4));
}
