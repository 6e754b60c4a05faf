import { describe, expect, it } from 'vitest';
import type { AppError } from './errors.js';
import { isWeakOrgEditable, isWeakOrgOverdue, nextWeakOrgStatus, WEAK_ORG_STATUSES } from './weak-orgs.js';
import { ZWeakOrgCreate } from './weak-orgs-schemas.js';

describe('软弱涣散整顿 states', () => {
  it('moves 整顿中 → 已提交 → 验收通过, and 已提交 → 已退回 → 已提交 again', () => {
    expect(nextWeakOrgStatus('rectifying', 'submit')).toBe('submitted');
    expect(nextWeakOrgStatus('submitted', 'accept')).toBe('accepted');
    expect(nextWeakOrgStatus('submitted', 'return')).toBe('returned');
    expect(nextWeakOrgStatus('returned', 'submit')).toBe('submitted');
  });

  it('refuses acceptance of work not submitted, and any action on an accepted record, naming the state', () => {
    for (const [status, action] of [
      ['rectifying', 'accept'],
      ['returned', 'return'],
      ['accepted', 'submit'],
      ['accepted', 'return'],
      ['submitted', 'submit'],
    ] as const) {
      const err = (() => {
        try {
          nextWeakOrgStatus(status, action);
        } catch (e) {
          return e as AppError;
        }
        throw new Error('expected a refusal');
      })();
      expect(err.code).toBe('WEAK_ORG_WRONG_STATUS');
      expect(err.status).toBe(422);
    }
    expect(() => nextWeakOrgStatus('rectifying', 'accept')).toThrow('整顿记录当前为“整顿中”，不能验收通过');
  });

  it('is editable only while at work (整顿中 or 已退回)', () => {
    expect(WEAK_ORG_STATUSES.filter(isWeakOrgEditable)).toEqual(['rectifying', 'returned']);
  });

  it('is overdue from the day after the deadline until accepted', () => {
    const r = { status: 'rectifying' as const, deadline: '2025-10-31' };
    expect(isWeakOrgOverdue(r, '2025-10-30')).toBe(false);
    expect(isWeakOrgOverdue(r, '2025-10-31')).toBe(false);
    expect(isWeakOrgOverdue(r, '2025-11-01')).toBe(true);
    expect(isWeakOrgOverdue({ ...r, status: 'submitted' }, '2025-11-01')).toBe(true);
    expect(isWeakOrgOverdue({ ...r, status: 'returned' }, '2026-01-01')).toBe(true);
    expect(isWeakOrgOverdue({ ...r, status: 'accepted' }, '2025-11-01')).toBe(false);
  });

  it('asks for the details when the reason is 其他', () => {
    const base = {
      orgId: 1,
      year: 2025,
      reasons: ['other'],
      plan: '一支一策',
      leaderName: '王书记',
      measures: ['调整班子'],
      deadline: '2025-10-31',
    };
    const r = ZWeakOrgCreate.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['reasonDetail'], message: '选择“其他”时请填写具体表现' });
    expect(ZWeakOrgCreate.safeParse({ ...base, reasonDetail: '村干部长期外出' }).success).toBe(true);
    expect(ZWeakOrgCreate.safeParse({ ...base, reasons: [] }).error?.issues[0]?.message).toBe(
      '请至少选择一项软弱涣散类型',
    );
  });
});
