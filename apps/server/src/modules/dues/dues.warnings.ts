// 欠缴党费 for the one warning list: members with a run of DUES_ARREARS_FLAG_MONTHS or more unpaid months (连续六个月
// 不交纳党费, 党章第九条), up to the last month that has ended; due at the end of the first unpaid month. One SQL
// aggregate over the subtree (dues.repo arrears), not a query per member.
import { DUES_ARREARS_FLAG_MONTHS, monthEnd, shiftMonth } from '@grassroots/domain';
import type { WarningSource } from '../../platform/warnings.js';
import * as repo from './dues.repo.js';

export const duesWarningSource: WarningSource = {
  kinds: ['dues_arrears'],
  permission: 'dues:read',
  async list(db, subtree, today) {
    // A month's dues fall due at its end: count up to the last month that has ended.
    const upTo = shiftMonth(today.slice(0, 7), -1);
    return (await repo.findFlaggedArrears(db, subtree.path, upTo)).map((r) => {
      const first = r.firstUnpaid;
      return {
        kind: 'dues_arrears' as const,
        orgId: r.orgId,
        orgPath: r.orgPath,
        subject: r.name,
        message: `欠缴党费${r.unpaid}个月（最长连续${r.longest}个月，达到${DUES_ARREARS_FLAG_MONTHS}个月），自${first}起`,
        dueDate: monthEnd(first),
        link: `/dues/members/${r.memberId}?org=${r.orgId}`,
      };
    });
  },
};
