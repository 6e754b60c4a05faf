// 预警: the one list of everything due or overdue for an org subtree (issue 5 §6). Every module's warnings share these
// kinds, so the list, its counts, the filters and the layout badge know them all.
import { ORG_WARNING_KINDS, ORG_WARNING_LABELS } from './org-rules.js';

export const MODULE_WARNING_KINDS = [
  'meetings_short',
  'development_due',
  'probation_ending',
  'dues_arrears',
  'mobile_lost_contact',
  'medal_due',
  'weak_org_overdue',
  'task_overdue',
  'problem_overdue',
] as const;

export const WARNING_KINDS = [...ORG_WARNING_KINDS, ...MODULE_WARNING_KINDS] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WARNING_LABELS: Record<WarningKind, string> = {
  ...ORG_WARNING_LABELS,
  meetings_short: '组织生活未达要求',
  development_due: '发展步骤到期',
  probation_ending: '预备期即将期满',
  dues_arrears: '欠缴党费',
  mobile_lost_contact: '流动党员失联',
  medal_due: '光荣在党50年纪念章',
  weak_org_overdue: '软弱涣散整顿逾期',
  task_overdue: '清单任务逾期',
  problem_overdue: '整改逾期',
};

/** Where a warning is acted on: the web groups the filter chips by these. */
export const WARNING_GROUPS: Record<
  WarningKind,
  '组织设置' | '发展党员' | '组织生活' | '党费' | '党员管理' | '整顿评定' | '清单任务' | '督导整改'
> = {
  branch_too_small: '组织设置',
  committee_required: '组织设置',
  may_form_general_branch: '组织设置',
  may_form_committee: '组织设置',
  general_branch_too_small: '组织设置',
  committee_too_small: '组织设置',
  term_ending: '组织设置',
  term_overdue: '组织设置',
  org_gap: '组织设置',
  meetings_short: '组织生活',
  development_due: '发展党员',
  probation_ending: '发展党员',
  dues_arrears: '党费',
  mobile_lost_contact: '党员管理',
  medal_due: '党员管理',
  weak_org_overdue: '整顿评定',
  task_overdue: '清单任务',
  problem_overdue: '督导整改',
};

/** 预备期满前30天 inclusive raise probation_ending; 3 months without contact raise mobile_lost_contact. */
export const PROBATION_ENDING_WARNING_DAYS = 30;
export const MOBILE_LOST_CONTACT_MONTHS = 3;
/** 光荣在党50年: members whose party standing reaches 50 years in the current calendar year. */
export const MEDAL_YEARS = 50;

export interface WarningItem {
  kind: WarningKind;
  orgId: number;
  orgName: string;
  /** What the warning is about: an org, a person, a meeting obligation. */
  subject: string;
  message: string;
  /** The date it is (or was) due, when there is one. */
  dueDate: string | null;
  /** The web page where it is acted on. */
  link: string | null;
}
