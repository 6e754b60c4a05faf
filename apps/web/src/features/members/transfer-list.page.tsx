// 组织关系转接: incoming (accept / reject) and outgoing (cancel) transfers of the chosen subtree.
import {
  TRANSFER_KIND_LABELS,
  TRANSFER_KINDS,
  TRANSFER_STATE_LABELS,
  TRANSFER_STATES,
  type TransferKind,
  type TransferState,
} from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgKeys } from '../orgs/orgs.api';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { decideTransfer, fetchTransfers, memberKeys, type Transfer, type TransferListQuery } from './members.api';

const STATE_COLORS: Record<TransferState, string> = {
  pending: 'processing',
  completed: 'success',
  rejected: 'error',
  cancelled: 'default',
};

type Decision = 'accept' | 'reject' | 'cancel';
const DECISION_LABELS: Record<Decision, string> = { accept: '接收', reject: '退回', cancel: '撤销' };

export function TransferListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const direction = params.get('direction') === 'out' ? 'out' : 'in';
  const stateRaw = params.get('state') ?? 'pending';
  const state = (TRANSFER_STATES as readonly string[]).includes(stateRaw) ? (stateRaw as TransferState) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const kindRaw = params.get('kind');
  const kind = (TRANSFER_KINDS as readonly string[]).includes(kindRaw ?? '') ? (kindRaw as TransferKind) : undefined;
  const q: TransferListQuery = { orgId: orgId ?? undefined, direction, state, kind, page, pageSize: 20 };
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: memberKeys.transfers(q),
    queryFn: () => fetchTransfers(q),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const [deciding, setDeciding] = useState<{ transfer: Transfer; decision: Decision } | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: Decision; reason: string | null }) =>
      decideTransfer(v.id, v.decision, v.reason),
    onSuccess: (t, v) => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      message.success(`已${DECISION_LABELS[v.decision]}：${t.memberName}`);
      setDeciding(null);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const canTransfer = auth.canAt('members:transfer', orgChainOf(org.data));

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    next.delete('page');
    if (changes.page) next.set('page', changes.page);
    setParams(next);
  };

  const actions = (t: Transfer) => {
    if (t.kind !== 'internal' || t.state !== 'pending' || !canTransfer) return null;
    if (direction === 'in') {
      return (
        <Space size={4}>
          <Popconfirm
            title={`接收 ${t.memberName} 的组织关系？`}
            description={`接收后该党员将计入 ${t.toOrgName}。`}
            okText="接收"
            cancelText="取消"
            onConfirm={() => decide.mutate({ id: t.id, decision: 'accept', reason: null })}
          >
            <Button size="small" type="primary" loading={decide.isPending && decide.variables?.id === t.id}>
              接收
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setDeciding({ transfer: t, decision: 'reject' })}>
            退回
          </Button>
        </Space>
      );
    }
    return (
      <Button size="small" onClick={() => setDeciding({ transfer: t, decision: 'cancel' })}>
        撤销
      </Button>
    );
  };

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '组织关系转接', path: '/transfers' })}
        title="组织关系转接"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级</Typography.Text> : null}
        extra={
          canTransfer && orgId ? (
            <Button onClick={() => navigate(scopedHref('/members/transfer-in', orgId))} data-testid="transfer-in">
              从系统外转入
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Tabs
          activeKey={direction}
          onChange={(k) => set({ direction: k })}
          items={[
            { key: 'in', label: '转入（待我方接收）' },
            { key: 'out', label: '转出（我方发起）' },
          ]}
        />
        <Segmented
          value={state ?? 'all'}
          onChange={(v) => set({ state: String(v) })}
          options={[
            ...TRANSFER_STATES.map((s) => ({ value: s, label: TRANSFER_STATE_LABELS[s] })),
            { value: 'all', label: '全部' },
          ]}
          style={{ marginBottom: 12, marginRight: 12 }}
        />
        <Segmented
          value={kind ?? 'all'}
          onChange={(v) => set({ kind: v === 'all' ? null : String(v) })}
          options={[
            { value: 'all', label: '全部类别' },
            ...TRANSFER_KINDS.filter((k) => k !== (direction === 'in' ? 'external_out' : 'external_in')).map((k) => ({
              value: k,
              label: TRANSFER_KIND_LABELS[k],
            })),
          ]}
          style={{ marginBottom: 12 }}
        />
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Transfer>
            rowKey={(t) => `${t.kind}-${t.id}`}
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '党员',
                dataIndex: 'memberName',
                fixed: 'left',
                render: (n: string, t) => <Link to={`/members/${t.memberId}`}>{n}</Link>,
              },
              {
                title: '类别',
                dataIndex: 'kind',
                render: (k: TransferKind) => (
                  <Tag color={k === 'internal' ? 'blue' : 'purple'}>{TRANSFER_KIND_LABELS[k]}</Tag>
                ),
              },
              { title: '转出组织', dataIndex: 'fromOrgName' },
              { title: '转入组织', dataIndex: 'toOrgName' },
              { title: '介绍信编号', dataIndex: 'letterNo', render: (v: string | null) => v ?? '—' },
              { title: '转接原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
              { title: '发起时间', dataIndex: 'requestedAt', render: formatDateTime },
              {
                title: '状态',
                dataIndex: 'state',
                render: (s: TransferState) => <Tag color={STATE_COLORS[s]}>{TRANSFER_STATE_LABELS[s]}</Tag>,
              },
              {
                title: '处理',
                key: 'decided',
                render: (_: unknown, t) =>
                  t.decidedAt ? (
                    <span>
                      {formatDateTime(t.decidedAt)}
                      {t.decisionReason ? (
                        <Typography.Text type="secondary">（{t.decisionReason}）</Typography.Text>
                      ) : null}
                    </span>
                  ) : (
                    '—'
                  ),
              },
              { title: '操作', key: 'actions', fixed: 'right', render: (_: unknown, t) => actions(t) },
            ]}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p) => set({ page: String(p) }),
            }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <EmptyState
                  description={
                    state === 'pending'
                      ? direction === 'in'
                        ? '没有待接收的转接'
                        : '没有进行中的转出'
                      : '暂无转接记录'
                  }
                  hint={direction === 'out' ? '在党员详情页点击“组织关系转出”发起转接' : undefined}
                />
              ),
            }}
          />
        )}
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding ? `${DECISION_LABELS[deciding.decision]}转接：${deciding.transfer.memberName}` : ''}
        okText={deciding ? `确定${DECISION_LABELS[deciding.decision]}` : '确定'}
        okButtonProps={{ danger: deciding?.decision === 'reject' }}
        cancelText="取消"
        confirmLoading={decide.isPending}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {deciding ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${deciding.transfer.fromOrgName} → ${deciding.transfer.toOrgName}`}
            description={
              deciding.decision === 'reject' ? '退回后党员仍留在转出组织。' : '撤销后党员仍留在本组织，可重新发起转接。'
            }
          />
        ) : null}
        <Form
          form={form}
          preserve={false}
          layout="vertical"
          onFinish={(v) =>
            deciding &&
            decide.mutate({ id: deciding.transfer.id, decision: deciding.decision, reason: v.reason?.trim() || null })
          }
        >
          <Form.Item
            name="reason"
            label={deciding?.decision === 'reject' ? '退回原因' : '说明'}
            rules={
              deciding?.decision === 'reject'
                ? [{ required: true, whitespace: true, message: '请填写退回原因' }]
                : [{ max: 200, message: '说明不能超过200个字' }]
            }
          >
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
