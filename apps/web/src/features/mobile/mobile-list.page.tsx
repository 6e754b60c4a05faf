// 流动党员 of the chosen subtree: filters (失联, 3 months without contact, returned), sorted and paged on the server.
import { MOBILE_LIST_FILTERS, MOBILE_SORTS, type MobileListFilter } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { fetchMobileMembers, type MobileListQuery, type MobileMember, mobileKeys } from './mobile.api';
import { MobileFormDrawer } from './mobile-form.drawer';
import { MobileStatus } from './mobile-tags';

const FILTER_LABELS: Record<MobileListFilter, string> = {
  active: '在外',
  no_contact: '3个月未联系',
  lost_contact: '失联',
  returned: '已返回',
  all: '全部',
};
const SORT_LABELS: Record<(typeof MOBILE_SORTS)[number], string> = {
  lastContact: '最久未联系在前',
  '-lastContact': '最近联系在前',
  since: '外出最早在前',
  '-since': '外出最晚在前',
  name: '按姓名',
};

export function MobileListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const filterParam = params.get('filter') as MobileListFilter | null;
  const sortParam = params.get('sort') as MobileListQuery['sort'] | null;
  const q: MobileListQuery = {
    orgId: orgId ?? undefined,
    q: params.get('q') ?? undefined,
    filter: filterParam && MOBILE_LIST_FILTERS.includes(filterParam) ? filterParam : 'active',
    sort: sortParam && MOBILE_SORTS.includes(sortParam) ? sortParam : 'lastContact',
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: mobileKeys.list(q),
    queryFn: ({ signal }) => fetchMobileMembers(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const canWrite = org.data ? auth.canAt('members:write', orgChainOf(org.data)) : false;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '流动党员', path: '/mobile' })}
        title="流动党员"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级</Typography.Text> : null}
        extra={
          canWrite && orgId ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="mobile-create">
              登记流动党员
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={q.filter}
            onChange={(v) => set({ filter: String(v), page: null })}
            options={MOBILE_LIST_FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] }))}
          />
          <Input.Search
            allowClear
            placeholder="党员姓名"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 200 }}
          />
          <Select
            value={q.sort}
            onChange={(v) => set({ sort: v, page: null })}
            options={MOBILE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
            style={{ width: 160 }}
          />
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<MobileMember>
          query={list}
          columns={[
            {
              title: '姓名',
              dataIndex: 'memberName',
              fixed: 'left',
              render: (n: string, r) => <Link to={`/mobile/${r.id}?org=${orgId}`}>{n}</Link>,
            },
            { title: '联系状态', key: 'status', render: (_: unknown, r) => <MobileStatus record={r} /> },
            { title: '流入地', dataIndex: 'destinationRegion' },
            { title: '外出日期', dataIndex: 'since' },
            { title: '最近联系', dataIndex: 'lastContactOn', render: (v: string | null) => v ?? '—' },
            { title: '流入地党组织/服务站', dataIndex: 'station', render: (v: string | null) => v ?? '—' },
            { title: '所在组织', dataIndex: 'orgName' },
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 人` }}
          empty={
            <EmptyState
              description={q.filter === 'active' ? '暂无在外的流动党员' : `没有${FILTER_LABELS[q.filter]}的流动党员`}
              hint={canWrite ? '可点击“登记流动党员”，或在党员详情页登记外出' : undefined}
            />
          }
        />
      </Card>
      {creating && orgId ? <MobileFormDrawer orgId={orgId} record={null} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
