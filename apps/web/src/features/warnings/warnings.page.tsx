// 预警清单: everything due or overdue in the chosen org's subtree, from every module, counted by kind at the top,
// filtered by kind, paged on the server, each item linked to where it is acted on, exportable to .xlsx.
import { WARNING_KINDS, WARNING_LABELS, type WarningItem, type WarningKind } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useSelectedOrgId, useSelectOrg } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { WARNING_COLORS, WARNING_KIND_GROUPS } from './warning-kinds';
import { fetchWarnings, warningExportUrl, warningKeys } from './warnings.api';

export function WarningsPage() {
  const orgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const org = useOrg(orgId);
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const kindParam = params.get('kind');
  const kind = (WARNING_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as WarningKind) : undefined;
  const q = { kind, page, pageSize };
  const query = useQuery({
    queryKey: warningKeys.list(orgId ?? 0, q),
    queryFn: () => fetchWarnings(orgId!, q),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const counts = query.data?.counts;
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const asOf = query.data?.asOf ?? '';

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '预警清单', path: '/orgs/warnings' })}
        title="预警清单"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级组织</Typography.Text> : null}
        extra={
          <DownloadButton
            path={orgId ? warningExportUrl(orgId) : ''}
            fileName="预警清单.xlsx"
            query={kind ? { kind } : undefined}
            disabled={!orgId || all === 0}
            testId="warnings-export"
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          <Tag.CheckableTag checked={!kind} onChange={() => set({ kind: null, page: null })}>
            全部 {counts ? all : ''}
          </Tag.CheckableTag>
          {WARNING_KIND_GROUPS.map(({ group, kinds }) => (
            <div key={group} style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
              <Typography.Text type="secondary" style={{ width: 64, flex: 'none' }}>
                {group}
              </Typography.Text>
              {kinds.map((k) => (
                <Tag.CheckableTag
                  key={k}
                  checked={kind === k}
                  onChange={() => set({ kind: kind === k ? null : k, page: null })}
                  data-testid={`warning-kind-${k}`}
                >
                  {WARNING_LABELS[k]} {counts ? counts[k] : ''}
                </Tag.CheckableTag>
              ))}
            </div>
          ))}
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<WarningItem>
          query={query}
          rowKey={(w) => `${w.kind}-${w.orgId}-${w.subject}-${w.dueDate ?? ''}-${w.link ?? ''}`}
          columns={[
            {
              title: '类别',
              dataIndex: 'kind',
              width: 150,
              render: (k: WarningKind) => <Tag color={WARNING_COLORS[k]}>{WARNING_LABELS[k]}</Tag>,
            },
            {
              title: '组织',
              dataIndex: 'orgName',
              render: (name: string, w) => <Typography.Link onClick={() => selectOrg(w.orgId)}>{name}</Typography.Link>,
            },
            {
              title: '说明',
              dataIndex: 'message',
              render: (m: string, w) => (w.subject !== w.orgName ? `${w.subject}：${m}` : m),
            },
            {
              title: '到期日期',
              dataIndex: 'dueDate',
              width: 110,
              render: (d: string | null) =>
                d === null ? '—' : d < asOf ? <Typography.Text type="danger">{d} 已逾期</Typography.Text> : d,
            },
            {
              title: '操作',
              dataIndex: 'link',
              width: 80,
              render: (link: string | null) =>
                link ? (
                  <Link to={link} data-testid="warning-act">
                    去处理
                  </Link>
                ) : null,
            },
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
          empty={
            <EmptyState
              description="暂无预警"
              hint={kind ? '可切换为“全部”查看其他类别' : '本组织及下级组织暂无到期或逾期事项'}
            />
          }
        />
      </Card>
    </div>
  );
}
