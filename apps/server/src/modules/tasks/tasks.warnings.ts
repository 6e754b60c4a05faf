// 清单任务逾期: assignments not accepted by the day after their deadline, for the one warning list.
import { daysOverdue } from '@grassroots/domain';
import type { WarningSource } from '../../platform/warnings.js';
import { findOverdueAssignments } from './tasks.service.js';

export const taskWarningSource: WarningSource = {
  kinds: ['task_overdue'],
  permission: 'tasks:read',
  async list(db, subtree, today) {
    return (await findOverdueAssignments(db, subtree.path, today)).map((a) => ({
      kind: 'task_overdue' as const,
      orgId: a.orgId,
      orgPath: a.orgPath,
      subject: a.measureTitle,
      message: `${a.listTitle}：逾期${daysOverdue(a.deadline, today)}天${a.state === 'submitted' ? '，已报完成待验收' : '未完成'}`,
      dueDate: a.deadline,
      link: `/tasks/assignments/${a.id}?org=${a.orgId}`,
    }));
  },
};
