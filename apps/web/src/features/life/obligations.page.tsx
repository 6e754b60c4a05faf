// 组织生活要求: the catalogue of meetings orgs owe (kind, cycle, count, which orgs, from when), changed by the county
// (obligations:manage); everyone with life:read sees it.
import {
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  OBLIGATION_CYCLE_LABELS,
  OBLIGATION_CYCLES,
  ORG_KIND_LABELS,
  ORG_KINDS,
  SECTOR_LABELS,
  SECTORS,
  type TObligationCreate,
} from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { PageHeader } from '../../ui/page-header';
import { ErrorState } from '../../ui/query-states';
import {
  createObligation,
  deleteObligation,
  fetchObligations,
  lifeKeys,
  type Obligation,
  updateObligation,
} from './life.api';

type Values = Omit<TObligationCreate, 'sectors' | 'startsOn'> & {
  sectors: TObligationCreate['sectors'] | undefined;
  startsOn: string | null;
};
const FIELDS = ['kind', 'cycle', 'expected', 'orgKinds', 'sectors', 'requiresCommittee', 'startsOn'] as const;

function valuesOf(o: Obligation): Values {
  return {
    kind: o.kind,
    cycle: o.cycle,
    expected: o.expected,
    orgKinds: o.orgKinds,
    sectors: o.sectors,
    requiresCommittee: o.requiresCommittee,
    startsOn: o.startsOn,
  };
}

function ObligationDrawer({ obligation, onClose }: { obligation: Obligation | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(obligation);
  const errors = useSaveErrors<Obligation>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, sectors: v.sectors?.length ? v.sectors : null, startsOn: v.startsOn || null };
      return base ? updateObligation(base.id, { ...body, version: base.version }) : createObligation(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: lifeKeys.all });
      message.success('已保存');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<Obligation, Values>
      title={obligation ? `修改要求：${obligation.kindLabel}` : '新增组织生活要求'}
      width={560}
      form={form}
      saving={mutation.isPending}
      submitTestId="obligation-form-submit"
      initialValues={
        obligation
          ? valuesOf(obligation)
          : {
              kind: 'first_topic_study',
              cycle: 'month',
              expected: 1,
              orgKinds: ['branch'],
              requiresCommittee: false,
              startsOn: null,
            }
      }
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={[
        { name: 'expected', label: '应开次数' },
        { name: 'cycleLabel', label: '周期' },
      ]}
      valuesOf={valuesOf}
      onReload={setBase}
      onClose={onClose}
    >
      <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
        <Select options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="cycle" label="周期" rules={[{ required: true, message: '请选择周期' }]}>
          <Select
            style={{ width: 140 }}
            options={OBLIGATION_CYCLES.map((c) => ({ value: c, label: OBLIGATION_CYCLE_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item name="expected" label="至少召开（次）" rules={[{ required: true, message: '请填写应开次数' }]}>
          <InputNumber min={1} max={31} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item name="orgKinds" label="适用的组织类别" rules={[{ required: true, message: '请选择适用的组织类别' }]}>
        <Select mode="multiple" options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item name="sectors" label="适用的领域" extra="不选为全部领域">
        <Select mode="multiple" allowClear options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
      </Form.Item>
      <Form.Item name="requiresCommittee" label="仅限设支部委员会的组织" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="startsOn" label="执行日期" extra="从该日期及以后开始的期间起考核；不填为一直执行">
        <Input type="date" style={{ width: 180 }} />
      </Form.Item>
    </FormDrawer>
  );
}

export function ObligationsPage() {
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Obligation | 'new' | null>(null);
  const canManage = auth.can('obligations:manage');
  const query = useQuery({ queryKey: lifeKeys.obligations, queryFn: fetchObligations });
  const remove = useMutation({
    mutationFn: (o: Obligation) => deleteObligation(o.id, o.version),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: lifeKeys.all }),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <div>
      <PageHeader
        title="组织生活要求"
        tags={<Typography.Text type="secondary">三会一课等会议的频次，由县级组织部门统一设置</Typography.Text>}
        extra={
          canManage ? (
            <Button type="primary" onClick={() => setEditing('new')}>
              新增要求
            </Button>
          ) : null
        }
      />
      <Card size="small">
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<Obligation>
            size="middle"
            rowKey="id"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '会议类型', dataIndex: 'kindLabel' },
              { title: '要求', key: 'freq', render: (_: unknown, o) => `${o.cycleLabel}至少${o.expected}次` },
              {
                title: '适用组织',
                key: 'orgs',
                render: (_: unknown, o) =>
                  `${o.orgKindLabels.join('、')}${o.requiresCommittee ? '（设支委会的）' : ''}`,
              },
              { title: '领域', key: 'sectors', render: (_: unknown, o) => o.sectorLabels?.join('、') ?? '全部领域' },
              { title: '执行日期', dataIndex: 'startsOn', render: (d: string | null) => d ?? '一直执行' },
              ...(canManage
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      width: 110,
                      render: (_: unknown, o: Obligation) => (
                        <Space>
                          <Typography.Link onClick={() => setEditing(o)}>修改</Typography.Link>
                          <Popconfirm
                            title="确定删除这项要求吗？"
                            okText="删除"
                            cancelText="取消"
                            onConfirm={() => remove.mutateAsync(o)}
                          >
                            <Typography.Link type="danger">删除</Typography.Link>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing ? (
        <ObligationDrawer obligation={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}
