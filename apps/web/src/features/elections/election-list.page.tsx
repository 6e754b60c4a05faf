// 换届选举 of the chosen org: its current term, the button to record an election, and the election history.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { ElectionFormDrawer } from './election-form.drawer';
import { type Election, electionKeys, fetchElections } from './elections.api';

export function ElectionListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { page, pageSize, pagination } = useUrlFilters();
  const [recording, setRecording] = useState(false);
  const query = useQuery({
    queryKey: electionKeys.list(orgId ?? 0, page, pageSize),
    queryFn: () => fetchElections(orgId!, page, pageSize),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  if (!orgId || org.isPending) return <PageLoading />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  const canRecord = auth.canAt('orgs:write', orgChainOf(o)) && o.closedAt === null && o.kind !== 'group';
  const overdue = o.warnings.some((w) => w.kind === 'term_overdue');
  const ending = o.warnings.some((w) => w.kind === 'term_ending');

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(o, { title: '换届选举', path: '/elections' })}
        title={`换届选举：${o.name}`}
        extra={
          canRecord ? (
            <Button type="primary" onClick={() => setRecording(true)} data-testid="election-record">
              换届选举
            </Button>
          ) : null
        }
      />
      <Card size="small" title="本届任期" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'term',
              label: '任期',
              children: o.termStart ? (
                <Space size={4} wrap>
                  {o.termStart} 至 {o.termEnd}
                  {overdue ? <Tag color="red">到期未换届</Tag> : ending ? <Tag color="gold">即将届满</Tag> : null}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'years', label: '届期', children: o.termYears ? `${o.termYears}年` : '—' },
            { key: 'sec', label: '书记', children: orDash(o.secretaryName) },
            { key: 'committee', label: '委员', children: o.committee.length ? o.committee.join('、') : '未设委员会' },
          ]}
        />
      </Card>
      <Card size="small" title="历次换届">
        <PagedTable<Election>
          query={query}
          empty={<EmptyState description="暂无换届选举记录" />}
          pagination={{ ...pagination, hideOnSinglePage: true }}
          columns={[
            { title: '选举日期', dataIndex: 'electedOn', width: 110 },
            { title: '方式', dataIndex: 'methodLabel', responsive: ['md'] },
            { title: '任期', dataIndex: 'termYears', width: 70, render: (n: number) => `${n}年` },
            {
              title: '到会',
              key: 'voters',
              width: 90,
              render: (_: unknown, e) => `${e.presentVoters}/${e.eligibleVoters}`,
            },
            {
              title: '当选',
              key: 'elected',
              render: (_: unknown, e) => (
                <span>
                  <Typography.Text strong>{e.secretary.name}</Typography.Text>（书记，{e.secretary.votes}票）
                  {e.committee.map((c) => `、${c.name}（${c.votes}票）`).join('')}
                </span>
              ),
            },
            { title: '批复文号', dataIndex: 'approvalRef', responsive: ['lg'], render: orDash },
            { title: '登记人', dataIndex: 'recordedByName', responsive: ['lg'] },
          ]}
        />
      </Card>
      {recording ? <ElectionFormDrawer org={o} onClose={() => setRecording(false)} /> : null}
    </div>
  );
}
