// 工作汇报: the drafts of the chosen org and its subtree (newest first), a new draft from a template, and the templates
// (built-in and saved) on their own tab.
import { PlusOutlined } from '@ant-design/icons';
import { type ReportDraftDto, reportPeriodLabel } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Space, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { ReportTemplatesTab } from './report-templates.component';
import { draftTitle } from './report-text';
import { deleteDraft, fetchDrafts, reportKeys } from './reports.api';

export function ReportDraftsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const tab = params.get('tab') === 'templates' ? 'templates' : 'drafts';
  const q = params.get('q') ?? '';
  const canWrite = org.data ? auth.canAt('reports:write', orgChainOf(org.data)) : false;
  const query = { orgId: orgId ?? 0, q: q || undefined, page, pageSize };
  const drafts = useQuery({
    queryKey: reportKeys.drafts(query),
    queryFn: () => fetchDrafts(query),
    enabled: Boolean(orgId) && tab === 'drafts',
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (d: ReportDraftDto) => deleteDraft(d.id, d.version),
    onSuccess: () => {
      message.success('已删除');
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '工作汇报', path: '/reports' })}
        title="工作汇报"
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(scopedHref('/reports/new', orgId))}
              data-testid="report-new"
            >
              新建汇报稿
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">
        按模板起草工作汇报，文中数字按所选组织及下级、所选期间从各项业务数据自动填写，每个数字可查看来源记录；可导出为公文格式的
        Word 文档或 Markdown。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(t) => set({ tab: t === 'drafts' ? null : t, page: null })}
        items={[
          {
            key: 'drafts',
            label: '汇报稿',
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  <Input.Search
                    allowClear
                    defaultValue={q}
                    placeholder="按标题搜索"
                    onSearch={(v) => set({ q: v.trim() || null, page: null })}
                    style={{ width: 260 }}
                  />
                </Space>
                <PagedTable<ReportDraftDto>
                  query={drafts}
                  pagination={{ ...pagination, showTotal: (t) => `共 ${t} 份` }}
                  onRow={(d) => ({ 'data-testid': `report-draft-row-${d.id}` }) as React.HTMLAttributes<HTMLElement>}
                  empty={
                    <EmptyState
                      description="还没有汇报稿"
                      hint={canWrite ? '点击“新建汇报稿”，选择模板和期间' : undefined}
                    />
                  }
                  columns={[
                    {
                      title: '标题',
                      key: 'title',
                      render: (_, d) => (
                        <Link to={scopedHref(`/reports/${d.id}`, orgId)} data-testid="report-draft-link">
                          {draftTitle(d)}
                        </Link>
                      ),
                    },
                    { title: '组织', dataIndex: 'orgName' },
                    {
                      title: '期间',
                      key: 'period',
                      render: (_, d) => `${reportPeriodLabel(d.from, d.to)}${d.compareFrom ? '（含同比）' : ''}`,
                    },
                    { title: '模板', dataIndex: 'templateName' },
                    {
                      title: '最后修改',
                      key: 'updated',
                      render: (_, d) => `${d.updatedByName} ${formatDateTime(d.updatedAt)}`,
                    },
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_, d) =>
                        d.canEdit ? (
                          <Popconfirm
                            title="确定删除该汇报稿吗？"
                            okText="删除"
                            cancelText="取消"
                            onConfirm={() => remove.mutate(d)}
                          >
                            <Button type="link" danger size="small">
                              删除
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'templates',
            label: '汇报模板',
            children: orgId ? <ReportTemplatesTab orgId={orgId} canWrite={canWrite} /> : null,
          },
        ]}
      />
    </div>
  );
}
