import { WARNING_GROUPS, WARNING_KINDS, type WarningKind } from '@grassroots/domain';

export const WARNING_COLORS: Record<WarningKind, string> = {
  branch_too_small: 'red',
  committee_required: 'orange',
  may_form_general_branch: 'blue',
  may_form_committee: 'blue',
  general_branch_too_small: 'orange',
  committee_too_small: 'orange',
  term_ending: 'gold',
  term_overdue: 'red',
  org_gap: 'volcano',
  meetings_short: 'orange',
  development_due: 'gold',
  probation_ending: 'magenta',
  dues_arrears: 'red',
  mobile_lost_contact: 'volcano',
  medal_due: 'green',
  weak_org_overdue: 'red',
  task_overdue: 'orange',
  problem_overdue: 'red',
};

/** The kinds grouped for the filter chips, in WARNING_KINDS order. */
export const WARNING_KIND_GROUPS: Array<{ group: string; kinds: WarningKind[] }> = [];
for (const k of WARNING_KINDS) {
  const group = WARNING_GROUPS[k];
  const entry = WARNING_KIND_GROUPS.find((g) => g.group === group);
  if (entry) entry.kinds.push(k);
  else WARNING_KIND_GROUPS.push({ group, kinds: [k] });
}
