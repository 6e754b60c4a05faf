// 发展党员 of the chosen subtree: headcount per stage (with due and overdue), the list filtered by stage, name or
// pinyin and "due", paged and sorted on the server; register a new applicant.
import {
  DEVELOPMENT_DUE_WARNING_DAYS,
  DEVELOPMENT_RECORD_STAGE_LABELS,
  DEVELOPMENT_RECORD_STAGES,
  DEVELOPMENT_SORTS,
  type DevelopmentRecordStage,
} from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import {
  type DevelopmentListQuery,
  type DevelopmentRecord,
  developmentKeys,
  fetchDevelopmentList,
  fetchPipeline,
} from './development.api';
import { DevelopmentCreateDrawer } from './development-create.drawer';
import { DevelopmentStageTag, DueDate } from './development-stage-tag';

const SORT_LABELS: Record<(typeof DEVELOPMENT_SORTS)[number], string> = {
  name: '姓名',
  '-name': '姓名（倒序）',
  stageSince: '在此阶段最久',
  '-stageSince': '在此阶段最短',
  nextDueDate: '期限最近',
  '-nextDueDate': '期限最远',
};

export function DevelopmentPipelinePage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const stageParam = params.get('stage') ?? '';
  const sortParam = params.get('sort') ?? '';
  const q: DevelopmentListQuery = {
    orgId: orgId ?? 0,
    q: params.get('q') ?? undefined,
    stage: (DEVELOPMENT_RECORD_STAGES as readonly string[]).includes(stageParam)
      ? (stageParam as DevelopmentRecordStage)
      : undefined,
    due: params.get('due') === 'true' ? 'true' : undefined,
    sort: (DEVELOPMENT_SORTS as readonly string[]).includes(sortParam)
      ? (sortParam as DevelopmentListQuery['sort'])
      : 'name',
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: developmentKeys.list(q),
    queryFn: ({ signal }) => fetchDevelopmentList(q, signal),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const pipeline = useQuery({
    queryKey: developmentKeys.pipeline(orgId ?? 0),
    queryFn: ({ signal }) => fetchPipeline(orgId!, signal),
    enabled: Boolean(orgId),
  });
  const canWrite = org.data ? auth.canAt('development:write', orgChainOf(org.data)) : false;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '发展党员', path: '/development' })}
        title="发展党员"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级组织</Typography.Text> : null}
        extra={
          canWrite && orgId ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="development-create">
              登记入党申请
            </Button>
          ) : null
        }
      />
      {pipeline.isError ? (
        <ErrorState error={pipeline.error} onRetry={() => void pipeline.refetch()} />
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="development-stages">
          {(pipeline.data?.stages ?? [])
            .filter((s) => s.stage !== 'cancelled' || s.count > 0)
            .map((s) => (
              <Col key={s.stage} xs={12} sm={8} lg={4}>
                <Card
                  size="small"
                  hoverable
                  loading={pipeline.isPending}
                  onClick={() => set({ stage: q.stage === s.stage ? null : s.stage, page: null })}
                  style={q.stage === s.stage ? { borderColor: '#c41d1d' } : undefined}
                >
                  <Statistic title={DEVELOPMENT_RECORD_STAGE_LABELS[s.stage]} value={s.count} suffix="人" />
                  <Typography.Text type={s.overdue > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    到期 {s.due} · 逾期 {s.overdue}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
        </Row>
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="姓名或拼音首字母"
            defaultValue={q.q}
            onSearch={(v) => set({ q: v.trim(), page: null })}
            style={{ width: 220 }}
            data-testid="development-search"
          />
          <Select
            allowClear
            placeholder="发展阶段"
            value={q.stage}
            onChange={(v) => set({ stage: v ?? null, page: null })}
            options={DEVELOPMENT_RECORD_STAGES.map((s) => ({ value: s, label: DEVELOPMENT_RECORD_STAGE_LABELS[s] }))}
            style={{ width: 170 }}
          />
          <Select
            value={q.sort}
            onChange={(v) => set({ sort: v === 'name' ? null : v, page: null })}
            options={DEVELOPMENT_SORTS.map((s) => ({ value: s, label: `排序：${SORT_LABELS[s]}` }))}
            style={{ width: 170 }}
          />
          <Space>
            <Switch checked={q.due === 'true'} onChange={(on) => set({ due: on ? 'true' : null, page: null })} />
            <span>只看{DEVELOPMENT_DUE_WARNING_DAYS}天内到期和逾期</span>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <PagedTable<DevelopmentRecord>
          query={list}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string, r) => (
                <Link to={scopedHref(`/development/${r.id}`, orgId)} data-testid="development-open">
                  {name}
                </Link>
              ),
            },
            { title: '所在组织', dataIndex: 'orgName' },
            {
              title: '阶段',
              dataIndex: 'stage',
              render: (_: unknown, r) => <DevelopmentStageTag stage={r.stage} label={r.stageLabel} />,
            },
            {
              title: '在此阶段',
              dataIndex: 'daysInStage',
              align: 'right',
              render: (d: number, r) => <span title={`自${r.stageSince}起`}>{d}天</span>,
            },
            { title: '下一步', dataIndex: 'nextStepLabel', render: (s: string | null) => s ?? '已完成' },
            {
              title: '期限',
              dataIndex: 'nextDueDate',
              render: (_: unknown, r) => <DueDate date={r.nextDueDate} due={r.due} overdue={r.overdue} />,
            },
            {
              title: '最早可办',
              dataIndex: 'nextEarliestDate',
              render: (d: string | null) => d ?? '—',
            },
          ]}
          pagination={{ ...pagination, showSizeChanger: true, showTotal: (t) => `共 ${t} 人` }}
          empty={
            <EmptyState
              description="暂无发展党员记录"
              hint={q.due ? '没有到期或逾期的发展步骤' : canWrite ? '可点击“登记入党申请”登记' : undefined}
            />
          }
        />
      </Card>
      {creating && orgId ? <DevelopmentCreateDrawer orgId={orgId} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
