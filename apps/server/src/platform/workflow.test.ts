// The engine's rules on a small declared table of its own, without a database: who may act, from which state,
// with which inputs, and rebuilding a state from events.
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import {
  allowedActions,
  isWorkflowOverdue,
  refusal,
  stateFromEvents,
  statesOfClass,
  type WorkflowDefinition,
} from './workflow.js';

type S = 'open' | 'done' | 'dropped';
type A = 'finish' | 'drop' | 'reopen';
const DEF: WorkflowDefinition<S, A> = {
  name: 'demo',
  recordLabel: '事项',
  evidenceEntity: 'rectification',
  initial: 'open',
  states: {
    open: { label: '办理中', class: 'open' },
    done: { label: '已办结', class: 'fixed' },
    dropped: { label: '已撤销', class: 'closed' },
  },
  actions: {
    finish: {
      label: '办结',
      from: ['open'],
      to: 'done',
      permission: 'inspections:write',
      relation: 'responsible',
      requires: ['evidence'],
    },
    drop: {
      label: '撤销',
      from: ['open'],
      to: 'dropped',
      permission: 'inspections:verify',
      relation: 'upper',
      requires: ['reason'],
    },
    reopen: {
      label: '重新办理',
      from: ['done', 'dropped'],
      to: 'open',
      permission: 'inspections:verify',
      relation: 'upper',
    },
  },
};

const actor = (role: Actor['grants'][number]['role'], orgPath: string): Actor => ({
  userId: 1,
  username: 'u',
  name: '测试',
  ip: null,
  sessionId: 's',
  grants: [{ role, orgId: 1, orgPath, orgName: '', includeSubtree: true, validFrom: null, validTo: null }],
});
const village = { state: 'open' as S, orgPath: '/1/2/3/' };
const town = actor('township_admin', '/1/2/');
const villageAdmin = actor('township_admin', '/1/2/3/');
const secretary = actor('branch_secretary', '/1/2/3/');
const leader = actor('readonly_leader', '/1/');

describe('workflow engine', () => {
  it('refuses by permission (403), state, relation and missing input (422), in that order', () => {
    expect(refusal(DEF, leader, village, 'finish')?.status).toBe(403);
    expect(refusal(DEF, secretary, village, 'drop')?.code).toBe('FORBIDDEN');
    expect(refusal(DEF, town, { ...village, state: 'done' }, 'drop')).toMatchObject({
      code: 'WORKFLOW_WRONG_STATE',
      message: '该事项当前为“已办结”，不能撤销',
    });
    expect(refusal(DEF, villageAdmin, village, 'drop')?.code).toBe('WORKFLOW_SELF_ACCEPTANCE');
    expect(refusal(DEF, actor('township_admin', '/1/9/'), village, 'finish')?.code).toBe('WORKFLOW_NOT_RESPONSIBLE');
    expect(refusal(DEF, town, village, 'drop', {})).toMatchObject({
      code: 'WORKFLOW_INPUT_REQUIRED',
      fields: { reason: '撤销须说明原因' },
    });
    expect(refusal(DEF, secretary, village, 'finish', { attachmentIds: [4] })).toBeNull();
    expect(refusal(DEF, town, village, 'drop', { reason: '重复登记' })).toBeNull();
  });

  it('lists the actions an actor may take now', () => {
    expect(allowedActions(DEF, secretary, village)).toEqual(['finish']);
    expect(allowedActions(DEF, town, village)).toEqual(['finish', 'drop']);
    expect(allowedActions(DEF, villageAdmin, village)).toEqual(['finish']);
    expect(allowedActions(DEF, town, { ...village, state: 'dropped' })).toEqual(['reopen']);
  });

  it('derives overdue from the deadline for open states only, and groups states by class', () => {
    expect(isWorkflowOverdue(DEF, { state: 'open', deadline: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(isWorkflowOverdue(DEF, { state: 'open', deadline: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isWorkflowOverdue(DEF, { state: 'dropped', deadline: '2026-03-01' }, '2026-03-02')).toBe(false);
    expect(statesOfClass(DEF, 'fixed')).toEqual(['done']);
    expect(statesOfClass(DEF, 'closed')).toEqual(['dropped']);
  });

  it('rebuilds the state from the events and rejects a history the table forbids', () => {
    const e = (action: string, toState: string) => ({ action, toState });
    expect(
      stateFromEvents(DEF, [e('create', 'open'), e('drop', 'dropped'), e('reopen', 'open'), e('finish', 'done')]),
    ).toBe('done');
    expect(() => stateFromEvents(DEF, [e('create', 'open'), e('reopen', 'open')])).toThrow(/not in the table/);
    expect(() => stateFromEvents(DEF, [])).toThrow(/no events/);
  });

  it("judges `issuer` actions on the issuing org, answers a workflow's own codes and accepts declared outcomes", () => {
    const ISSUED: WorkflowDefinition<S, 'finish' | 'accept'> = {
      ...DEF,
      actions: {
        finish: { ...DEF.actions.finish, requires: [], outcomes: ['dropped'] },
        accept: { label: '验收', from: ['open'], to: 'done', permission: 'inspections:write', relation: 'issuer' },
      },
      refusals: {
        wrongState: 'TASK_WRONG_STATE',
        relation: { issuer: { code: 'UPPER_LEVEL_REQUIRED', message: '须由下达单位验收' } },
      },
    };
    // Issued by a township to a village of another township: the village's own township does not accept.
    const record = { state: 'open' as S, orgPath: '/1/2/3/', issuerPath: '/1/9/' };
    expect(refusal(ISSUED, actor('township_admin', '/1/9/'), record, 'accept')).toBeNull();
    expect(refusal(ISSUED, town, record, 'accept')).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '须由下达单位验收',
    });
    expect(refusal(ISSUED, town, { orgPath: '/1/2/3/', state: 'open' }, 'accept')?.code).toBe('UPPER_LEVEL_REQUIRED');
    expect(refusal(ISSUED, actor('township_admin', '/1/9/'), { ...record, state: 'done' }, 'accept')?.code).toBe(
      'TASK_WRONG_STATE',
    );
    const e = (action: string, toState: string) => ({ action, toState });
    expect(stateFromEvents(ISSUED, [e('create', 'open'), e('finish', 'dropped')])).toBe('dropped');
    expect(() => stateFromEvents(ISSUED, [e('create', 'open'), e('accept', 'dropped')])).toThrow(/not in the table/);
  });
});
