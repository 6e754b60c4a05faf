// 整改逾期: problems found in inspections and not accepted (销号) by their deadline, for the one warning list.
import { PROBLEM_STATE_LABELS } from '@grassroots/domain';
import type { WarningSource } from '../../platform/warnings.js';
import { findOverdueProblems } from './inspections.repo.js';

export const inspectionWarningSource: WarningSource = {
  kinds: ['problem_overdue'],
  permission: 'inspections:read',
  async list(db, subtree, today) {
    return (await findOverdueProblems(db, subtree.path, today)).map((p) => ({
      kind: 'problem_overdue' as const,
      orgId: Number(p.orgId),
      orgPath: p.orgPath,
      subject: p.description.length > 30 ? `${p.description.slice(0, 30)}…` : p.description,
      message: `督导问题整改期限${p.deadline}已过，当前${PROBLEM_STATE_LABELS[p.state]}`,
      dueDate: p.deadline,
      link: `/inspections/problems/${p.id}?org=${p.orgId}`,
    }));
  },
};
