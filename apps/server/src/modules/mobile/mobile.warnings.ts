// 流动党员失联 and 光荣在党50年 for the one warning list: one SQL query each over the subtree.
import { lastContactOf, medalDueOn, noContactDueOn } from '@grassroots/domain';
import type { WarningSource } from '../../platform/warnings.js';
import { findMedalsDue } from './medals.repo.js';
import { findNoContact } from './mobile.repo.js';

export const mobileWarningSource: WarningSource = {
  kinds: ['mobile_lost_contact', 'medal_due'],
  permission: 'members:read',
  async list(db, subtree, today) {
    const [mobile, medals] = await Promise.all([
      findNoContact(db, subtree.path, today),
      findMedalsDue(db, subtree.path, Number(today.slice(0, 4))),
    ]);
    return [
      ...mobile.map((r) => {
        const last = lastContactOf(r);
        return {
          kind: 'mobile_lost_contact' as const,
          orgId: r.orgId,
          orgPath: r.orgPath,
          subject: r.memberName,
          message: `${r.lostContact === 1 ? '已标记失联；' : ''}最近联系${last}${r.lastContactOn === null ? '（外出后未联系）' : ''}，流入地${r.destinationRegion}`,
          dueDate: noContactDueOn(last),
          link: `/mobile/${r.id}?org=${r.orgId}`,
        };
      }),
      ...medals.map((m) => ({
        kind: 'medal_due' as const,
        orgId: m.orgId,
        orgPath: m.orgPath,
        subject: m.name,
        message: `${m.fullOn}转正，党龄${medalDueOn(m.fullOn!)}满50年，尚未颁发"光荣在党50年"纪念章`,
        dueDate: medalDueOn(m.fullOn!),
        link: `/members/${m.id}?org=${m.orgId}`,
      })),
    ];
  },
};
