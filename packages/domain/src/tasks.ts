// 清单管理 (DOMAIN.md §5): task lists (重点任务清单) → key tasks (重点任务) → measures (推进措施) with the four fixes
// (定任务、定措施、定时限、定单位), each measure assigned to one or more orgs below the issuer; and 书记项目 / 实事.
//
// Decisions where DOMAIN.md is silent:
// - An assignment moves 未开始 → 推进中 (first progress report) → 待验收 (reported complete) → 已完成 (the issuer's
//   acceptance), or is returned from 待验收 to 推进中 with a reason. Only the issuing side accepts or returns, never
//   the responsible org itself. The transition tables of assignments and projects are declared for the workflow
//   engine in apps/server (tasks.workflow.ts, projects.workflow.ts).
// - 逾期 is derived, never a state: not accepted and today is after the deadline (the deadline day itself is still on
//   time). A completion reported on time but not yet accepted still counts as overdue once the day has passed: the
//   list only closes on acceptance.
// - Completion rate = accepted assignments / all assignments, in percent with one decimal; none → null.
// - 书记项目: 立项 → 推进 → 验收 → 评比; the org's own level starts it, a level above accepts and rates it.
// - 实事: 待办 → 办理中 → 已办结 (with result and date); satisfaction is recorded once done.

export const TASK_ASSIGNMENT_STATES = ['not_started', 'in_progress', 'submitted', 'completed'] as const;
export type TaskAssignmentState = (typeof TASK_ASSIGNMENT_STATES)[number];
export const TASK_ASSIGNMENT_STATE_LABELS: Record<TaskAssignmentState, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  submitted: '待验收',
  completed: '已完成',
};
export const TASK_OVERDUE_LABEL = '逾期';

export const TASK_ASSIGNMENT_ACTIONS = ['report', 'accept', 'return'] as const;
export type TaskAssignmentAction = (typeof TASK_ASSIGNMENT_ACTIONS)[number];
export const TASK_ASSIGNMENT_ACTION_LABELS: Record<TaskAssignmentAction | 'assign', string> = {
  assign: '下达',
  report: '报告进展',
  accept: '验收通过',
  return: '退回',
};

export function isAssignmentOverdue(a: { state: TaskAssignmentState; deadline: string }, today: string): boolean {
  return a.state !== 'completed' && today > a.deadline;
}

/** Whole days past the deadline as of today (0 on the deadline day and before). */
export function daysOverdue(deadline: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}

/** Percent with one decimal; null when there is nothing to complete. */
export function completionRate(done: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((done / total) * 1000) / 10;
}

/** The label shown for an assignment: its state, or 逾期 when overdue. */
export function assignmentStatusLabel(a: { state: TaskAssignmentState; deadline: string }, today: string): string {
  return isAssignmentOverdue(a, today) ? TASK_OVERDUE_LABEL : TASK_ASSIGNMENT_STATE_LABELS[a.state];
}

/** Org ids of the issuer's strict subtree are assignable; the issuer itself is not (it would accept its own work). */
export function isAssignablePath(issuerPath: string, orgPath: string): boolean {
  return orgPath !== issuerPath && orgPath.startsWith(issuerPath);
}

// ---- 书记项目

export const PROJECT_STAGES = ['approved', 'in_progress', 'accepted', 'rated'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  approved: '已立项',
  in_progress: '推进中',
  accepted: '已验收',
  rated: '已评比',
};
export const PROJECT_ACTIONS = ['start', 'accept', 'rate'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];
export const PROJECT_ACTION_LABELS: Record<ProjectAction, string> = {
  start: '开始推进',
  accept: '验收',
  rate: '评比',
};
export const PROJECT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ProjectGrade = (typeof PROJECT_GRADES)[number];
export const PROJECT_GRADE_LABELS: Record<ProjectGrade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

// ---- 实事 / 急难愁盼

export const MATTER_KINDS = ['practical_matter', 'urgent_need'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];
export const MATTER_KIND_LABELS: Record<MatterKind, string> = {
  practical_matter: '为民办实事',
  urgent_need: '急难愁盼问题',
};
export const MATTER_STATUSES = ['open', 'in_progress', 'done'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
export const MATTER_STATUS_LABELS: Record<MatterStatus, string> = {
  open: '待办',
  in_progress: '办理中',
  done: '已办结',
};
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export function isMatterOverdue(m: { status: MatterStatus; targetDate: string }, today: string): boolean {
  return m.status !== 'done' && today > m.targetDate;
}
