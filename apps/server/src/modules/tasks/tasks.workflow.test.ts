// The declared table of task assignments, judged by the engine without a database.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { allowedActions, refusal, stateFromEvents } from '../../platform/workflow.js';
import { TASK_ASSIGNMENT } from './tasks.workflow.js';

const admin = (orgPath: string): Actor => ({
  userId: 1,
  username: 'u',
  name: '测试',
  ip: null,
  sessionId: 's',
  grants: [
    { role: 'township_admin', orgId: 1, orgPath, orgName: '', includeSubtree: true, validFrom: null, validTo: null },
  ],
});
const e = (action: string, toState: string) => ({ action, toState });

describe('task assignment workflow', () => {
  // Issued by the county /1/ to the village /1/2/3/.
  const assignment = { orgPath: '/1/2/3/', issuerPath: '/1/' };

  it('moves 未开始 → 推进中 → 待验收 → 已完成, returned back to 推进中', () => {
    expect(
      stateFromEvents(TASK_ASSIGNMENT, [
        e('create', 'not_started'),
        e('report', 'in_progress'),
        e('report', 'submitted'),
        e('return', 'in_progress'),
        e('report', 'submitted'),
        e('accept', 'completed'),
      ]),
    ).toBe('completed');
    expect(() => stateFromEvents(TASK_ASSIGNMENT, [e('create', 'not_started'), e('accept', 'completed')])).toThrow(
      /not in the table/,
    );
  });

  it("lets the responsible side report and only the issuer decide, answering the API's codes", () => {
    const village = admin('/1/2/3/');
    const submitted = { ...assignment, state: 'submitted' as const };
    expect(allowedActions(TASK_ASSIGNMENT, village, { ...assignment, state: 'in_progress' })).toEqual(['report']);
    expect(allowedActions(TASK_ASSIGNMENT, admin('/1/'), submitted)).toEqual(['accept', 'return']);
    // The township above the village is neither the issuer nor may it accept for it.
    expect(refusal(TASK_ASSIGNMENT, admin('/1/2/'), submitted, 'accept')).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '验收或退回须由下达清单的单位进行，责任单位不能验收自己的任务',
    });
    expect(refusal(TASK_ASSIGNMENT, admin('/1/9/'), { ...assignment, state: 'in_progress' }, 'report')?.code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(TASK_ASSIGNMENT, village, { ...assignment, state: 'completed' }, 'report')).toMatchObject({
      code: 'TASK_WRONG_STATE',
      message: '该任务当前为“已完成”，不能报告进展',
    });
    expect(refusal(TASK_ASSIGNMENT, admin('/1/'), { ...assignment, state: 'in_progress' }, 'accept')?.message).toBe(
      '该任务当前为“推进中”，不能验收通过',
    );
  });
});
