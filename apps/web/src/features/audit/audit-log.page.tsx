// 审计日志: every write and PII reveal, filtered by user, record, action and dates; each row expands to a
// before/after diff; 校验哈希链 recomputes the chain on the server.
import { CheckCircleFilled, CloseCircleFilled, SafetyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref } from '../../app/org-scope';
import { ChangeDiff } from '../../ui/change-diff';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useIsPhone } from '../../ui/use-is-mobile';
import { type AuditQuery, type AuditRow, auditKeys, fetchAudit, verifyAuditChain } from './audit.api';
import { ACTION_LABELS, ENTITY_LABELS, fieldLabel, formatAuditValue } from './audit-labels';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  close: 'red',
  move: 'geekblue',
  reveal: 'orange',
  login_failed: 'red',
  reset_password: 'magenta',
};

function num(v: string | null): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function EntityCell({ row }: { row: AuditRow }) {
  const label = ENTITY_LABELS[row.entity] ?? row.entity;
  if (row.entityId === null) return <span>{label}</span>;
  const href =
    row.entity === 'member'
      ? `/members/${row.entityId}`
      : row.entity === 'org'
        ? scopedHref('/orgs', row.entityId)
        : null;
  return (
    <span>
      {label}{' '}
      {href ? (
        <Link to={href}>#{row.entityId}</Link>
      ) : (
        <Typography.Text type="secondary">#{row.entityId}</Typography.Text>
      )}
    </span>
  );
}

export function AuditLogPage() {
  const auth = useAuth();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const q: AuditQuery = {
    userId: num(params.get('userId')),
    entity: params.get('entity') || undefined,
    entityId: num(params.get('entityId')),
    action: params.get('action') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    page: num(params.get('page')) ?? 1,
    pageSize: num(params.get('pageSize')) ?? 20,
  };
  const list = useQuery({
    queryKey: auditKeys.list(q),
    queryFn: ({ signal }) => fetchAudit(q, signal),
    placeholderData: keepPreviousData,
    enabled: auth.can('audit:read'),
  });
  const verify = useMutation({ mutationFn: verifyAuditChain });

  const set = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  if (!auth.can('audit:read')) return <ErrorState error={{ status: 403, message: '您没有查看审计日志的权限' }} />;
  const filtered = Boolean(q.userId || q.entity || q.entityId || q.action || q.from || q.to);

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'sys', title: '系统管理' },
          { key: 'audit', title: '审计日志' },
        ]}
        title="审计日志"
        extra={
          <Button
            icon={<SafetyOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            校验哈希链
          </Button>
        }
      />
      {verify.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable
          onClose={() => verify.reset()}
          type={verify.data.ok ? 'success' : 'error'}
          icon={verify.data.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
          message={verify.data.ok ? '哈希链完整' : '哈希链校验失败'}
          description={
            verify.data.ok
              ? `已逐条校验 ${verify.data.checked.toLocaleString('zh-CN')} 条日志，内容与链上哈希一致，未发现篡改。`
              : `在第 ${verify.data.checked.toLocaleString('zh-CN')} 条（日志编号 ${verify.data.firstBrokenId}）发现哈希不一致，该条及其后的日志可能被修改或删除，请立即报告系统管理员。`
          }
          data-testid="audit-verify-result"
        />
      ) : verify.isError ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          message="校验未完成"
          description={errorMessage(verify.error)}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Row gutter={[12, 0]}>
            <Col xs={12} md={6} xl={3}>
              <Form.Item label="操作人编号" style={{ marginBottom: 8 }}>
                <InputNumber
                  min={1}
                  style={{ width: '100%' }}
                  value={q.userId ?? null}
                  onChange={(v) => set({ userId: v ?? undefined })}
                  placeholder="用户编号"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label="操作" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  placeholder="全部"
                  value={q.action ?? null}
                  onChange={(v: string | null | undefined) => set({ action: v })}
                  options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Form.Item label="对象类型" style={{ marginBottom: 8 }}>
                <Select
                  allowClear
                  placeholder="全部"
                  value={q.entity ?? null}
                  onChange={(v: string | null | undefined) => set({ entity: v })}
                  options={Object.entries(ENTITY_LABELS)
                    .filter(([k]) => k !== 'transfer')
                    .map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Form.Item label="对象编号" style={{ marginBottom: 8 }}>
                <InputNumber
                  min={1}
                  style={{ width: '100%' }}
                  value={q.entityId ?? null}
                  onChange={(v) => set({ entityId: v ?? undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item label="日期范围" style={{ marginBottom: 8 }}>
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  allowEmpty={[true, true]}
                  value={[q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null]}
                  onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 8 }}>
              <Button
                disabled={!filtered}
                onClick={() => set({ userId: null, action: null, entity: null, entityId: null, from: null, to: null })}
              >
                清除筛选
              </Button>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card size="small" styles={{ body: { padding: phone ? 0 : undefined } }}>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AuditRow>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '编号', dataIndex: 'id', width: 80 },
              { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
              {
                title: '操作人',
                key: 'user',
                render: (_: unknown, r) =>
                  r.userId ? (
                    <Tooltip title="只看此人的操作">
                      <Typography.Link onClick={() => set({ userId: r.userId })}>
                        {r.username ?? '—'} <Typography.Text type="secondary">#{r.userId}</Typography.Text>
                      </Typography.Link>
                    </Tooltip>
                  ) : (
                    <span>{r.username ?? '系统'}</span>
                  ),
              },
              {
                title: '操作',
                dataIndex: 'action',
                render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{ACTION_LABELS[a] ?? a}</Tag>,
              },
              { title: '对象', key: 'entity', render: (_: unknown, r) => <EntityCell row={r} /> },
              { title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
              {
                title: '哈希',
                dataIndex: 'hash',
                render: (h: string) => (
                  <Tooltip title={h}>
                    <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {h.slice(0, 10)}…
                    </Typography.Text>
                  </Tooltip>
                ),
              },
            ]}
            expandable={{
              rowExpandable: (r) => Boolean(r.before || r.after),
              expandedRowRender: (r) => (
                <div style={{ maxWidth: 900 }}>
                  <ChangeDiff before={r.before} after={r.after} labelOf={fieldLabel} format={formatAuditValue} />
                </div>
              ),
            }}
            pagination={{
              current: q.page,
              pageSize: q.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条`,
              onChange: (p, ps) => set({ page: p, pageSize: ps }, false),
            }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <EmptyState description="没有符合条件的日志" hint={filtered ? '请调整筛选条件' : undefined} />
              ),
            }}
          />
        )}
      </Card>
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          审计日志只可追加、不可修改；每条日志的哈希包含上一条的哈希，任何修改或删除都会在校验时被发现。
        </Typography.Text>
      </Space>
    </div>
  );
}
