// 统计报表 (一表通): the built-in 党内统计 forms and the forms of the chosen org — its own, those issued from above and
// those of its subtree — paged, searched and sorted by the server. A county defines forms here (grid editor) or
// uploads its own Excel layout; every form opens filled for the chosen org.
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { FormSummary } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, Popconfirm, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { archiveForm, type FormListQuery, fetchBuiltInForms, fetchForms, formKeys } from './forms.api';
import { TemplateUploadModal } from './template-upload.modal';

export function FormsListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [uploading, setUploading] = useState(false);
  const archived = params.get('archived') === 'true';
  const sort = params.get('sort') ?? '-updatedAt';
  const text = params.get('q') ?? undefined;
  const canWrite = org.data ? auth.canAt('forms:write', orgChainOf(org.data)) : false;
  const fillHref = (key: string) => scopedHref('/forms/fill', orgId, { form: key });

  const builtIn = useQuery({ queryKey: formKeys.builtIn, queryFn: fetchBuiltInForms, staleTime: 5 * 60_000 });
  const q: FormListQuery = {
    orgId: orgId ?? 0,
    ...(text ? { q: text } : {}),
    ...(archived ? { archived: 'true' as const } : {}),
    sort,
    page,
    pageSize,
  };
  const forms = useQuery({
    queryKey: formKeys.list(q),
    queryFn: () => fetchForms(q),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation({
    mutationFn: (f: FormSummary) => archiveForm(f.id!, f.version),
    onSuccess: (f) => {
      message.success(`已归档“${f.name}”`);
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const order = (field: 'name' | 'updatedAt') =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '统计报表', path: '/forms' })}
        title="统计报表"
        extra={
          canWrite && orgId ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="form-template-upload">
                上传Excel模板
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(scopedHref('/forms/edit', orgId))}
                data-testid="form-new"
              >
                新建统计表
              </Button>
            </>
          ) : null
        }
      />
      <Typography.Title level={5}>内置报表（党内统计表式）</Typography.Title>
      {builtIn.isError ? (
        <ErrorState error={builtIn.error} onRetry={() => void builtIn.refetch()} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {(builtIn.data?.items ?? []).map((f) => (
            <Col xs={24} sm={12} lg={8} key={f.key}>
              <Card
                size="small"
                hoverable
                onClick={() => navigate(fillHref(f.key))}
                data-testid={`builtin-form-${f.key}`}
              >
                <Card.Meta
                  title={f.name}
                  description={`${f.rowCount}项 × ${f.columnCount}栏 · 按所选组织和期间自动填数`}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Title level={5}>本级及上级制定的报表</Typography.Title>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            defaultValue={text}
            placeholder="报表名称"
            onSearch={(v) => set({ q: v, page: null })}
            style={{ width: 240 }}
          />
          <Segmented
            value={archived ? 'archived' : 'active'}
            options={[
              { value: 'active', label: '使用中' },
              { value: 'archived', label: '已归档' },
            ]}
            onChange={(v) => set({ archived: v === 'archived' ? 'true' : null, page: null })}
          />
        </Space>
        <PagedTable<FormSummary>
          query={forms}
          rowKey="key"
          pagination={pagination}
          onChange={(_p, _f, sorter, extra) => {
            if (extra.action !== 'sort') return;
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.columnKey === 'name' ? 'name' : 'updatedAt';
            set({ sort: s?.order === 'ascend' ? field : s?.order === 'descend' ? `-${field}` : null, page: null });
          }}
          empty={
            <EmptyState
              description={archived ? '没有已归档的报表' : '还没有自定义报表'}
              hint={canWrite ? '可新建统计表，或上传本单位的Excel表样' : undefined}
            />
          }
          columns={[
            {
              title: '报表名称',
              key: 'name',
              dataIndex: 'name',
              sorter: true,
              sortOrder: order('name'),
              render: (name: string, f) => (
                <Space size={4}>
                  <Typography.Link onClick={() => navigate(fillHref(f.key))}>{name}</Typography.Link>
                  {f.hasTemplate ? <Tag color="blue">Excel模板</Tag> : null}
                </Space>
              ),
            },
            { title: '制定单位', dataIndex: 'orgName' },
            { title: '规模', key: 'size', render: (_, f) => `${f.rowCount}行 × ${f.columnCount}列` },
            {
              title: '更新时间',
              key: 'updatedAt',
              dataIndex: 'updatedAt',
              sorter: true,
              sortOrder: order('updatedAt'),
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, f) => (
                <Space size={4}>
                  <Button size="small" onClick={() => navigate(fillHref(f.key))}>
                    填报
                  </Button>
                  {auth.can('forms:write') && !f.archivedAt ? (
                    <>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => navigate(scopedHref('/forms/edit', orgId, { form: f.key }))}
                      >
                        编辑
                      </Button>
                      <Popconfirm
                        title={`归档“${f.name}”？`}
                        description="归档后不再出现在列表中，已导出的报表不受影响。"
                        okText="归档"
                        cancelText="取消"
                        onConfirm={() => archive.mutate(f)}
                      >
                        <Button size="small" type="link" danger>
                          归档
                        </Button>
                      </Popconfirm>
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {orgId && org.data ? (
        <TemplateUploadModal
          open={uploading}
          orgId={orgId}
          orgName={org.data.name}
          onClose={() => setUploading(false)}
          onCreated={(f) => {
            setUploading(false);
            message.success(`已保存“${f.name}”`);
            navigate(fillHref(f.key));
          }}
        />
      ) : null}
    </div>
  );
}
