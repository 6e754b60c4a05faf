// A member's dues: the base in force and its history, arrears, month by month what was due and paid, the payments
// (edit receipt/note is not offered here: a wrong entry is removed, 冲销, and recorded again), and the forms.
import { DUES_ARREARS_FLAG_MONTHS } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { type DuesBase, type DuesPayment, deletePayment, duesKeys, fetchMemberDues, type MemberDues } from './dues.api';
import { DuesBaseDrawer, DuesPaymentDrawer } from './dues-forms';

const money = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const thisMonth = dayjs().format('YYYY-MM');

function ArrearsSummary({ dues }: { dues: MemberDues }) {
  const a = dues.arrears;
  if (!a) return <Alert type="warning" showIcon message="尚未登记党费基数，登记后开始计算应交党费。" />;
  if (a.total === 0) return <Alert type="success" showIcon message={`截至 ${dues.upTo} 已交清`} />;
  return (
    <Alert
      type={a.flagged ? 'error' : 'warning'}
      showIcon
      message={
        a.flagged
          ? `欠缴 ${a.total} 个月，最长连续 ${a.longestConsecutive} 个月（达到${DUES_ARREARS_FLAG_MONTHS}个月）`
          : `欠缴 ${a.total} 个月`
      }
      description={`截至 ${dues.upTo}：${a.unpaidMonths.join('、')}`}
    />
  );
}

export function MemberDuesPage() {
  const id = Number(useParams().id);
  const auth = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: duesKeys.member(id), queryFn: ({ signal }) => fetchMemberDues(id, signal) });
  const d = query.data;
  const org = useOrg(d?.member.orgId);
  const canWrite = org.data ? auth.canAt('dues:write', orgChainOf(org.data)) : false;
  const [baseForm, setBaseForm] = useState<DuesBase | 'new' | null>(null);
  const [paying, setPaying] = useState(false);
  const remove = useMutation({
    mutationFn: (p: DuesPayment) => deletePayment(p.id, p.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: duesKeys.all });
      message.success('已冲销');
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        message.error('记录已被他人修改，已刷新');
        void queryClient.invalidateQueries({ queryKey: duesKeys.member(id) });
      } else message.error(errorMessage(e));
    },
  });

  if (query.isPending) return <PageLoading />;
  if (query.isError || !d) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { title: <Link to={scopedHref('/dues', d.member.orgId)}>党费管理</Link> },
          { title: <Link to={scopedHref(`/members/${d.member.id}`, d.member.orgId)}>{d.member.name}</Link> },
          { title: '党费' },
        ]}
        title={`${d.member.name}的党费`}
        tags={<Typography.Text type="secondary">{d.member.orgName}</Typography.Text>}
        extra={
          canWrite ? (
            <>
              <Button onClick={() => setBaseForm('new')} data-testid="dues-base-new">
                调整基数
              </Button>
              <Button type="primary" onClick={() => setPaying(true)} data-testid="dues-pay">
                登记交纳
              </Button>
            </>
          ) : null
        }
      />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <ArrearsSummary dues={d} />
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={10}>
            <Card size="small" title="当前基数">
              {d.current ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="类别">{d.current.categoryLabel}</Descriptions.Item>
                  <Descriptions.Item label="计算基数">
                    {d.current.base === null ? '—' : `${money(d.current.base)} 元`}
                  </Descriptions.Item>
                  <Descriptions.Item label="每月交纳">
                    <strong>{money(d.current.monthly)}</strong> 元
                    {d.current.rate !== null ? `（${(d.current.rate * 100).toFixed(1)}%）` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label="起始月份">{d.current.fromMonth}</Descriptions.Item>
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">未登记</Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title="基数记录">
              <Table<DuesBase>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={d.bases}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: '期间',
                    key: 'period',
                    render: (_: unknown, b) => `${b.fromMonth} 至 ${b.untilMonth ? `${b.untilMonth}前` : '今'}`,
                  },
                  { title: '类别', dataIndex: 'categoryLabel' },
                  { title: '基数（元）', dataIndex: 'base', align: 'right', render: money },
                  { title: '月交（元）', dataIndex: 'monthly', align: 'right', render: money },
                  { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
                  ...(canWrite
                    ? [
                        {
                          title: '操作',
                          key: 'edit',
                          render: (_: unknown, b: DuesBase) => (
                            <Typography.Link onClick={() => setBaseForm(b)}>更正</Typography.Link>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          </Col>
        </Row>
        <Card size="small" title="逐月交纳情况">
          <Table
            size="small"
            rowKey="month"
            // Months to come only once paid (预交); the payment form offers them all.
            dataSource={d.schedule.filter((s) => s.month <= thisMonth || s.paid !== null)}
            pagination={{ pageSize: 12, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '应交（元）', dataIndex: 'due', align: 'right', render: money },
              { title: '已交（元）', dataIndex: 'paid', align: 'right', render: money },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, s: MemberDues['schedule'][number]) =>
                  s.paid !== null ? (
                    <Tag color="green">已交</Tag>
                  ) : s.owed ? (
                    <Tag color="red">欠缴</Tag>
                  ) : s.due === null ? (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ) : (
                    <Tag>未到期</Tag>
                  ),
              },
            ]}
          />
        </Card>
        <Card size="small" title="交纳记录">
          <Table<DuesPayment>
            size="small"
            rowKey="id"
            dataSource={d.payments}
            pagination={{ pageSize: 12, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '暂无交纳记录' }}
            columns={[
              { title: '月份', dataIndex: 'month' },
              { title: '金额（元）', dataIndex: 'amount', align: 'right', render: money },
              { title: '交纳日期', dataIndex: 'paidOn' },
              {
                title: '交纳方式',
                key: 'payer',
                render: (_: unknown, p) => (p.payer === 'proxy' ? `代交（${p.payerName ?? ''}）` : '本人'),
              },
              { title: '收据号', dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
              { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '' },
              ...(canWrite
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, p: DuesPayment) => (
                        <Popconfirm
                          title={`冲销 ${p.month} 的交纳记录？`}
                          description="误登的记录冲销后可重新登记，审计日志保留原记录。"
                          onConfirm={() => remove.mutate(p)}
                        >
                          <Typography.Link type="danger" disabled={remove.isPending}>
                            冲销
                          </Typography.Link>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      {baseForm ? (
        <DuesBaseDrawer
          memberId={d.member.id}
          base={baseForm === 'new' ? null : baseForm}
          inForce={d.current}
          onClose={() => setBaseForm(null)}
        />
      ) : null}
      {paying ? <DuesPaymentDrawer dues={d} onClose={() => setPaying(false)} /> : null}
    </div>
  );
}
