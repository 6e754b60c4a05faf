// 汇报模板: the built-in templates and those saved along the chosen org's line; copy one into an own template, edit or
// delete those one may write, or start a draft from any of them.
import {
  REPORT_TEMPLATE_PERIOD_KINDS,
  REPORT_TEMPLATE_PERIOD_LABELS,
  type ReportTemplateDto,
  type ReportTemplatePeriodKind,
} from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { scopedHref } from '../../app/org-scope';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { formatDateTime } from '../../ui/format';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { PlaceholderHelp } from './report-placeholder-help.component';
import {
  createTemplate,
  deleteTemplate,
  fetchBuiltinTemplates,
  fetchTemplates,
  reportKeys,
  updateTemplate,
} from './reports.api';

interface TemplateValues {
  name: string;
  description?: string | null;
  periodKind: ReportTemplatePeriodKind;
  title: string;
  body: string;
}
const FIELDS = ['name', 'description', 'periodKind', 'title', 'body'];
const STALE_FIELDS = [
  { name: 'name', label: '模板名称' },
  { name: 'title', label: '报告标题' },
  { name: 'body', label: '正文', format: (v: unknown) => `${String(v ?? '').length} 字` },
];

/** Copying (a new template from `from`) or editing a saved one. */
type Editing = { mode: 'copy'; from: ReportTemplateDto } | { mode: 'edit'; template: ReportTemplateDto };

export function ReportTemplatesTab({ orgId, canWrite }: { orgId: number; canWrite: boolean }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { page, pageSize, pagination } = useUrlFilters();
  const [editing, setEditing] = useState<Editing | null>(null);
  const builtin = useQuery({ queryKey: reportKeys.builtin, queryFn: fetchBuiltinTemplates, staleTime: Infinity });
  const q = { page, pageSize };
  const saved = useQuery({
    queryKey: reportKeys.templates(q),
    queryFn: () => fetchTemplates(q),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (t: ReportTemplateDto) => deleteTemplate(t.id!, t.version),
    onSuccess: () => {
      message.success('模板已删除');
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const startDraft = (t: ReportTemplateDto) => navigate(scopedHref('/reports/new', orgId, { template: t.key }));

  const actions = (t: ReportTemplateDto) => [
    <Button key="use" type="link" size="small" onClick={() => startDraft(t)} disabled={!canWrite}>
      用此模板起草
    </Button>,
    canWrite ? (
      <Button key="copy" type="link" size="small" onClick={() => setEditing({ mode: 'copy', from: t })}>
        复制为我的模板
      </Button>
    ) : null,
    t.canEdit ? (
      <Button key="edit" type="link" size="small" onClick={() => setEditing({ mode: 'edit', template: t })}>
        编辑
      </Button>
    ) : null,
    t.canEdit ? (
      <Popconfirm
        key="del"
        title="确定删除该模板吗？"
        okText="删除"
        cancelText="取消"
        onConfirm={() => remove.mutate(t)}
      >
        <Button type="link" size="small" danger>
          删除
        </Button>
      </Popconfirm>
    ) : null,
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="内置模板">
        {builtin.isError ? (
          <ErrorState error={builtin.error} onRetry={() => void builtin.refetch()} />
        ) : (
          <List
            loading={builtin.isPending}
            dataSource={builtin.data?.items ?? []}
            renderItem={(t) => (
              <List.Item actions={actions(t).filter(Boolean)}>
                <List.Item.Meta
                  title={
                    <Space>
                      {t.name}
                      <Tag>{REPORT_TEMPLATE_PERIOD_LABELS[t.periodKind]}</Tag>
                    </Space>
                  }
                  description={t.description}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title="保存的模板（本级、下级及上级组织）">
        <PagedTable<ReportTemplateDto>
          query={saved}
          pagination={{ ...pagination, showTotal: (t) => `共 ${t} 个` }}
          empty={<EmptyState description="还没有保存的模板" hint="可将内置模板复制为自己的模板后修改" />}
          columns={[
            { title: '模板名称', dataIndex: 'name' },
            { title: '适用期间', key: 'period', render: (_, t) => REPORT_TEMPLATE_PERIOD_LABELS[t.periodKind] },
            { title: '所属组织', dataIndex: 'orgName' },
            {
              title: '最后修改',
              key: 'updated',
              render: (_, t) => `${t.updatedByName ?? ''} ${formatDateTime(t.updatedAt)}`,
            },
            { title: '操作', key: 'actions', render: (_, t) => <Space size={0}>{actions(t)}</Space> },
          ]}
        />
      </Card>
      {editing ? (
        <TemplateDrawer
          orgId={orgId}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: reportKeys.all });
          }}
        />
      ) : null}
    </Space>
  );
}

function TemplateDrawer({
  orgId,
  editing,
  onClose,
  onSaved,
}: {
  orgId: number;
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateValues>();
  const errors = useSaveErrors<ReportTemplateDto>(form, FIELDS);
  const source = editing.mode === 'copy' ? editing.from : editing.template;
  const [version, setVersion] = useState(source.version);
  const save = useMutation({
    mutationFn: (v: TemplateValues) =>
      editing.mode === 'copy'
        ? createTemplate({ ...v, orgId })
        : updateTemplate(editing.template.id!, { ...v, version }),
    onSuccess: () => {
      message.success('模板已保存');
      onSaved();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<ReportTemplateDto, TemplateValues>
      title={editing.mode === 'copy' ? `复制模板：${source.name}` : `编辑模板：${source.name}`}
      width={860}
      form={form}
      initialValues={{
        name: editing.mode === 'copy' ? `${source.name}（副本）` : source.name,
        description: source.description,
        periodKind: source.periodKind,
        title: source.title,
        body: source.body,
      }}
      onFinish={(v) => save.mutate(v)}
      saving={save.isPending}
      submitTestId="report-template-submit"
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={(c) => ({
        name: c.name,
        description: c.description,
        periodKind: c.periodKind,
        title: c.title,
        body: c.body,
      })}
      onReload={(c) => setVersion(c.version)}
      onClose={onClose}
    >
      <Form.Item name="name" label="模板名称" rules={[{ required: true, message: '请填写模板名称' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="periodKind" label="适用期间" rules={[{ required: true, message: '请选择适用期间' }]}>
        <Select
          options={REPORT_TEMPLATE_PERIOD_KINDS.map((k) => ({ value: k, label: REPORT_TEMPLATE_PERIOD_LABELS[k] }))}
        />
      </Form.Item>
      <Form.Item name="description" label="模板说明">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写报告标题' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="body"
        label="正文（每段一行；{{指标编码}} 处按组织和期间自动填写数字）"
        rules={[{ required: true, message: '请填写正文' }]}
      >
        <Input.TextArea autoSize={{ minRows: 16, maxRows: 30 }} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        <PlaceholderHelp />
      </Typography.Paragraph>
    </FormDrawer>
  );
}
