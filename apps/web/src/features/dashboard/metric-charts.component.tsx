// The dashboard's charts over metric values: a breakdown as a pie or bars, and a monthly trend as a line. Each
// segment, bar or point opens the records behind it.
import type { MetricValue } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../ui/echart';
import { ErrorState } from '../../ui/query-states';
import { fetchMetricTrend, metricKeys, type Period } from './dashboard.api';
import type { Catalogue } from './dashboard.hooks';
import type { MetricSlice } from './dashboard-metrics';
import { formatMetric } from './metric-format';

const PALETTE = ['#c8102e', '#1d5fbf', '#d48806', '#389e0d', '#722ed1', '#13a8a8', '#eb2f96', '#fa8c16'];

/** A chart segment: a metric's value, or a derived one (key null) that opens nothing. */
export interface ChartPoint {
  key: string | null;
  label: string;
  value: number;
}

/** The slices the catalogue has (others are not registered or not permitted). */
export function knownSlices(slices: readonly MetricSlice[], catalogue: Catalogue): MetricSlice[] {
  return slices.filter((s) => catalogue.has(s.key));
}

export function pointsOf(slices: readonly MetricSlice[], values: ReadonlyMap<string, MetricValue>): ChartPoint[] {
  return slices.flatMap((s) => {
    const v = values.get(s.key);
    return v ? [{ key: s.key, label: s.label, value: v.value }] : [];
  });
}

function axisColor(dark: boolean) {
  return dark ? 'rgba(230,232,239,0.8)' : 'rgba(0,0,0,0.65)';
}

function breakdownOption(points: ChartPoint[], kind: 'pie' | 'bar' | 'hbar', unit: string, dark: boolean): ChartOption {
  const base = { backgroundColor: 'transparent', color: PALETTE, textStyle: { fontSize: dark ? 14 : 12 } };
  if (kind === 'pie')
    return {
      ...base,
      tooltip: { trigger: 'item', formatter: `{b}：{c}${unit}（{d}%）` },
      legend: { bottom: 0, type: 'scroll', textStyle: { color: axisColor(dark) } },
      series: [
        {
          type: 'pie',
          radius: ['38%', '64%'],
          center: ['50%', '45%'],
          // Tiny slices go without a label rather than piling labels on each other.
          minShowLabelAngle: 6,
          label: { formatter: '{b}\n{d}%', color: axisColor(dark) },
          data: points.map((p) => ({ name: p.label, value: p.value })),
        },
      ],
    };
  const category = {
    type: 'category' as const,
    data: points.map((p) => p.label),
    axisLabel: {
      color: axisColor(dark),
      interval: 0,
      ...(kind === 'bar' ? { rotate: points.length > 5 ? 30 : 0 } : {}),
    },
  };
  const value = { type: 'value' as const, axisLabel: { color: axisColor(dark) }, minInterval: 1 };
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 16, bottom: 8 },
    xAxis: kind === 'bar' ? category : value,
    yAxis: kind === 'bar' ? value : category,
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        colorBy: 'data',
        label: { show: true, position: kind === 'bar' ? 'top' : 'right', color: axisColor(dark) },
        data: points.map((p) => p.value),
      },
    ],
  };
}

export function BreakdownChart({
  points,
  kind,
  unit = '名',
  loading,
  onOpen,
  dark = false,
  height = 260,
  testId,
}: {
  points: ChartPoint[];
  kind: 'pie' | 'bar' | 'hbar';
  unit?: string;
  loading: boolean;
  onOpen?: (key: string) => void;
  dark?: boolean;
  height?: number;
  testId?: string;
}) {
  const option = useMemo(() => breakdownOption(points, kind, unit, dark), [points, kind, unit, dark]);
  if (loading && points.length === 0) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (points.every((p) => p.value === 0))
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" style={{ height: height - 40 }} />;
  return (
    <EChart
      option={option}
      height={height}
      dark={dark}
      testId={testId}
      onItemClick={
        onOpen
          ? ({ dataIndex }) => {
              const key = points[dataIndex]?.key;
              if (key) onOpen(key);
            }
          : undefined
      }
    />
  );
}

/** One metric over the 12 months ending at `to`; a point opens that month's records. */
export function TrendChart({
  slice,
  orgId,
  to,
  onOpen,
  dark = false,
  height = 220,
  refetchInterval,
}: {
  slice: MetricSlice;
  orgId: number;
  to: string;
  onOpen?: (key: string, period: Period) => void;
  dark?: boolean;
  height?: number;
  refetchInterval?: number;
}) {
  const query = useQuery({
    queryKey: metricKeys.trend(slice.key, orgId, to),
    queryFn: () => fetchMetricTrend(slice.key, orgId, to),
    refetchInterval,
  });
  const points = query.data?.points;
  const unit = query.data?.unit ?? '';
  const option = useMemo<ChartOption>(
    () => ({
      backgroundColor: 'transparent',
      color: [dark ? '#ffd591' : '#c8102e'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? `${formatMetric(v, unit)}${unit === '%' ? '' : unit}` : ''),
      },
      grid: { left: 8, right: 16, top: 16, bottom: 8 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: (points ?? []).map((p) => `${Number(p.month.slice(5))}月`),
        axisLabel: { color: axisColor(dark) },
      },
      yAxis: {
        type: 'value',
        scale: true,
        ...(unit === '%' ? {} : { minInterval: 1 }),
        axisLabel: { color: axisColor(dark) },
      },
      series: [
        {
          type: 'line',
          symbolSize: 7,
          areaStyle: { opacity: 0.12 },
          data: (points ?? []).map((p) => p.value),
        },
      ],
    }),
    [points, unit, dark],
  );
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!points) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <EChart
      option={option}
      height={height}
      dark={dark}
      testId={`trend-${slice.key}`}
      onItemClick={
        onOpen
          ? ({ dataIndex }) => {
              const p = points[dataIndex];
              if (p) onOpen(slice.key, { from: p.from, to: p.to });
            }
          : undefined
      }
    />
  );
}
