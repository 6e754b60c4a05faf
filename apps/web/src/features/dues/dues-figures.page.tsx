// 党费收缴情况 of the chosen org: 应缴/实缴 amount and headcount for a month or a year, for the org's own members and
// each child's subtree; a child's name opens the same page for it.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Progress, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useSelectedOrgId, useSelectOrg } from '../../app/org-scope';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useOrg } from '../orgs/orgs.hooks';
import { type DuesFigures, duesKeys, fetchFigures } from './dues.api';
import { DuesHeader } from './dues-header.component';

type FigureRow = DuesFigures['rows'][number];
const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rateOf = (paid: number, due: number) => (due > 0 ? Math.round((paid / due) * 1000) / 10 : null);

export function DuesFiguresPage() {
  const orgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const org = useOrg(orgId);
  const [params, setParams] = useSearchParams();
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const by = params.get('by') === 'year' ? 'year' : 'month';
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : lastMonth;
  const year = Number(params.get('year')) || dayjs().year();
  const period = by === 'year' ? { year } : { month };
  const query = useQuery({
    queryKey: duesKeys.figures(orgId ?? 0, period),
    queryFn: ({ signal }) => fetchFigures(orgId!, period, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next);
  };
  const t = query.data?.total;
  const paidRate = t ? rateOf(t.paid, t.due) : null;

  return (
    <div>
      <DuesHeader org={org.data} tab="/dues" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={by}
            onChange={(v) => set({ by: String(v) })}
            options={[
              { value: 'month', label: '按月' },
              { value: 'year', label: '按年' },
            ]}
          />
          {by === 'month' ? (
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              aria-label="月份"
            />
          ) : (
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && set({ year: String(d.year()) })}
              disabledDate={(d) => d.isAfter(dayjs(), 'year')}
              aria-label="年份"
            />
          )}
          {query.data?.months.from && by === 'year' ? (
            <Typography.Text type="secondary">
              统计 {query.data.months.from} 至 {query.data.months.to}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
      {query.isError ? (
        <Card size="small">
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small" loading={query.isPending}>
                <Statistic title="应缴人数" value={t?.dueCount ?? 0} suffix="人" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={query.isPending}>
                <Statistic title="实缴人数" value={t?.paidCount ?? 0} suffix="人" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={query.isPending}>
                <Statistic title="应缴金额" value={yuan(t?.due ?? 0)} suffix="元" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={query.isPending}>
                <Statistic title="实缴金额" value={yuan(t?.paid ?? 0)} suffix="元" />
                {paidRate !== null ? <Progress percent={Math.min(100, paidRate)} size="small" /> : null}
              </Card>
            </Col>
          </Row>
          <Card size="small">
            <Table<FigureRow>
              size="middle"
              rowKey={(r) => `${r.orgId}-${r.own}`}
              loading={query.isFetching}
              dataSource={query.data?.rows ?? []}
              scroll={{ x: 'max-content' }}
              pagination={false}
              columns={[
                {
                  title: '组织',
                  dataIndex: 'orgName',
                  fixed: 'left',
                  render: (name: string, r) =>
                    r.own ? name : <Typography.Link onClick={() => selectOrg(r.orgId)}>{name}</Typography.Link>,
                },
                { title: '应缴人数', dataIndex: 'dueCount', align: 'right' },
                { title: '实缴人数', dataIndex: 'paidCount', align: 'right' },
                { title: '应缴金额（元）', dataIndex: 'due', align: 'right', render: yuan },
                { title: '实缴金额（元）', dataIndex: 'paid', align: 'right', render: yuan },
                {
                  title: '收缴率',
                  key: 'rate',
                  align: 'right',
                  render: (_: unknown, r) => {
                    const p = rateOf(r.paid, r.due);
                    return p === null ? '—' : `${p}%`;
                  },
                },
              ]}
              locale={{
                emptyText: query.isPending ? (
                  ' '
                ) : (
                  <EmptyState description="暂无党费数据" hint="请先为党员登记党费基数" />
                ),
              }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              应缴：已登记党费基数的党员按当月基数计算；实缴：所选期间各月实际交纳的金额（含补交、预交到该月的）。
              {by === 'year' ? '按年统计时人数为期间内应缴（实缴）过的人数。' : ''}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}
