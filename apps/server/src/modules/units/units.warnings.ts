// 应建未建: units with enough formal members and no party org, for the one warning list.
import type { WarningSource } from '../../platform/warnings.js';
import * as repo from './units.repo.js';

export const unitWarningSource: WarningSource = {
  kinds: ['org_gap'],
  permission: 'orgs:read',
  async list(db, subtree) {
    return (await repo.findOrgGaps(db, subtree.path)).map((u) => ({
      kind: 'org_gap' as const,
      orgId: u.orgId,
      orgPath: u.orgPath,
      subject: u.name,
      message: `有正式党员${u.fullMembers}名，尚未建立党组织`,
      dueDate: null,
      link: `/units?org=${u.orgId}`,
    }));
  },
};
