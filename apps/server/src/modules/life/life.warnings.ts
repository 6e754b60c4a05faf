// meetings_short for the one warning list. For each obligation binding an open org of the subtree:
// - the last completed period, when it ended short (overdue: "上期未完成");
// - the current period, when meetings are still missing and no more than MEETINGS_DUE_SOON_DAYS of it remain
//   (month 7, quarter 15, year 30 days, today included), so the secretary can still hold them in time.
// Exempt periods (explicit exemptions, a branch founded mid-period) and met ones raise nothing. Recording the
// meeting (even late, 补录) makes the warning disappear.
import {
  addDays,
  applicableObligations,
  MEETING_KIND_LABELS,
  MEETINGS_DUE_SOON_DAYS,
  obligationCompliance,
  periodLabel,
  periodOf,
} from '@grassroots/domain';
import type { SourcedWarning, WarningSource } from '../../platform/warnings.js';
import { loadSubtreeLife, shortfallMessage } from './life.compliance.js';

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

export const lifeWarningSource: WarningSource = {
  kinds: ['meetings_short'],
  permission: 'life:read',
  async list(db, subtree, today) {
    const previousStart = (['year', 'quarter', 'month'] as const).map(
      (c) => periodOf(c, addDays(periodOf(c, today).start, -1)).start,
    );
    const life = await loadSubtreeLife(db, subtree.path, previousStart.sort()[0]!, today);
    const out: SourcedWarning[] = [];
    for (const org of life.orgs) {
      if (org.closedOn !== null) continue;
      const options = { today, exemptions: life.exemptionsOf(org.id) };
      const meetings = life.meetingsOf(org.id);
      for (const o of applicableObligations(org, life.catalogue)) {
        const current = periodOf(o.cycle, today);
        const previous = periodOf(o.cycle, addDays(current.start, -1));
        const last = obligationCompliance(org, o, previous, meetings, options);
        const now = obligationCompliance(org, o, current, meetings, options);
        const daysLeft = daysBetween(today, current.end) + 1;
        const link = `/life/meetings?org=${org.id}&kind=${o.kind}`;
        if (last.status === 'short') {
          out.push({
            kind: 'meetings_short',
            orgId: org.id,
            orgPath: org.path,
            subject: `${MEETING_KIND_LABELS[o.kind]}（${periodLabel(previous)}）`,
            message: `${periodLabel(previous)}${shortfallMessage(last)}，已逾期`,
            dueDate: previous.end,
            link,
          });
        }
        if (now.status === 'in_progress' && daysLeft <= MEETINGS_DUE_SOON_DAYS[o.cycle]) {
          out.push({
            kind: 'meetings_short',
            orgId: org.id,
            orgPath: org.path,
            subject: `${MEETING_KIND_LABELS[o.kind]}（${periodLabel(current)}）`,
            message: `${periodLabel(current)}${shortfallMessage(now)}，本期还剩${daysLeft}天`,
            dueDate: current.end,
            link,
          });
        }
      }
    }
    return out;
  },
};
