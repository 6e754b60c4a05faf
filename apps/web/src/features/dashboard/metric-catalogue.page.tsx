// 指标目录: every metric the user may see — group, key, name, unit, 口径 and the phrases reports use for it —
// searchable; a row opens its value for the chosen org and period, and the records behind it.
import type { MetricInfo } from '@grassroots/domain';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { useDashboardPeriod, useMetricCatalogue } from './dashboard.hooks';
import { MetricRecordsDrawer, type MetricTarget } from './metric-records.drawer';
import { PeriodPicker } from './period-picker.component';

const KIND_LABELS: Record<MetricInfo['kind'], string> = { count: '计数', sum: '求和', share: '占比' };
const PERIOD_LABELS: Record<MetricInfo['period'], string> = { instant: '时点', range: '期间' };

function matches(m: MetricInfo, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [m.key, m.label, m.group, m.description, ...m.phrases].some((s) => s.toLowerCase().includes(needle));
}

export function MetricCataloguePage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const periodState = useDashboardPeriod();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const q = params.get('q') ?? '';
  const group = params.get('group') ?? '';
  const [draft, setDraft] = useState(q);
  const { query, byKey } = useMetricCatalogue();
  const [target, setTarget] = useState<MetricTarget | null>(null);

  const items = query.data?.items;
  const groups = useMemo(() => [...new Set((items ?? []).map((m) => m.group))], [items]);
  const shown = useMemo(
    () => (items ?? []).filter((m) => (!group || m.group === group) && matches(m, q)),
    [items, group, q],
  );

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '指标目录', path: '/metrics' })}
        title="指标目录"
        tags={
          <Typography.Text type="secondary">一数一源：看板、报表和材料核数中的每个数字都来自这里的指标</Typography.Text>
        }
        extra={<PeriodPicker state={periodState} />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="搜索名称、编码、口径或常用说法"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null, page: null })}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="metric-search"
          />
          <Select
            allowClear
            placeholder="全部分组"
            value={group || undefined}
            onChange={(v?: string) => set({ group: v ?? null, page: null })}
            options={groups.map((g) => ({ value: g, label: g }))}
            style={{ width: 160 }}
            aria-label="分组"
          />
        </Space>
      </Card>
      <Card size="small">
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<MetricInfo>
            size="middle"
            rowKey="key"
            loading={query.isFetching}
            dataSource={shown}
            scroll={{ x: 'max-content' }}
            pagination={{
              ...pagination,
              current: Math.min(page, Math.max(1, Math.ceil(shown.length / pageSize))),
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 个指标`,
            }}
            locale={{
              emptyText: query.isPending ? (
                ' '
              ) : (
                <EmptyState description="没有匹配的指标" hint={q || group ? '可清除搜索条件后重试' : undefined} />
              ),
            }}
            columns={[
              { title: '分组', dataIndex: 'group', width: 100 },
              {
                title: '名称',
                dataIndex: 'label',
                width: 180,
                render: (label: string, m) => (
                  <Typography.Link
                    onClick={() => orgId && setTarget({ key: m.key, orgId, period: periodState.period })}
                  >
                    {label}
                  </Typography.Link>
                ),
              },
              {
                title: '编码',
                dataIndex: 'key',
                render: (k: string) => (
                  <Typography.Text code copyable>
                    {k}
                  </Typography.Text>
                ),
              },
              { title: '单位', dataIndex: 'unit', width: 60 },
              {
                title: '类型',
                key: 'type',
                width: 90,
                render: (_: unknown, m) => `${KIND_LABELS[m.kind]} · ${PERIOD_LABELS[m.period]}`,
              },
              {
                title: '口径',
                dataIndex: 'description',
                render: (d: string) => <div style={{ minWidth: 220, maxWidth: 420, whiteSpace: 'normal' }}>{d}</div>,
              },
              {
                title: '常用说法',
                dataIndex: 'phrases',
                render: (phrases: string[]) =>
                  phrases.length > 0 ? (
                    <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>
                      {phrases.map((p) => (
                        <Tag key={p}>{p}</Tag>
                      ))}
                    </div>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '操作',
                key: 'open',
                width: 90,
                fixed: 'right',
                render: (_: unknown, m) => (
                  <Button
                    size="small"
                    disabled={!orgId}
                    onClick={() => orgId && setTarget({ key: m.key, orgId, period: periodState.period })}
                    data-testid="metric-open"
                  >
                    查看数据
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <MetricRecordsDrawer target={target} catalogue={byKey} onClose={() => setTarget(null)} />
    </div>
  );
}
