import type { OrgWarning } from '@grassroots/domain';
import { ORG_WARNING_LABELS } from '@grassroots/domain';
import { Tag, Tooltip } from 'antd';
import { WARNING_COLORS } from '../warnings/warning-kinds';

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
