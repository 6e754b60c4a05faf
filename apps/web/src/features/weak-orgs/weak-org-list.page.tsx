// 软弱涣散党组织整顿台账 of the chosen subtree: counts by state and overdue, filters, paged and sorted on the server.
import { WEAK_ORG_STATUS_LABELS, WEAK_ORG_STATUSES, type WeakOrgStatus } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { WeakOrgFormDrawer } from './weak-org-form.drawer';
import { fetchWeakOrgs, type WeakOrg, type WeakOrgListQuery, weakOrgKeys } from './weak-orgs.api';

export const STATUS_COLORS: Record<WeakOrgStatus, string> = {
  rectifying: 'processing',
  submitted: 'gold',
  accepted: 'green',
  returned: 'volcano',
};

const SORTS = { deadline: 'deadline', '-deadline': '-deadline', year: 'year', '-year': '-year' } as const;

export function WeakOrgListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const navigate = useNavigate();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const status = params.get('status');
  const sort = params.get('sort') ?? 'deadline';
  const q: WeakOrgListQuery = {
    orgId: orgId ?? 0,
    year: Number(params.get('year')) || undefined,
    status: (WEAK_ORG_STATUSES as readonly string[]).includes(status ?? '') ? (status as WeakOrgStatus) : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    q: params.get('q') ?? undefined,
    sort: sort in SORTS ? (sort as keyof typeof SORTS) : 'deadline',
    page,
    pageSize,
  };
  const query = useQuery({
    queryKey: weakOrgKeys.list(q),
    queryFn: ({ signal }) => fetchWeakOrgs(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const counts = query.data?.counts;
  const detail = (r: WeakOrg) => scopedHref(`/weak-orgs/${r.id}`, orgId);

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '软弱涣散整顿', path: '/weak-orgs' })}
        title="软弱涣散党组织整顿"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级</Typography.Text> : null}
        extra={
          auth.can('ratings:write') ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="weak-org-create">
              认定软弱涣散党组织
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]}>
          <Tag>共 {counts?.total ?? 0} 个</Tag>
          {WEAK_ORG_STATUSES.map((s) => (
            <Tag key={s} color={STATUS_COLORS[s]}>
              {WEAK_ORG_STATUS_LABELS[s]} {counts?.[s] ?? 0}
            </Tag>
          ))}
          <Tag color="red">逾期 {counts?.overdue ?? 0}</Tag>
        </Space>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="组织名称"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 200 }}
          />
          <InputNumber
            placeholder="年度"
            min={2000}
            max={2100}
            value={q.year}
            onChange={(v) => set({ year: v ? String(v) : null, page: null })}
            style={{ width: 100 }}
          />
          <Select
            allowClear
            placeholder="状态"
            value={q.status}
            onChange={(v) => set({ status: v ?? null, page: null })}
            options={WEAK_ORG_STATUSES.map((s) => ({ value: s, label: WEAK_ORG_STATUS_LABELS[s] }))}
            style={{ width: 120 }}
          />
          <Space>
            <Switch
              checked={q.overdue === 'true'}
              onChange={(on) => set({ overdue: on ? 'true' : null, page: null })}
            />
            <span>只看逾期</span>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<WeakOrg>
          query={query}
          onChange={(_p, _f, sorter, extra) => {
            // Paging is pagination.onChange's; acting on it here too would overwrite the new page.
            if (extra.action !== 'sort') return;
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null;
            set({ sort: key, page: null });
          }}
          pagination={{ ...pagination, showTotal: (n) => `共 ${n} 条` }}
          empty={<EmptyState description="暂无软弱涣散党组织整顿记录" />}
          columns={[
            {
              title: '党组织',
              dataIndex: 'orgName',
              render: (name: string, r) => <Link to={detail(r)}>{name}</Link>,
            },
            {
              title: '年度',
              dataIndex: 'year',
              key: 'year',
              width: 80,
              sorter: true,
              sortOrder: q.sort === 'year' ? 'ascend' : q.sort === '-year' ? 'descend' : null,
            },
            {
              title: '软弱涣散类型',
              dataIndex: 'reasonLabels',
              responsive: ['md'],
              render: (labels: string[]) => labels.join('；'),
            },
            { title: '包联领导', dataIndex: 'leaderName', width: 100, responsive: ['lg'] },
            {
              title: '整顿期限',
              dataIndex: 'deadline',
              key: 'deadline',
              width: 120,
              sorter: true,
              sortOrder: q.sort === 'deadline' ? 'ascend' : q.sort === '-deadline' ? 'descend' : null,
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 140,
              render: (s: WeakOrgStatus, r) => (
                <Space size={4}>
                  <Tag color={STATUS_COLORS[s]}>{r.statusLabel}</Tag>
                  {r.overdue ? <Tag color="red">逾期</Tag> : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {creating ? (
        <WeakOrgFormDrawer
          record={null}
          defaultOrgId={undefined}
          onClose={() => setCreating(false)}
          onSaved={(saved) => navigate(scopedHref(`/weak-orgs/${saved.id}`, orgId))}
        />
      ) : null}
    </div>
  );
}
