// 督导检查与整改 of the chosen subtree: the figures (found, rectified, in progress, overdue, rate) per round and
// category, and the problems as a table or a kanban by rectification state — filtered, paged on the server.
import { PROBLEM_STATE_LABELS, PROBLEM_STATES, type ProblemState } from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { PageHeader } from '../../ui/page-header';
import { PagedTable } from '../../ui/paged-table';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { ProblemFormDrawer, RoundFormDrawer } from './inspection-forms.drawer';
import {
  type Figures,
  fetchFigures,
  fetchProblems,
  fetchRounds,
  inspectionKeys,
  type Problem,
  type ProblemListQuery,
} from './inspections.api';

export const STATE_COLORS: Record<ProblemState, string> = {
  pending: 'default',
  rectifying: 'processing',
  submitted: 'gold',
  accepted: 'green',
};

const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

function StateTag({ p }: { p: Problem }) {
  return (
    <Space size={4}>
      <Tag color={STATE_COLORS[p.state]}>{p.stateLabel}</Tag>
      {p.overdue ? <Tag color="red">逾期</Tag> : null}
    </Space>
  );
}

/** One column of the kanban: the first problems of a state under the same filters. */
function KanbanColumn({
  base,
  state,
  href,
}: {
  base: ProblemListQuery;
  state: ProblemState;
  href: (p: Problem) => string;
}) {
  const q = { ...base, state, page: 1, pageSize: 20 };
  const query = useQuery({ queryKey: inspectionKeys.problems(q), queryFn: ({ signal }) => fetchProblems(q, signal) });
  return (
    <Card
      size="small"
      title={`${PROBLEM_STATE_LABELS[state]}（${query.data?.total ?? '…'}）`}
      style={{ height: '100%' }}
    >
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <List<Problem>
          size="small"
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Link to={href(p)}>{p.description}</Link>
                <Typography.Text type="secondary">
                  {p.orgName} · 期限 {p.deadline} {p.overdue ? <Tag color="red">逾期</Tag> : null}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 下载通报 of a round: the .docx the server writes from the round's problems in this user's scope. */
function NoticeButton({ round }: { round: { id: number; title: string } }) {
  return (
    <DownloadButton
      path={`/api/inspections/rounds/${round.id}/notice.docx`}
      fileName={`关于${round.title}情况的通报.docx`}
      label="下载通报"
      testId="round-notice"
    />
  );
}

export function ProblemsPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { params, page, pageSize, set, pagination } = useUrlFilters();
  const auth = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<'round' | 'problem' | null>(null);
  const state = params.get('state');
  const roundId = Number(params.get('roundId')) || undefined;
  const view = params.get('view') === 'kanban' ? 'kanban' : 'table';
  const q: ProblemListQuery = {
    orgId: orgId ?? 0,
    roundId,
    state: (PROBLEM_STATES as readonly string[]).includes(state ?? '') ? (state as ProblemState) : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    page,
    pageSize,
  };
  const rounds = useQuery({
    queryKey: inspectionKeys.rounds(orgId ?? 0),
    queryFn: () => fetchRounds(orgId!),
    enabled: Boolean(orgId),
  });
  const figures = useQuery({
    queryKey: inspectionKeys.figures(orgId ?? 0, roundId),
    queryFn: () => fetchFigures(orgId!, roundId),
    enabled: Boolean(orgId),
  });
  const problems = useQuery({
    queryKey: inspectionKeys.problems(q),
    queryFn: ({ signal }) => fetchProblems(q, signal),
    enabled: Boolean(orgId) && view === 'table',
    placeholderData: keepPreviousData,
  });
  const href = (p: Problem) => scopedHref(`/inspections/problems/${p.id}`, orgId);
  const t = figures.data?.total;
  const figureColumns = [
    { title: '发现问题', dataIndex: 'found', width: 90 },
    { title: '整改到位', dataIndex: 'rectified', width: 90 },
    { title: '正在整改', dataIndex: 'inProgress', width: 90 },
    { title: '逾期', dataIndex: 'overdue', width: 70 },
    { title: '整改率', dataIndex: 'rate', width: 80, render: rateText },
  ];

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '督导整改', path: '/inspections' })}
        title="督导检查与整改"
        tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级</Typography.Text> : null}
        extra={
          auth.can('inspections:verify') ? (
            <>
              <Button onClick={() => setCreating('round')}>新建检查轮次</Button>
              <Button
                type="primary"
                disabled={!rounds.data?.items.length}
                onClick={() => setCreating('problem')}
                data-testid="problem-create"
              >
                记录问题
              </Button>
            </>
          ) : null
        }
      />
      {figures.isError ? <ErrorState error={figures.error} onRetry={() => void figures.refetch()} /> : null}
      <Card size="small" style={{ marginBottom: 12 }} loading={figures.isPending}>
        <Row gutter={[16, 8]}>
          {(
            [
              ['发现问题', t?.found],
              ['整改到位', t?.rectified],
              ['正在整改', t?.inProgress],
              ['逾期未改', t?.overdue],
            ] as const
          ).map(([title, value]) => (
            <Col key={title} xs={12} sm={6} md={4}>
              <Statistic title={title} value={value ?? 0} />
            </Col>
          ))}
          <Col xs={12} sm={6} md={4}>
            <Statistic title="整改率" value={rateText(t?.rate ?? null)} />
          </Col>
        </Row>
      </Card>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按轮次">
            <Table<Figures & { roundId: number; title: string }>
              size="small"
              rowKey="roundId"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={figures.data?.byRound ?? []}
              columns={[{ title: '检查轮次', dataIndex: 'title' }, ...figureColumns]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按问题类别" style={{ marginBottom: 12 }}>
            <Table<Figures & { label: string }>
              size="small"
              rowKey="label"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={figures.data?.byCategory ?? []}
              columns={[{ title: '类别', dataIndex: 'label' }, ...figureColumns]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title="按下级组织">
            <Table<Figures & { orgId: number; orgName: string }>
              size="small"
              rowKey="orgId"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={figures.data?.byOrg ?? []}
              columns={[{ title: '党组织', dataIndex: 'orgName' }, ...figureColumns]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder="检查轮次"
            value={roundId}
            loading={rounds.isPending}
            onChange={(v) => set({ roundId: v ? String(v) : null, page: null })}
            options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.kindLabel}）` }))}
            style={{ width: 280, maxWidth: '100%' }}
          />
          {view === 'table' ? (
            <Select
              allowClear
              placeholder="整改状态"
              value={q.state}
              onChange={(v) => set({ state: v ?? null, page: null })}
              options={PROBLEM_STATES.map((s) => ({ value: s, label: PROBLEM_STATE_LABELS[s] }))}
              style={{ width: 130 }}
            />
          ) : null}
          <Space>
            <Switch
              checked={q.overdue === 'true'}
              onChange={(on) => set({ overdue: on ? 'true' : null, page: null })}
            />
            <span>只看逾期</span>
          </Space>
          {roundId !== undefined ? (
            <NoticeButton
              round={{ id: roundId, title: rounds.data?.items.find((r) => r.id === roundId)?.title ?? '' }}
            />
          ) : null}
          <DownloadButton
            path="/api/problems/export"
            fileName={`督导问题清单-${org.data?.name ?? ''}.xlsx`}
            query={{
              orgId: q.orgId,
              roundId: q.roundId,
              state: view === 'table' ? q.state : undefined,
              overdue: q.overdue,
            }}
            disabled={!orgId}
          />
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'kanban' ? 'kanban' : null, page: null })}
            options={[
              { value: 'table', label: '表格' },
              { value: 'kanban', label: '看板' },
            ]}
          />
        </Space>
      </Card>
      {view === 'kanban' ? (
        <Row gutter={[12, 12]}>
          {PROBLEM_STATES.map((s) => (
            <Col key={s} xs={24} md={12} xl={6}>
              <KanbanColumn base={q} state={s} href={href} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card size="small">
          <PagedTable<Problem>
            query={problems}
            pagination={{ ...pagination, showTotal: (n) => `共 ${n} 条` }}
            empty={<EmptyState description="暂无督导发现的问题" />}
            columns={[
              { title: '问题', dataIndex: 'description', render: (d: string, p) => <Link to={href(p)}>{d}</Link> },
              { title: '党组织', dataIndex: 'orgName', width: 180 },
              { title: '类别', dataIndex: 'categoryLabel', width: 110, responsive: ['md'] },
              { title: '程度', dataIndex: 'severityLabel', width: 70, responsive: ['lg'] },
              { title: '轮次', dataIndex: 'roundTitle', responsive: ['xl'] },
              { title: '整改期限', dataIndex: 'deadline', width: 110 },
              { title: '状态', dataIndex: 'state', width: 150, render: (_s: ProblemState, p) => <StateTag p={p} /> },
            ]}
          />
        </Card>
      )}
      {creating === 'round' ? <RoundFormDrawer orgId={orgId ?? undefined} onClose={() => setCreating(null)} /> : null}
      {creating === 'problem' ? (
        <ProblemFormDrawer
          rounds={rounds.data?.items ?? []}
          roundId={roundId}
          onClose={() => setCreating(null)}
          onSaved={(saved) => navigate(scopedHref(`/inspections/problems/${saved.id}`, orgId))}
        />
      ) : null}
    </div>
  );
}
