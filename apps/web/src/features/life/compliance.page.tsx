// 组织生活完成情况 of the chosen org's subtree for a period: per meeting kind (orgs owing, met, short, exempt), per
// child org, and the orgs themselves (shortfalls first) with each kind's held/expected in its status colour.
import {
  addDays,
  COMPLIANCE_STATUS_LABELS,
  type ComplianceStatus,
  MEETING_KIND_LABELS,
  periodLabel,
  periodOf,
  todayIso,
} from '@grassroots/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { type Compliance, fetchCompliance, lifeKeys, type Tally } from './life.api';

export const STATUS_COLORS: Record<ComplianceStatus, string> = {
  met: 'green',
  short: 'red',
  in_progress: 'blue',
  exempt: 'default',
  not_applicable: 'default',
};

/** The current and recent periods: quarters, years and months. */
function periodOptions() {
  const today = todayIso();
  const back = (cycle: 'year' | 'quarter' | 'month', n: number) => {
    const out = [periodOf(cycle, today)];
    for (let i = 1; i < n; i++) {
      const prev = out[i - 1]!;
      out.push(periodOf(cycle, addDays(prev.start, -1)));
    }
    return out.map((p) => ({ value: p.key, label: periodLabel(p) }));
  };
  return [
    { label: '季度', options: back('quarter', 6) },
    { label: '年度', options: back('year', 3) },
    { label: '月份', options: back('month', 12) },
  ];
}

const rate = (t: Tally) => (t.owing - t.exempt > 0 ? Math.round((t.met / (t.owing - t.exempt)) * 100) : 100);

function TallyTags({ t }: { t: Tally }) {
  return (
    <Space size={4} wrap>
      <Tag color="green">完成 {t.met}</Tag>
      {t.short ? <Tag color="red">未完成 {t.short}</Tag> : null}
      {t.in_progress ? <Tag color="blue">进行中 {t.in_progress}</Tag> : null}
      {t.exempt ? <Tag>免于考核 {t.exempt}</Tag> : null}
    </Space>
  );
}

export function CompliancePage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { params, page, set } = useUrlFilters();
  const period = params.get('period') || periodOf('quarter', todayIso()).key;
  const status = params.get('status') || undefined;
  const query = useQuery({
    queryKey: lifeKeys.compliance(orgId ?? 0, period, status, page),
    queryFn: () => fetchCompliance(orgId!, period, status, page),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  type OrgItem = Compliance['orgs']['items'][number];

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '组织生活完成情况', path: '/life/compliance' })}
        title="组织生活完成情况"
        tags={
          <Select
            value={period}
            onChange={(v) => set({ period: v, page: null })}
            options={periodOptions()}
            style={{ width: 180 }}
            aria-label="期间"
          />
        }
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.kinds.length === 0 ? (
        <Card>
          <EmptyState
            description="本组织及下级没有需要考核的组织生活"
            hint="党支部、联合党支部和党小组按组织生活要求考核"
          />
        </Card>
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            {data.kinds.map((k) => (
              <Col key={k.kind} xs={24} sm={12} lg={8} xl={6}>
                <Card
                  size="small"
                  title={k.label}
                  extra={<Typography.Text type="secondary">{k.owing} 个组织</Typography.Text>}
                >
                  <Progress percent={rate(k)} size="small" status={k.short ? 'exception' : 'normal'} />
                  <TallyTags t={k} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={`下级组织（${data.period.label}）`}>
            <Table
              size="small"
              rowKey="orgId"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.children}
              columns={[
                {
                  title: '组织',
                  dataIndex: 'name',
                  render: (name: string, c) => (
                    <Link to={scopedHref('/life/compliance', c.orgId, { period })}>{name}</Link>
                  ),
                },
                { title: '考核组织数', dataIndex: 'owing', width: 100, align: 'right' },
                {
                  title: '完成率',
                  key: 'rate',
                  width: 160,
                  render: (_: unknown, c) => (
                    <Progress percent={rate(c)} size="small" status={c.short ? 'exception' : 'normal'} />
                  ),
                },
                { title: '情况', key: 'tags', render: (_: unknown, c) => <TallyTags t={c} /> },
              ]}
            />
          </Card>
          <Card
            size="small"
            title="各党组织"
            extra={
              <Select
                allowClear
                placeholder="完成情况"
                value={status}
                onChange={(v) => set({ status: v ?? null, page: null })}
                options={(['short', 'in_progress', 'met', 'exempt'] as const).map((s) => ({
                  value: s,
                  label: COMPLIANCE_STATUS_LABELS[s],
                }))}
                style={{ width: 130 }}
              />
            }
          >
            <Table<OrgItem>
              size="small"
              rowKey="orgId"
              loading={query.isFetching}
              scroll={{ x: 'max-content' }}
              dataSource={data.orgs.items}
              columns={[
                {
                  title: '党组织',
                  dataIndex: 'name',
                  render: (name: string, o) => <Link to={scopedHref('/life/meetings', o.orgId)}>{name}</Link>,
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 90,
                  render: (s: ComplianceStatus) => <Tag color={STATUS_COLORS[s]}>{COMPLIANCE_STATUS_LABELS[s]}</Tag>,
                },
                {
                  title: '各类会议（实开/应开）',
                  key: 'kinds',
                  render: (_: unknown, o) => (
                    <Space size={4} wrap>
                      {o.kinds.map((k) => (
                        <Tooltip
                          key={k.kind}
                          title={k.periods
                            .map(
                              (p) =>
                                `${p.key}：${p.held}/${p.expected} ${COMPLIANCE_STATUS_LABELS[p.status]}${p.reason ? `（${p.reason}）` : ''}`,
                            )
                            .join('；')}
                        >
                          <Tag color={STATUS_COLORS[k.status]}>
                            {MEETING_KIND_LABELS[k.kind]} {k.held}/{k.expected}
                          </Tag>
                        </Tooltip>
                      ))}
                    </Space>
                  ),
                },
              ]}
              pagination={{
                current: page,
                pageSize: 20,
                total: data.orgs.total,
                showTotal: (t) => `共 ${t} 个党组织`,
                onChange: (p) => set({ page: String(p) }),
              }}
              locale={{ emptyText: <EmptyState description="没有符合条件的党组织" /> }}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
