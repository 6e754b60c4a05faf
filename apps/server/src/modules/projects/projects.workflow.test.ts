// The declared table of secretary projects, judged by the engine without a database.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { allowedActions, refusal, stateFromEvents } from '../../platform/workflow.js';
import { SECRETARY_PROJECT } from './projects.workflow.js';

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

describe('secretary project workflow', () => {
  const project = { orgPath: '/1/2/3/' };

  it('moves 立项 → 推进 → 验收 → 评比 without skipping a stage', () => {
    expect(
      stateFromEvents(SECRETARY_PROJECT, [
        e('create', 'approved'),
        e('start', 'in_progress'),
        e('accept', 'accepted'),
        e('rate', 'rated'),
      ]),
    ).toBe('rated');
    expect(refusal(SECRETARY_PROJECT, admin('/1/2/'), { ...project, state: 'approved' }, 'accept')).toMatchObject({
      code: 'PROJECT_WRONG_STAGE',
      message: '该书记项目当前为“已立项”，不能验收',
    });
  });

  it('is started by its own org and accepted and rated only by a level above', () => {
    const own = admin('/1/2/3/');
    expect(allowedActions(SECRETARY_PROJECT, own, { ...project, state: 'approved' })).toEqual(['start']);
    expect(refusal(SECRETARY_PROJECT, own, { ...project, state: 'in_progress' }, 'accept')?.code).toBe(
      'UPPER_LEVEL_REQUIRED',
    );
    expect(allowedActions(SECRETARY_PROJECT, admin('/1/2/'), { ...project, state: 'accepted' })).toEqual(['rate']);
  });
});
