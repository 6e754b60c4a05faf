// Org-setup warnings (size vs kind, terms ending or overdue) for the one warning list.
import { ORG_WARNING_KINDS } from '@grassroots/domain';
import { readCountersInSubtree } from '../../platform/counters.js';
import type { WarningSource } from '../../platform/warnings.js';
import * as repo from './orgs.repo.js';
import { warningsFor } from './orgs.service.js';
import type { OrgRow } from './orgs.table.js';

export const orgWarningSource: WarningSource = {
  kinds: ORG_WARNING_KINDS.filter((k) => k !== 'org_gap'),
  permission: 'orgs:read',
  async list(db, subtree) {
    const orgs = await repo.findSubtreeOrgsForRules(db, subtree.path);
    const byId = new Map<number, { total: number; full: number }>();
    for (const r of await readCountersInSubtree(db, subtree.path, ['member', 'member.status'])) {
      const c = byId.get(Number(r.orgId)) ?? { total: 0, full: 0 };
      if (r.dimension === 'member') c.total = Number(r.count);
      else if (r.value === 'full') c.full = Number(r.count);
      byId.set(Number(r.orgId), c);
    }
    return orgs.flatMap((o) =>
      warningsFor(o as OrgRow, byId.get(o.id) ?? { total: 0, full: 0 }).map((w) => ({
        kind: w.kind,
        orgId: o.id,
        orgPath: o.path,
        subject: o.name,
        message: w.message,
        dueDate: w.dueDate,
        link: `/orgs?org=${o.id}`,
      })),
    );
  },
};
