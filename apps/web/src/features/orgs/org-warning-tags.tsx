import type { OrgWarning, OrgWarningKind } from '@grassroots/domain';
import { ORG_WARNING_LABELS } from '@grassroots/domain';
import { Tag, Tooltip } from 'antd';

export const WARNING_COLORS: Record<OrgWarningKind, string> = {
  branch_too_small: 'red',
  committee_required: 'orange',
  may_form_general_branch: 'blue',
  may_form_committee: 'blue',
  general_branch_too_small: 'orange',
  committee_too_small: 'orange',
  term_ending: 'gold',
  term_overdue: 'red',
  org_gap: 'volcano',
};

export function OrgWarningTags({ warnings }: { warnings: OrgWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {warnings.map((w) => (
        <Tooltip key={w.kind} title={w.message}>
          <Tag color={WARNING_COLORS[w.kind]} style={{ marginInlineEnd: 0 }}>
            {ORG_WARNING_LABELS[w.kind]}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}
