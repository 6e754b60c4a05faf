// 免于考核 in the chosen org's subtree: a period (year, quarter or month) and a kind of meeting (or all) an org need
// not hold, with the reason; granted by the upper level (the server refuses one's own org).
import { MEETING_KIND_LABELS, MEETING_KINDS, type TExemptionCreate } from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { createExemption, deleteExemption, type Exemption, fetchExemptions, lifeKeys } from './life.api';

type Values = Omit<TExemptionCreate, 'kind'> & { kind: TExemptionCreate['kind'] | 'all' };
const FIELDS = ['orgId', 'kind', 'periodKey', 'reason'] as const;

function ExemptionDrawer({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useSaveErrors<Exemption>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) => createExemption({ ...v, kind: v.kind === 'all' ? null : v.kind }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: lifeKeys.all });
      message.success('已设置免于考核');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<Exemption, Values>
      title="设置免于考核"
      width={520}
      form={form}
      saving={mutation.isPending}
      submitTestId="exemption-form-submit"
      initialValues={{ kind: 'all' }}
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={[]}
      onReload={() => {}}
      onClose={onClose}
    >
      <Form.Item
        name="orgId"
        label="党组织"
        rules={[{ required: true, message: '请选择党组织' }]}
        extra="由上级党组织设置，不能为本级设置"
      >
        <OrgTreeSelect isDisabled={(o) => o.closedAt !== null} />
      </Form.Item>
      <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
        <Select
          options={[
            { value: 'all', label: '全部会议' },
            ...MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] })),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="periodKey"
        label="期间"
        rules={[{ required: true, whitespace: true, message: '请填写期间' }]}
        extra="年度如 2026，季度如 2026-Q3，月份如 2026-07；年度免考涵盖其中各季度和各月"
      >
        <Input style={{ width: 180 }} placeholder="2026-Q3" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="原因"
        rules={[{ required: true, whitespace: true, message: '请填写免于考核的原因' }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormDrawer>
  );
}

export function ExemptionsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, page, set } = useUrlFilters();
  const [adding, setAdding] = useState(false);
  const period = params.get('period') || undefined;
  const query = useQuery({
    queryKey: lifeKeys.exemptions(orgId ?? 0, period, page),
    queryFn: () => fetchExemptions(orgId!, period, page),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteExemption(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: lifeKeys.all }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const canWrite = org.data ? auth.canAt('life:write', orgChainOf(org.data)) : false;
  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '免于考核', path: '/life/exemptions' })}
        title="免于考核"
        extra={
          canWrite ? (
            <Button type="primary" onClick={() => setAdding(true)}>
              设置免于考核
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="按期间筛选，如 2026-Q3"
          defaultValue={period}
          onSearch={(v) => set({ period: v.trim(), page: null })}
          style={{ width: 240 }}
        />
      </Card>
      <Card size="small">
        <PagedTable<Exemption>
          query={query}
          columns={[
            { title: '党组织', dataIndex: 'orgName' },
            { title: '期间', dataIndex: 'periodKey', width: 100 },
            { title: '会议类型', dataIndex: 'kindLabel', width: 130 },
            { title: '原因', dataIndex: 'reason' },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, e: Exemption) => (
                      <Popconfirm
                        title="确定撤销免于考核吗？"
                        okText="撤销"
                        cancelText="取消"
                        onConfirm={() => remove.mutateAsync(e.id)}
                      >
                        <Typography.Link type="danger">撤销</Typography.Link>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
          pagination={{
            current: page,
            pageSize: 20,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => set({ page: String(p) }),
          }}
          empty={<EmptyState description="暂无免于考核记录" />}
        />
      </Card>
      {adding ? <ExemptionDrawer onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
