// The records behind a figure: the metric, its org and period, its value and 口径, and a page of the records (their
// count, or the sum of one column, is the figure), exportable to .xlsx.
import type { MetricRecord } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Space, Typography } from 'antd';
import { DownloadButton } from '../../ui/download-button';
import { PagedTable, useLocalPaging } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useIsPhone } from '../../ui/use-is-mobile';
import { useOrg } from '../orgs/orgs.hooks';
import { fetchMetricRecords, fetchMetricValue, metricKeys, metricRecordsExportUrl, type Period } from './dashboard.api';
import type { Catalogue } from './dashboard.hooks';
import { formatWithUnit } from './metric-format';

/** A figure to open: which metric, for which org and period. */
export interface MetricTarget {
  key: string;
  orgId: number;
  period: Period;
}

export function MetricRecordsDrawer({
  target,
  catalogue,
  onClose,
  zIndex,
}: {
  target: MetricTarget | null;
  catalogue: Catalogue;
  onClose: () => void;
  /** Above the full-screen display when opened from it. */
  zIndex?: number;
}) {
  const phone = useIsPhone();
  const info = target ? catalogue.get(target.key) : undefined;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={phone ? '100%' : 960}
      title={info?.label ?? '指标记录'}
      destroyOnHidden
      zIndex={zIndex}
      data-testid="metric-records-drawer"
    >
      {target ? <RecordsBody target={target} catalogue={catalogue} /> : null}
    </Drawer>
  );
}

function RecordsBody({ target, catalogue }: { target: MetricTarget; catalogue: Catalogue }) {
  const info = catalogue.get(target.key);
  const org = useOrg(target.orgId);
  const { page, pageSize, pagination } = useLocalPaging();
  const value = useQuery({
    queryKey: metricKeys.value(target.key, target.orgId, target.period),
    queryFn: () => fetchMetricValue(target.key, target.orgId, target.period),
  });
  const records = useQuery({
    queryKey: metricKeys.records(target.key, target.orgId, target.period, page, pageSize),
    queryFn: () => fetchMetricRecords(target.key, target.orgId, target.period, page, pageSize),
    placeholderData: keepPreviousData,
  });
  if (value.isError) return <ErrorState error={value.error} onRetry={() => void value.refetch()} />;
  const unit = info?.unit ?? value.data?.unit ?? '';
  const instant = (info?.period ?? value.data?.period) === 'instant';
  const columns = (records.data?.columns ?? []).map((c) => ({
    title: c.label,
    dataIndex: c.key,
    key: c.key,
    render: (v: string | number | null) => (v === null || v === '' ? '—' : v),
  }));
  const total = records.data?.total;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label="组织">{org.data ? `${org.data.name}及下级` : '…'}</Descriptions.Item>
        <Descriptions.Item label={instant ? '截止日期' : '统计期间'}>
          {instant ? target.period.to : `${target.period.from} 至 ${target.period.to}`}
        </Descriptions.Item>
        <Descriptions.Item label="指标值">
          <Typography.Text strong data-testid="metric-records-value">
            {value.data ? formatWithUnit(value.data.value, unit) : '…'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="记录数">
          <span data-testid="metric-records-total">
            {total === undefined ? '…' : `共 ${total.toLocaleString('zh-CN')} 条`}
          </span>
        </Descriptions.Item>
        {info ? (
          <Descriptions.Item label="口径" span={2}>
            {info.description}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {info?.kind === 'share' ? (
        <Alert type="info" showIcon message="占比类指标列出分子的记录；分母见对应的总数指标。" />
      ) : null}
      {records.data?.sumColumn ? (
        <Alert
          type="info"
          showIcon
          message={`指标值为各条记录“${records.data.columns.find((c) => c.key === records.data?.sumColumn)?.label ?? records.data.sumColumn}”之和。`}
        />
      ) : null}
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <DownloadButton
          path={metricRecordsExportUrl(target.key)}
          fileName={`${info?.label ?? target.key}.xlsx`}
          query={{ orgId: target.orgId, from: target.period.from, to: target.period.to }}
          disabled={!total}
          testId="metric-records-export"
        />
      </div>
      <PagedTable<MetricRecord>
        query={records}
        rowKey={(r) => String(r.id ?? JSON.stringify(r))}
        columns={columns}
        size="small"
        pagination={pagination}
        empty={<EmptyState description="没有记录" hint="所选组织在该期间没有符合口径的记录" />}
      />
    </Space>
  );
}
