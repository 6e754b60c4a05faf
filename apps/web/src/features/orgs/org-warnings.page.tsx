// 组织预警 for the chosen subtree: size vs kind, terms ending or overdue. Filter by kind, paged on the server.
import { ORG_WARNING_KINDS, ORG_WARNING_LABELS, type OrgWarningKind } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useSelectedOrgId, useSelectOrg } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { orgBreadcrumbItems } from './org-breadcrumb';
import { WARNING_COLORS } from './org-warning-tags';
import { fetchOrgWarnings, type OrgWarningItem, orgKeys } from './orgs.api';
import { useOrg } from './orgs.hooks';

export function OrgWarningsPage() {
  const orgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const org = useOrg(orgId);
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = (ORG_WARNING_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as OrgWarningKind)
    : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('pageSize')) || 20;
  const q = { kind, page, pageSize };
  const query = useQuery({
    queryKey: orgKeys.warnings(orgId ?? 0, q),
    queryFn: () => fetchOrgWarnings(orgId!, q),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const counts = query.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '组织预警', path: '/orgs/warnings' })}
        title="组织预警"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级组织</Typography.Text> : null}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Tag.CheckableTag checked={!kind} onChange={() => set({ kind: null, page: null })}>
            全部 {counts ? all : ''}
          </Tag.CheckableTag>
          {ORG_WARNING_KINDS.map((k) => (
            <Tag.CheckableTag
              key={k}
              checked={kind === k}
              onChange={() => set({ kind: kind === k ? null : k, page: null })}
            >
              {ORG_WARNING_LABELS[k]} {counts ? counts[k] : ''}
            </Tag.CheckableTag>
          ))}
        </div>
      </Card>
      <Card size="small">
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<OrgWarningItem>
            size="middle"
            rowKey={(w) => `${w.orgId}-${w.kind}-${w.subject}`}
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '组织',
                dataIndex: 'orgName',
                render: (name: string, w) => (
                  <Typography.Link onClick={() => selectOrg(w.orgId)}>{name}</Typography.Link>
                ),
              },
              {
                title: '预警类别',
                dataIndex: 'kind',
                width: 170,
                render: (k: OrgWarningKind) => <Tag color={WARNING_COLORS[k]}>{ORG_WARNING_LABELS[k]}</Tag>,
              },
              {
                title: '说明',
                dataIndex: 'message',
                render: (m: string, w) => (w.subject !== w.orgName ? `${w.subject}：${m}` : m),
              },
              { title: '到期日期', dataIndex: 'dueDate', width: 120, render: (d: string | null) => d ?? '—' },
            ]}
            pagination={{
              current: page,
              pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p, ps) => set({ page: String(p), pageSize: String(ps) }),
            }}
            locale={{
              emptyText: query.isPending ? (
                ' '
              ) : (
                <EmptyState
                  description="暂无预警"
                  hint={kind ? '可切换为“全部”查看其他类别' : '本组织及下级组织均符合设置和换届要求'}
                />
              ),
            }}
          />
        )}
      </Card>
    </div>
  );
}
