// 会议记录 of the chosen org's subtree: filters by kind, date range and 补录, paged and sorted on the server; record,
// edit and delete meetings where the user may write.
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { warningKeys } from '../warnings/warnings.api';
import { deleteMeeting, fetchMeeting, fetchMeetings, lifeKeys, type Meeting, type MeetingListItem } from './life.api';
import { MeetingFormDrawer } from './meeting-form.drawer';

export function MeetingsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [editing, setEditing] = useState<Meeting | 'new' | null>(null);
  const kindParam = params.get('kind');
  const q = {
    orgId: orgId ?? 0,
    kind: (MEETING_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as MeetingKind) : undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    late: params.get('late') === 'true' ? ('true' as const) : undefined,
    sort: params.get('sort') || undefined,
    page,
    pageSize,
  };
  const query = useQuery({
    queryKey: lifeKeys.meetings(q),
    queryFn: ({ signal }) => fetchMeetings(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const canWrite = org.data ? auth.canAt('life:write', orgChainOf(org.data)) : false;
  const open = useMutation({
    mutationFn: (id: number) => fetchMeeting(id),
    onSuccess: (m) => setEditing(m),
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (m: MeetingListItem) => deleteMeeting(m.id, m.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: lifeKeys.all });
      void queryClient.invalidateQueries({ queryKey: warningKeys.all });
      message.success('已删除');
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '会议记录', path: '/life/meetings' })}
        title="会议记录"
        tags={
          org.data ? (
            <Typography.Text type="secondary">
              {org.data.name}及下级组织的三会一课、主题党日等 ·{' '}
              <Link to={scopedHref('/life/compliance', orgId)}>完成情况</Link>
            </Typography.Text>
          ) : null
        }
        extra={
          canWrite && orgId ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="meeting-create">
              登记会议
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder="会议类型"
            value={q.kind}
            onChange={(v) => set({ kind: v ?? null, page: null })}
            options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
            style={{ width: 160 }}
          />
          <Space.Compact>
            <Input
              type="date"
              aria-label="开始日期"
              value={q.from ?? ''}
              onChange={(e) => set({ from: e.target.value || null, page: null })}
              style={{ width: 150 }}
            />
            <Input
              type="date"
              aria-label="结束日期"
              value={q.to ?? ''}
              onChange={(e) => set({ to: e.target.value || null, page: null })}
              style={{ width: 150 }}
            />
          </Space.Compact>
          <Space>
            <Switch checked={q.late === 'true'} onChange={(on) => set({ late: on ? 'true' : null, page: null })} />
            <span>只看补录</span>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<MeetingListItem>
          query={query}
          busy={open.isPending}
          onChange={(_p, _f, sorter, extra) => {
            // Paging is pagination.onChange's; acting on it here too would overwrite the new page.
            if (extra.action !== 'sort') return;
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            set({ sort: s?.order === 'ascend' ? 'date' : null });
          }}
          columns={[
            {
              title: '会议日期',
              dataIndex: 'date',
              width: 120,
              sorter: true,
              sortOrder: q.sort === 'date' ? 'ascend' : 'descend',
              sortDirections: ['descend', 'ascend', 'descend'],
            },
            {
              title: '类型',
              dataIndex: 'kindLabel',
              width: 120,
              render: (label: string, m) => (
                <Space size={4}>
                  {label}
                  {m.late ? (
                    <Tag color="orange" title="会后超过30天登记">
                      补录
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '会议主题',
              dataIndex: 'topic',
              render: (topic: string, m) => (
                <Typography.Link onClick={() => open.mutate(m.id)}>{topic}</Typography.Link>
              ),
            },
            { title: '党组织', dataIndex: 'orgName' },
            { title: '主持人', dataIndex: 'host', width: 100 },
            {
              title: '出席/缺席',
              key: 'attendance',
              width: 100,
              render: (_: unknown, m) => `${m.attendeeCount} / ${m.absentCount}`,
            },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, m: MeetingListItem) => (
                      <Space>
                        <Typography.Link onClick={() => open.mutate(m.id)}>编辑</Typography.Link>
                        <Popconfirm
                          title="确定删除这条会议记录吗？"
                          okText="删除"
                          cancelText="取消"
                          onConfirm={() => remove.mutateAsync(m)}
                        >
                          <Typography.Link type="danger">删除</Typography.Link>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 次会议` }}
          empty={
            <EmptyState description="暂无会议记录" hint={canWrite ? '可点击“登记会议”，会后补录也可以' : undefined} />
          }
        />
      </Card>
      {editing && orgId ? (
        <MeetingFormDrawer
          orgId={orgId}
          meeting={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
