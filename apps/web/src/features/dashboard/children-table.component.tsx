// 各下级对比: each open child org with the same metrics for the same period, a total row for the chosen org, sortable
// columns, shares as %, 同比 under each value when on, and the table as .xlsx. A child's name re-scopes the dashboard
// to it; a cell opens the records behind it.
import type { MetricChildrenTable, MetricInfo } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadButton } from '../../ui/download-button';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { CHILDREN_EXPORT_URL, fetchChildrenTable, metricKeys, type Period } from './dashboard.api';
import type { Catalogue } from './dashboard.hooks';
import { CHILDREN_KEYS } from './dashboard-metrics';
import { MetricNumber } from './metric-figures.component';
import { ChangeText, changeOf, formatMetric } from './metric-format';

type Row = MetricChildrenTable['children'][number];

function useChildrenTable(orgId: number, keys: string[], period: Period | null) {
  return useQuery({
    queryKey: metricKeys.children(orgId, keys, period ?? { from: '', to: '' }),
    queryFn: () => fetchChildrenTable(orgId, keys, period!),
    enabled: period !== null && keys.length > 0,
    placeholderData: keepPreviousData,
  });
}

function Cell({
  metric,
  value,
  earlier,
  onOpen,
}: {
  metric: MetricInfo;
  value: number | undefined;
  earlier: number | undefined;
  onOpen: () => void;
}) {
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      <MetricNumber metricKey={metric.key} onOpen={onOpen}>
        {formatMetric(value, metric.unit)}
      </MetricNumber>
      {earlier !== undefined ? (
        <div style={{ fontSize: 12 }}>
          <ChangeText {...changeOf(value, earlier)} unit={metric.unit} />
        </div>
      ) : null}
    </div>
  );
}

export function ChildrenTable({
  orgId,
  period,
  compare,
  catalogue,
  onOpen,
  onSelectOrg,
}: {
  orgId: number;
  period: Period;
  compare: Period | null;
  catalogue: Catalogue;
  onOpen: (key: string, orgId: number) => void;
  onSelectOrg: (orgId: number) => void;
}) {
  const keys = CHILDREN_KEYS.filter((k) => catalogue.has(k));
  const query = useChildrenTable(orgId, keys, period);
  const earlierQuery = useChildrenTable(orgId, keys, compare);
  const exportQuery = { keys: keys.join(','), orgId, from: period.from, to: period.to };

  if (keys.length === 0) return <EmptyState description="没有可对比的指标" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading rows={6} />;
  const table = query.data;
  const earlier = compare ? earlierQuery.data : undefined;
  const earlierOf = (rowOrgId: number) =>
    rowOrgId === table.orgId ? earlier?.total : earlier?.children.find((c) => c.orgId === rowOrgId)?.values;

  const columns: ColumnsType<Row> = [
    {
      title: '组织',
      dataIndex: 'name',
      fixed: 'left',
      width: 200,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, r) => (
        <Typography.Link onClick={() => onSelectOrg(r.orgId)} data-testid="children-org">
          {name}
        </Typography.Link>
      ),
    },
    ...table.metrics.map((m): ColumnsType<Row>[number] => ({
      title: (
        <span title={m.description}>
          {m.label}
          {m.unit === '%' ? '' : `（${m.unit}）`}
        </span>
      ),
      key: m.key,
      align: 'right',
      sorter: (a, b) => (a.values[m.key] ?? -1) - (b.values[m.key] ?? -1),
      render: (_: unknown, r) => (
        <Cell
          metric={m}
          value={r.values[m.key]}
          earlier={earlierOf(r.orgId)?.[m.key]}
          onOpen={() => onOpen(m.key, r.orgId)}
        />
      ),
    })),
  ];

  return (
    <Card
      size="small"
      title={`各下级对比（${table.from} 至 ${table.to}）`}
      extra={
        <DownloadButton
          path={CHILDREN_EXPORT_URL}
          fileName="各下级对比.xlsx"
          query={exportQuery}
          disabled={table.children.length === 0}
          testId="children-export"
        />
      }
    >
      {compare && earlierQuery.isError ? (
        <ErrorState error={earlierQuery.error} onRetry={() => void earlierQuery.refetch()} title="去年同期加载失败" />
      ) : null}
      <Table<Row>
        size="small"
        rowKey="orgId"
        data-testid="children-table"
        columns={columns}
        dataSource={table.children}
        loading={query.isFetching || (compare !== null && earlierQuery.isFetching)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description="没有下级组织" hint="所选组织没有未撤销的下级组织" /> }}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>合计（{table.name}）</Table.Summary.Cell>
              {table.metrics.map((m, i) => (
                <Table.Summary.Cell key={m.key} index={i + 1} align="right">
                  <Cell
                    metric={m}
                    value={table.total[m.key]}
                    earlier={earlierOf(table.orgId)?.[m.key]}
                    onOpen={() => onOpen(m.key, table.orgId)}
                  />
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Card>
  );
}
