// One ECharts chart in a div: only the chart types and components registered here are bundled (echarts/core), the
// chart follows its box's size, and a click on a bar, slice or point reports which one.
import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export interface ChartItemClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

export function EChart({
  option,
  height = 260,
  dark = false,
  onItemClick,
  testId,
}: {
  option: ChartOption;
  height?: number;
  /** ECharts' built-in dark theme, for the full-screen display. */
  dark?: boolean;
  onItemClick?: (item: ChartItemClick) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  // The latest handler, so a new closure on each render does not rebind the chart's event.
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  // The latest option, for a chart created again (a change of theme).
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    c.setOption(optionRef.current);
    c.on('click', (p) => {
      const params = p as { seriesIndex?: number; dataIndex?: number; name?: string };
      clickRef.current?.({
        seriesIndex: params.seriesIndex ?? 0,
        dataIndex: params.dataIndex ?? 0,
        name: params.name ?? '',
      });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
