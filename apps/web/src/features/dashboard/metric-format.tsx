// How a metric's value and its 同比 change read: shares as %, 元 with two decimals, counts with thousands separators;
// a rise ↑ in red and a fall ↓ in green (the Chinese convention).
import { Typography } from 'antd';

export function formatMetric(value: number, unit: string): string {
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  if (unit === '元') return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return value.toLocaleString('zh-CN');
}

/** The value with its unit: 1,234 名, 85.0%. */
export function formatWithUnit(value: number, unit: string): string {
  return unit === '%' || !unit ? formatMetric(value, unit) : `${formatMetric(value, unit)} ${unit}`;
}

/** A change of `value` over `earlier`; the rate is null when the earlier value is 0. */
export function changeOf(value: number, earlier: number): { change: number; rate: number | null } {
  const change = value - earlier;
  return { change, rate: earlier === 0 ? null : change / earlier };
}

const UP = '#cf1322';
const DOWN = '#389e0d';

/** ↑ 12（+5.2%）, ↓ 1.3个百分点, 持平. A share changes by percentage points. */
export function ChangeText({
  change,
  rate,
  unit,
  testId,
}: {
  change: number;
  rate: number | null;
  unit: string;
  testId?: string;
}) {
  const share = unit === '%';
  // Rounding noise of a share (0.30000000000000004) is no change.
  const flat = share ? Math.abs(change) < 0.0005 : change === 0;
  if (flat)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        持平
      </Typography.Text>
    );
  const up = change > 0;
  const amount = share
    ? `${Math.abs(change * 100).toFixed(1)}个百分点`
    : `${formatMetric(Math.abs(change), unit)}${rate === null ? '' : `（${up ? '+' : '−'}${Math.abs(rate * 100).toFixed(1)}%）`}`;
  return (
    <span style={{ color: up ? UP : DOWN, whiteSpace: 'nowrap' }} data-testid={testId}>
      {up ? '↑' : '↓'} {amount}
    </span>
  );
}
