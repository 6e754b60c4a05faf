// The period of the figures: a year (this year runs to today) or a custom range.
import { DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import type { DashboardPeriod } from './dashboard.hooks';

export function PeriodPicker({ state }: { state: DashboardPeriod }) {
  const { period, year } = state;
  return (
    <Space wrap size={8}>
      <DatePicker
        picker="year"
        allowClear={false}
        value={year === null ? null : dayjs(`${year}-01-01`)}
        placeholder="选择年度"
        onChange={(d) => d && state.setYear(d.year())}
        disabledDate={(d) => d.isAfter(dayjs(), 'year')}
        aria-label="年度"
        data-testid="period-year"
      />
      <DatePicker.RangePicker
        allowClear={false}
        value={year === null ? [dayjs(period.from), dayjs(period.to)] : null}
        placeholder={['自定义起始', '截止日期']}
        onChange={(range) => {
          const [from, to] = range ?? [];
          if (from && to) state.setRange({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
        }}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        aria-label="自定义期间"
        style={{ width: 260 }}
      />
    </Space>
  );
}
