// 软弱涣散整顿逾期: rectifications not accepted by their deadline, for the one warning list.
import type { WarningSource } from '../../platform/warnings.js';
import { findOverdueWeakOrgs } from './weak-orgs.repo.js';

export const weakOrgWarningSource: WarningSource = {
  kinds: ['weak_org_overdue'],
  permission: 'ratings:read',
  async list(db, subtree, today) {
    return (await findOverdueWeakOrgs(db, subtree.path, today)).map((w) => ({
      kind: 'weak_org_overdue' as const,
      orgId: w.orgId,
      orgPath: w.orgPath,
      subject: w.orgName,
      message: `${w.year}年度软弱涣散整顿期限${w.deadline}已过，${w.status === 'submitted' ? '待上级验收' : '尚未整顿到位'}`,
      dueDate: w.deadline,
      link: `/weak-orgs/${w.id}?org=${w.orgId}`,
    }));
  },
};
