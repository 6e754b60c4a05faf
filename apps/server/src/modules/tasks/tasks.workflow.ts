// 任务落实 on the workflow engine: an assignment moves 未开始 → 推进中 → 待验收 → 已完成 (or back to 推进中). The
// responsible org reports; only the side that issued the list accepts or returns, never the responsible org itself.
import {
  TASK_ASSIGNMENT_ACTION_LABELS,
  TASK_ASSIGNMENT_STATE_LABELS,
  type TaskAssignmentAction,
  type TaskAssignmentState,
} from '@grassroots/domain';
import type { WorkflowDefinition } from '../../platform/workflow.js';

export const TASK_ASSIGNMENT: WorkflowDefinition<TaskAssignmentState, TaskAssignmentAction> = {
  name: 'task_assignment',
  recordLabel: '任务',
  evidenceEntity: 'task_progress',
  initial: 'not_started',
  states: {
    not_started: { label: TASK_ASSIGNMENT_STATE_LABELS.not_started, class: 'open' },
    in_progress: { label: TASK_ASSIGNMENT_STATE_LABELS.in_progress, class: 'open' },
    submitted: { label: TASK_ASSIGNMENT_STATE_LABELS.submitted, class: 'open' },
    completed: { label: TASK_ASSIGNMENT_STATE_LABELS.completed, class: 'fixed' },
  },
  actions: {
    // A report marked complete goes to 待验收 (the outcome the service picks).
    report: {
      label: TASK_ASSIGNMENT_ACTION_LABELS.report,
      from: ['not_started', 'in_progress'],
      to: 'in_progress',
      outcomes: ['submitted'],
      permission: 'tasks:write',
      relation: 'responsible',
      requires: ['reason'],
    },
    accept: {
      label: TASK_ASSIGNMENT_ACTION_LABELS.accept,
      from: ['submitted'],
      to: 'completed',
      permission: 'tasks:write',
      relation: 'issuer',
    },
    return: {
      label: TASK_ASSIGNMENT_ACTION_LABELS.return,
      from: ['submitted'],
      to: 'in_progress',
      permission: 'tasks:write',
      relation: 'issuer',
      requires: ['reason'],
    },
  },
  refusals: {
    wrongState: 'TASK_WRONG_STATE',
    relation: {
      responsible: { code: 'FORBIDDEN', message: '只有责任单位可以报告该任务的进展' },
      issuer: {
        code: 'UPPER_LEVEL_REQUIRED',
        message: '验收或退回须由下达清单的单位进行，责任单位不能验收自己的任务',
      },
    },
  },
};
