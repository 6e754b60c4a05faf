// The checked report's text with each claim marked by its verdict: green 相符, red 不符 (the computed figure in the
// tooltip), grey 无法核对. Overlapping claims are cut where the one before ends.
import type { CheckedClaim, ClaimVerdict } from '@grassroots/domain';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { Catalogue } from '../dashboard/dashboard.hooks';
import { formatWithUnit } from '../dashboard/metric-format';

export const VERDICT_LABELS: Record<ClaimVerdict, string> = { match: '相符', differs: '不符', unchecked: '无法核对' };
export const VERDICT_COLORS: Record<ClaimVerdict, string> = {
  match: 'success',
  differs: 'error',
  unchecked: 'default',
};
const MARK_STYLES: Record<ClaimVerdict, { background: string; borderBottom: string }> = {
  match: { background: '#d9f7be', borderBottom: '2px solid #52c41a' },
  differs: { background: '#ffccc7', borderBottom: '2px solid #f5222d' },
  unchecked: { background: '#f0f0f0', borderBottom: '2px solid #bfbfbf' },
};

/** What the tooltip of a claim says: the metric and its figure, or why it was not checked. */
export function verdictNote(c: CheckedClaim, catalogue: Catalogue): string {
  const info = c.metric ? catalogue.get(c.metric) : undefined;
  const label = info?.label ?? c.metric ?? '';
  const figure = c.computed === null ? '' : formatWithUnit(c.computed, info?.unit ?? c.unit);
  if (c.verdict === 'match') return `相符：${label}为 ${figure}`;
  if (c.verdict === 'differs') return `不符：数据为 ${figure}（${label}）`;
  return '无法核对：没有对应的指标，或您无权查看该指标';
}

export function CheckedText({
  text,
  claims,
  catalogue,
  onPick,
}: {
  text: string;
  claims: readonly CheckedClaim[];
  catalogue: Catalogue;
  /** A click on a claim (to show its row). */
  onPick: (index: number) => void;
}) {
  const parts: ReactNode[] = [];
  let at = 0;
  claims.forEach((c, i) => {
    const start = Math.max(c.start, at);
    if (start >= c.end) return;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <Tooltip key={`${c.start}-${c.end}`} title={verdictNote(c, catalogue)}>
        <mark
          data-testid="claim-mark"
          data-verdict={c.verdict}
          style={{ ...MARK_STYLES[c.verdict], padding: '0 1px', cursor: 'pointer', color: 'inherit' }}
          onClick={() => onPick(i)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onPick(i);
          }}
        >
          {text.slice(start, c.end)}
        </mark>
      </Tooltip>,
    );
    at = c.end;
  });
  parts.push(text.slice(at));
  return (
    <div
      data-testid="report-check-text"
      style={{ whiteSpace: 'pre-wrap', lineHeight: 2, fontSize: 15, maxHeight: 560, overflowY: 'auto' }}
    >
      {parts}
    </div>
  );
}
