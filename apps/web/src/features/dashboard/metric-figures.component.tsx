// Figures that open the records behind them: the KPI cards on top (口径 as a tooltip, 同比 under the value), small
// labelled figures, and a rate as a dial.
import { InfoCircleOutlined } from '@ant-design/icons';
import type { MetricValue } from '@grassroots/domain';
import { Card, Progress, Skeleton, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Catalogue } from './dashboard.hooks';
import type { MetricSlice } from './dashboard-metrics';
import { ChangeText, formatMetric, formatWithUnit } from './metric-format';

/** A number as a button: a click opens its records. */
export function MetricNumber({
  metricKey,
  onOpen,
  children,
  className,
  testId,
}: {
  metricKey: string;
  onOpen: (key: string) => void;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={className ? `metric-number ${className}` : 'metric-number'}
      onClick={() => onOpen(metricKey)}
      title="查看明细"
      data-testid={testId}
    >
      {children}
    </button>
  );
}

export function KpiCard({
  slice,
  catalogue,
  value,
  comparing,
  onOpen,
}: {
  slice: MetricSlice;
  catalogue: Catalogue;
  value: MetricValue | undefined;
  comparing: boolean;
  onOpen: (key: string) => void;
}) {
  const info = catalogue.get(slice.key);
  const unit = info?.unit ?? value?.unit ?? '';
  return (
    <Card size="small" className="kpi-card" data-testid={`kpi-${slice.key}`} style={{ height: '100%' }}>
      <Tooltip title={info ? `口径：${info.description}` : undefined}>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {slice.label} <InfoCircleOutlined style={{ fontSize: 12 }} />
        </Typography.Text>
      </Tooltip>
      <div className="kpi-value">
        {value ? (
          <MetricNumber metricKey={slice.key} onOpen={onOpen} testId={`kpi-value-${slice.key}`}>
            {formatMetric(value.value, unit)}
            {unit !== '%' ? <span style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 4 }}>{unit}</span> : null}
          </MetricNumber>
        ) : (
          <Skeleton.Input active size="small" />
        )}
      </div>
      {comparing && value?.compare ? (
        <div style={{ fontSize: 12, display: 'flex', flexWrap: 'wrap', gap: '0 8px' }} data-testid="kpi-compare">
          <Typography.Text type="secondary">去年同期 {formatWithUnit(value.compare.value, unit)}</Typography.Text>
          <ChangeText change={value.compare.change} rate={value.compare.rate} unit={unit} />
        </div>
      ) : null}
    </Card>
  );
}

/** Labelled figures in a grid; those the catalogue lacks are left out. */
export function FigureGrid({
  slices,
  catalogue,
  values,
  onOpen,
}: {
  slices: readonly MetricSlice[];
  catalogue: Catalogue;
  values: ReadonlyMap<string, MetricValue>;
  onOpen: (key: string) => void;
}) {
  const shown = slices.filter((s) => catalogue.has(s.key));
  if (shown.length === 0) return null;
  return (
    <div className="metric-figures">
      {shown.map((s) => {
        const v = values.get(s.key);
        const info = catalogue.get(s.key);
        return (
          <div key={s.key} data-testid={`figure-${s.key}`}>
            <Tooltip title={info ? `口径：${info.description}` : undefined}>
              <div className="metric-figure-label">{s.label}</div>
            </Tooltip>
            <div className="metric-figure-value">
              {v ? (
                <MetricNumber metricKey={s.key} onOpen={onOpen}>
                  {formatWithUnit(v.value, v.unit)}
                </MetricNumber>
              ) : (
                '—'
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** A share as a dial (达标率, 完成率, 整改率). */
export function RateDial({
  metricKey,
  label,
  catalogue,
  value,
  onOpen,
  dark = false,
  size = 132,
}: {
  metricKey: string;
  label: string;
  catalogue: Catalogue;
  value: MetricValue | undefined;
  onOpen: (key: string) => void;
  dark?: boolean;
  size?: number;
}) {
  const info = catalogue.get(metricKey);
  if (!info) return null;
  const percent = value ? Math.round(value.value * 1000) / 10 : 0;
  const color = percent >= 90 ? '#389e0d' : percent >= 60 ? '#d48806' : '#c8102e';
  return (
    <div style={{ textAlign: 'center' }} data-testid={`rate-${metricKey}`}>
      <MetricNumber metricKey={metricKey} onOpen={onOpen}>
        <Progress
          type="dashboard"
          percent={percent}
          size={size}
          strokeColor={color}
          trailColor={dark ? 'rgba(255,255,255,0.12)' : undefined}
          format={() => (
            <span style={dark ? { color: '#fff' } : undefined}>{value ? formatMetric(value.value, '%') : '—'}</span>
          )}
        />
      </MetricNumber>
      <Tooltip title={`口径：${info.description}`}>
        <div className="metric-figure-label">{label}</div>
      </Tooltip>
    </div>
  );
}

/** A rate dial beside the figures it comes from (任务完成率, 整改率). */
export function RateSummary({
  rateKey,
  rateLabel,
  slices,
  catalogue,
  values,
  onOpen,
}: {
  rateKey: string;
  rateLabel: string;
  slices: MetricSlice[];
  catalogue: Catalogue;
  values: ReadonlyMap<string, MetricValue>;
  onOpen: (key: string) => void;
}) {
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
      <RateDial
        metricKey={rateKey}
        label={rateLabel}
        catalogue={catalogue}
        value={values.get(rateKey)}
        onOpen={onOpen}
      />
      <div style={{ flex: 1, minWidth: 160 }}>
        <FigureGrid slices={slices} catalogue={catalogue} values={values} onOpen={onOpen} />
      </div>
    </div>
  );
}
