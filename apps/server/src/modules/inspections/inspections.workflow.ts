// 整改 (rectification) on the workflow engine: the transition table of a problem found in an inspection.
import { PROBLEM_ACTION_LABELS, PROBLEM_STATE_LABELS, type ProblemAction, type ProblemState } from '@grassroots/domain';
import type { WorkflowDefinition } from '../../platform/workflow.js';

export const RECTIFICATION: WorkflowDefinition<ProblemState, ProblemAction> = {
  name: 'rectification',
  recordLabel: '问题',
  evidenceEntity: 'rectification',
  initial: 'pending',
  states: {
    pending: { label: PROBLEM_STATE_LABELS.pending, class: 'open' },
    rectifying: { label: PROBLEM_STATE_LABELS.rectifying, class: 'open' },
    submitted: { label: PROBLEM_STATE_LABELS.submitted, class: 'open' },
    accepted: { label: PROBLEM_STATE_LABELS.accepted, class: 'fixed' },
  },
  actions: {
    start: {
      label: PROBLEM_ACTION_LABELS.start,
      from: ['pending'],
      to: 'rectifying',
      permission: 'inspections:write',
      relation: 'responsible',
    },
    submit: {
      label: PROBLEM_ACTION_LABELS.submit,
      from: ['rectifying'],
      to: 'submitted',
      permission: 'inspections:write',
      relation: 'responsible',
      requires: ['evidence'],
    },
    accept: {
      label: PROBLEM_ACTION_LABELS.accept,
      from: ['submitted'],
      to: 'accepted',
      permission: 'inspections:verify',
      relation: 'upper',
    },
    return: {
      label: PROBLEM_ACTION_LABELS.return,
      from: ['submitted'],
      to: 'rectifying',
      permission: 'inspections:verify',
      relation: 'upper',
      requires: ['reason'],
    },
  },
};
