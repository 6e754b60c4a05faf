import { describe, expect, it } from 'vitest';
import {
  assignmentStatusLabel,
  completionRate,
  daysOverdue,
  isAssignablePath,
  isAssignmentOverdue,
  isMatterOverdue,
  nextAssignmentState,
  nextProjectStage,
  taskActionSide,
} from './tasks.js';

describe('task assignments', () => {
  it('is on time on the deadline day and overdue the day after, unless accepted', () => {
    const a = { state: 'in_progress' as const, deadline: '2026-06-30' };
    expect(isAssignmentOverdue(a, '2026-06-30')).toBe(false);
    expect(assignmentStatusLabel(a, '2026-06-30')).toBe('推进中');
    expect(isAssignmentOverdue(a, '2026-07-01')).toBe(true);
    expect(assignmentStatusLabel(a, '2026-07-01')).toBe('逾期');
    expect(daysOverdue('2026-06-30', '2026-06-30')).toBe(0);
    expect(daysOverdue('2026-06-30', '2026-07-02')).toBe(2);
    expect(isAssignmentOverdue({ state: 'submitted', deadline: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isAssignmentOverdue({ state: 'completed', deadline: '2026-06-30' }, '2027-01-01')).toBe(false);
    expect(assignmentStatusLabel({ state: 'completed', deadline: '2026-06-30' }, '2027-01-01')).toBe('已完成');
  });

  it('moves 未开始 → 推进中 → 待验收 → 已完成, returned back to 推进中; the issuer decides', () => {
    expect(nextAssignmentState('not_started', 'report')).toBe('in_progress');
    expect(nextAssignmentState('in_progress', 'report', true)).toBe('submitted');
    expect(nextAssignmentState('submitted', 'accept')).toBe('completed');
    expect(nextAssignmentState('submitted', 'return')).toBe('in_progress');
    expect(taskActionSide('report')).toBe('responsible');
    expect(taskActionSide('accept')).toBe('issuer');
    expect(taskActionSide('return')).toBe('issuer');
  });

  it('refuses an action in the wrong state with 422 naming the state', () => {
    expect(() => nextAssignmentState('in_progress', 'accept')).toThrow('该任务当前为“推进中”，不能验收通过');
    expect(() => nextAssignmentState('completed', 'report')).toThrow(
      expect.objectContaining({ code: 'TASK_WRONG_STATE' }),
    );
    expect(() => nextAssignmentState('submitted', 'report')).toThrow('待验收');
  });

  it('assigns only strictly below the issuer', () => {
    expect(isAssignablePath('/1/2/', '/1/2/5/')).toBe(true);
    expect(isAssignablePath('/1/2/', '/1/2/')).toBe(false);
    expect(isAssignablePath('/1/2/', '/1/3/')).toBe(false);
    expect(isAssignablePath('/1/2/', '/1/')).toBe(false);
  });

  it('computes the completion rate in percent with one decimal, null when empty', () => {
    expect(completionRate(0, 0)).toBeNull();
    expect(completionRate(1326, 1560)).toBe(85);
    expect(completionRate(1, 3)).toBe(33.3);
    expect(completionRate(3, 3)).toBe(100);
  });
});

describe('secretary projects and practical matters', () => {
  it('moves 立项 → 推进 → 验收 → 评比 and refuses skipping a stage', () => {
    expect(nextProjectStage('approved', 'start')).toBe('in_progress');
    expect(nextProjectStage('in_progress', 'accept')).toBe('accepted');
    expect(nextProjectStage('accepted', 'rate')).toBe('rated');
    expect(() => nextProjectStage('approved', 'accept')).toThrow('该书记项目当前为“已立项”，不能验收');
  });

  it('a matter is overdue after its target date until done', () => {
    expect(isMatterOverdue({ status: 'open', targetDate: '2026-05-01' }, '2026-05-01')).toBe(false);
    expect(isMatterOverdue({ status: 'in_progress', targetDate: '2026-05-01' }, '2026-05-02')).toBe(true);
    expect(isMatterOverdue({ status: 'done', targetDate: '2026-05-01' }, '2026-09-02')).toBe(false);
  });
});
