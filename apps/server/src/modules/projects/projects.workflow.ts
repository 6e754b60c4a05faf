// 书记项目 on the workflow engine: 立项 → 推进 → 验收 → 评比; the project's org (or a level above) starts it, only a
// level above accepts and rates it.
import { PROJECT_ACTION_LABELS, PROJECT_STAGE_LABELS, type ProjectAction, type ProjectStage } from '@grassroots/domain';
import type { WorkflowDefinition } from '../../platform/workflow.js';

export const SECRETARY_PROJECT: WorkflowDefinition<ProjectStage, ProjectAction> = {
  name: 'secretary_project',
  recordLabel: '书记项目',
  // No project action takes files today; they would be kept with the other 清单管理 files.
  evidenceEntity: 'task_progress',
  initial: 'approved',
  states: {
    approved: { label: PROJECT_STAGE_LABELS.approved, class: 'open' },
    in_progress: { label: PROJECT_STAGE_LABELS.in_progress, class: 'open' },
    accepted: { label: PROJECT_STAGE_LABELS.accepted, class: 'fixed' },
    rated: { label: PROJECT_STAGE_LABELS.rated, class: 'fixed' },
  },
  actions: {
    start: {
      label: PROJECT_ACTION_LABELS.start,
      from: ['approved'],
      to: 'in_progress',
      permission: 'tasks:write',
      relation: 'responsible',
    },
    accept: {
      label: PROJECT_ACTION_LABELS.accept,
      from: ['in_progress'],
      to: 'accepted',
      permission: 'tasks:write',
      relation: 'upper',
    },
    rate: {
      label: PROJECT_ACTION_LABELS.rate,
      from: ['accepted'],
      to: 'rated',
      permission: 'tasks:write',
      relation: 'upper',
    },
  },
  refusals: {
    wrongState: 'PROJECT_WRONG_STAGE',
    relation: {
      responsible: { code: 'FORBIDDEN', message: '您没有修改该书记项目的权限' },
      upper: { code: 'UPPER_LEVEL_REQUIRED', message: '书记项目的验收和评比须由上级党组织进行' },
    },
  },
};
