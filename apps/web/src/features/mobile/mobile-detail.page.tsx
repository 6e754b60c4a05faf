// One 流动党员 record: where and since when, whom to call, the contact log; log a contact, edit (失联), mark returned.
import { MOBILE_CONTACT_METHOD_LABELS } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref } from '../../app/org-scope';
import { formatDateTime, orDash } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { fetchContacts, fetchMobileMember, type MobileContact, mobileKeys } from './mobile.api';
import { MobileActionModal } from './mobile-actions.modals';
import { MobileFormDrawer } from './mobile-form.drawer';
import { MobileStatus } from './mobile-tags';

export function MobileDetailPage() {
  const id = Number(useParams().id);
  const auth = useAuth();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<'edit' | 'contact' | 'return' | null>(null);
  const record = useQuery({
    queryKey: mobileKeys.detail(id),
    queryFn: () => fetchMobileMember(id),
    enabled: id > 0,
  });
  const contacts = useQuery({
    queryKey: mobileKeys.contacts(id, page),
    queryFn: () => fetchContacts(id, page),
    enabled: id > 0,
  });
  const org = useOrg(record.data?.orgId);
  if (!(id > 0)) return <ErrorState error={{ status: 404, message: '记录编号无效' }} />;
  if (record.isPending) return <PageLoading rows={8} />;
  if (record.isError) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  const canWrite = !r.returnedOn && auth.canAt('members:write', orgChainOf(org.data));

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={scopedHref('/mobile', r.orgId)}>流动党员</Link> },
          { key: 'me', title: r.memberName },
        ]}
        title={`流动党员：${r.memberName}`}
        tags={<MobileStatus record={r} />}
        extra={
          canWrite ? (
            <Space wrap>
              <Button type="primary" onClick={() => setAction('contact')} data-testid="mobile-log-contact">
                登记联系
              </Button>
              <Button onClick={() => setAction('edit')}>编辑</Button>
              <Button onClick={() => setAction('return')}>登记返回</Button>
            </Space>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'member', label: '党员', children: <Link to={`/members/${r.memberId}`}>{r.memberName}</Link> },
            { key: 'org', label: '所在组织', children: r.orgName },
            { key: 'region', label: '流入地', children: r.destinationRegion },
            { key: 'workplace', label: '工作单位', children: orDash(r.workplace) },
            { key: 'since', label: '外出日期', children: r.since },
            { key: 'station', label: '流入地党组织/服务站', children: orDash(r.station) },
            { key: 'contact', label: '联系人', children: orDash(r.contactName) },
            { key: 'phone', label: '联系电话', children: orDash(r.contactPhone) },
            { key: 'last', label: '最近联系', children: orDash(r.lastContactOn) },
            { key: 'due', label: '3个月未联系预警日', children: orDash(r.noContactDueOn) },
            { key: 'note', label: '备注', children: orDash(r.note), span: 'filled' as const },
          ]}
        />
      </Card>
      <Card size="small" title="联系记录">
        {contacts.isError ? (
          <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : (
          <Table<MobileContact>
            size="small"
            rowKey="id"
            loading={contacts.isFetching}
            dataSource={contacts.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '联系日期', dataIndex: 'contactedOn' },
              {
                title: '方式',
                dataIndex: 'method',
                render: (m: MobileContact['method']) => MOBILE_CONTACT_METHOD_LABELS[m],
              },
              { title: '联系情况', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              { title: '登记人', dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
              { title: '登记时间', dataIndex: 'createdAt', render: formatDateTime },
            ]}
            pagination={{
              current: page,
              pageSize: 10,
              total: contacts.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            locale={{
              emptyText: contacts.isPending ? ' ' : <EmptyState description="外出后尚未登记联系" />,
            }}
          />
        )}
      </Card>
      {action === 'edit' ? <MobileFormDrawer orgId={r.orgId} record={r} onClose={() => setAction(null)} /> : null}
      {action === 'contact' || action === 'return' ? (
        <MobileActionModal kind={action} record={r} onClose={() => setAction(null)} />
      ) : null}
    </div>
  );
}
