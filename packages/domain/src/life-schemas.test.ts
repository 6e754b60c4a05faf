import { describe, expect, it } from 'vitest';
import { addDays, todayIso } from './dates.js';
import { MEMBER_REVIEW_RESULT_LABELS, periodLabel, worstStatus, ZMeetingCreate } from './life-schemas.js';
import { periodFromKey } from './obligations.js';

describe('组织生活 schemas and helpers', () => {
  it('labels periods the Chinese way', () => {
    expect(periodLabel(periodFromKey('2026'))).toBe('2026年');
    expect(periodLabel(periodFromKey('2026-Q3'))).toBe('2026年第3季度');
    expect(periodLabel(periodFromKey('2026-07'))).toBe('2026年7月');
  });

  it('民主评议 grades: 优秀, 合格, 基本合格, 不合格', () => {
    expect(Object.values(MEMBER_REVIEW_RESULT_LABELS)).toEqual(['优秀', '合格', '基本合格', '不合格']);
  });

  it('the worst of several periods: short > in progress > met > exempt', () => {
    expect(worstStatus(['met', 'short', 'exempt'])).toBe('short');
    expect(worstStatus(['met', 'in_progress'])).toBe('in_progress');
    expect(worstStatus(['exempt', 'met'])).toBe('met');
    expect(worstStatus(['exempt'])).toBe('exempt');
    expect(worstStatus([])).toBe('not_applicable');
  });

  it('a meeting date may be today, not tomorrow', () => {
    const base = { orgId: 1, kind: 'general_meeting', topic: '会议', host: '张伟', attendees: [1] };
    expect(ZMeetingCreate.safeParse({ ...base, date: todayIso() }).success).toBe(true);
    const tomorrow = ZMeetingCreate.safeParse({ ...base, date: addDays(todayIso(), 1) });
    expect(tomorrow.success).toBe(false);
    expect(tomorrow.error?.issues[0]?.path).toEqual(['date']);
  });
});
