import { describe, expect, it } from 'vitest';
import {
  assignmentStatusLabel,
  completionRate,
  daysOverdue,
  isAssignablePath,
  isAssignmentOverdue,
  isMatterOverdue,
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

describe('practical matters', () => {
  it('a matter is overdue after its target date until done', () => {
    expect(isMatterOverdue({ status: 'open', targetDate: '2026-05-01' }, '2026-05-01')).toBe(false);
    expect(isMatterOverdue({ status: 'in_progress', targetDate: '2026-05-01' }, '2026-05-02')).toBe(true);
    expect(isMatterOverdue({ status: 'done', targetDate: '2026-05-01' }, '2026-09-02')).toBe(false);
  });
});
