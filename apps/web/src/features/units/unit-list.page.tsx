// 单位台账 of the chosen subtree: search, type and 应建未建 filters, paged on the server; add and edit units.
import { UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { UnitFormDrawer } from './unit-form.drawer';
import { fetchUnits, type Unit, unitKeys } from './units.api';

export function UnitListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const unitTypeParam = params.get('unitType');
  const q = {
    orgId: orgId ?? 0,
    q: params.get('q') ?? undefined,
    unitType: (UNIT_TYPES as readonly string[]).includes(unitTypeParam ?? '') ? (unitTypeParam as UnitType) : undefined,
    gap: params.get('gap') === 'true' ? ('true' as const) : undefined,
    page,
    pageSize,
  };
  const query = useQuery({
    queryKey: unitKeys.list(q),
    queryFn: ({ signal }) => fetchUnits(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const canWrite = org.data ? auth.canAt('orgs:write', orgChainOf(org.data)) : false;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '单位台账', path: '/units' })}
        title="单位台账"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级组织管理的单位</Typography.Text> : null}
        extra={
          canWrite && orgId ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="unit-create">
              新增单位
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="单位名称或拼音首字母"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder="单位类型"
            value={q.unitType}
            onChange={(v) => set({ unitType: v ?? null, page: null })}
            options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))}
            style={{ width: 160 }}
          />
          <Space>
            <Switch checked={q.gap === 'true'} onChange={(on) => set({ gap: on ? 'true' : null, page: null })} />
            <span>只看应建未建</span>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<Unit>
          query={query}
          columns={[
            { title: '单位名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'unitTypeLabel', width: 110 },
            { title: '正式党员', dataIndex: 'fullMembers', width: 100, align: 'right' },
            {
              title: '职工',
              dataIndex: 'employees',
              width: 90,
              align: 'right',
              render: (n: number | null) => n ?? '—',
            },
            { title: '管理组织', dataIndex: 'orgName' },
            {
              title: '党组织',
              dataIndex: 'coveringOrgName',
              render: (name: string | null, u) =>
                name ??
                (u.isOrgGap ? (
                  <Tag color="volcano">应建未建</Tag>
                ) : (
                  <Typography.Text type="secondary">未建</Typography.Text>
                )),
            },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, u: Unit) => (
                      <Typography.Link onClick={() => setEditing(u)}>编辑</Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 个单位` }}
          empty={<EmptyState description="暂无单位" hint={q.gap ? '没有应建未建的单位' : '可点击“新增单位”登记'} />}
        />
      </Card>
      {editing && orgId ? (
        <UnitFormDrawer
          orgId={orgId}
          orgName={org.data?.name}
          unit={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
