// 数据看板: the chosen org's subtree for a period — KPI cards, member structure, orgs, development, organisational
// life, tasks, rectification, warnings, 12-month trends and the per-child comparison — every figure from the metric
// catalogue (一数一源) and every figure opening the records behind it. 同比 compares with the same period a year
// earlier; 大屏 opens the full-screen display.
import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Switch, Tabs, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSelectedOrgId, useSelectOrg } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, PageLoading } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { ChildrenTable } from './children-table.component';
import type { Period } from './dashboard.api';
import { type Catalogue, useDashboardPeriod, useMetricCatalogue, useMetricValues } from './dashboard.hooks';
import {
  AGE_SLICES,
  DEVELOPMENT_PERIOD_SLICES,
  DEVELOPMENT_STAGE_SLICES,
  EDUCATION_SLICES,
  ETHNICITY_SLICES,
  GENDER_SLICES,
  KPI_SLICES,
  LIFE_RATE_KEY,
  LIFE_SLICES,
  MEETING_KIND_SLICES,
  type MetricSlice,
  OCCUPATION_SLICES,
  ORG_KIND_SLICES,
  RECTIFICATION_RATE_KEY,
  RECTIFICATION_SLICES,
  SECTION_KEYS,
  SECTOR_SLICES,
  TASK_RATE_KEY,
  TASK_SLICES,
  TREND_SLICES,
} from './dashboard-metrics';
import { BreakdownChart, knownSlices, pointsOf, TrendChart } from './metric-charts.component';
import { FigureGrid, KpiCard, RateSummary } from './metric-figures.component';
import { MetricRecordsDrawer, type MetricTarget } from './metric-records.drawer';
import { PeriodPicker } from './period-picker.component';
import { WarningSummary } from './warning-summary.component';
import './dashboard.css';

const KPI_KEYS = KPI_SLICES.map((s) => s.key);

type SectionValues = ReturnType<typeof useMetricValues>;

/** A card of the overview; a part whose values failed shows the error in its place. */
function Panel({
  title,
  section,
  children,
  testId,
}: {
  title: string;
  section?: SectionValues;
  children: ReactNode;
  testId?: string;
}) {
  const failed = section?.query.isError ? section.query : null;
  return (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid={testId}>
      {failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : children}
    </Card>
  );
}

/** Opens the full-screen display, asking the browser for full screen while the click still counts as a gesture. */
function useOpenScreen() {
  const navigate = useNavigate();
  const location = useLocation();
  return () => {
    document.documentElement.requestFullscreen?.().catch(() => undefined);
    const params = new URLSearchParams(location.search);
    params.delete('tab');
    const s = params.toString();
    navigate(`/dashboard/screen${s ? `?${s}` : ''}`);
  };
}

export function DashboardPage() {
  const orgId = useSelectedOrgId();
  const selectOrg = useSelectOrg();
  const org = useOrg(orgId);
  const periodState = useDashboardPeriod();
  const { period, compare } = periodState;
  const { params, set } = useUrlFilters();
  const tab = params.get('tab') === 'children' ? 'children' : 'overview';
  const { query: catalogueQuery, byKey: catalogue } = useMetricCatalogue();
  const [target, setTarget] = useState<MetricTarget | null>(null);
  const openScreen = useOpenScreen();

  const open = (key: string, at: { orgId?: number; period?: Period } = {}) =>
    orgId && setTarget({ key, orgId: at.orgId ?? orgId, period: at.period ?? period });

  const header = (
    <PageHeader
      breadcrumb={orgBreadcrumbItems(org.data, { title: '数据看板', path: '/dashboard' })}
      title="数据看板"
      tags={org.data ? <Typography.Text type="secondary">{org.data.name}及下级组织</Typography.Text> : null}
      extra={
        <>
          <PeriodPicker state={periodState} />
          <Space size={4} style={{ alignItems: 'center' }}>
            <Switch
              checked={compare !== null}
              onChange={periodState.setCompare}
              data-testid="dashboard-yoy"
              aria-label="同比"
            />
            <span>同比</span>
          </Space>
          <Button icon={<FullscreenOutlined />} onClick={openScreen} data-testid="dashboard-screen">
            大屏
          </Button>
        </>
      }
    />
  );

  if (catalogueQuery.isError)
    return (
      <div>
        {header}
        <ErrorState error={catalogueQuery.error} onRetry={() => void catalogueQuery.refetch()} />
      </div>
    );
  if (!orgId || catalogueQuery.isPending)
    return (
      <div>
        {header}
        <PageLoading rows={10} />
      </div>
    );
  if (catalogue.size === 0)
    return (
      <div>
        {header}
        <EmptyState description="没有可查看的指标" hint="您的角色没有可在看板上查看的统计指标" />
      </div>
    );

  return (
    <div>
      {header}
      {compare ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          同比：与去年同期（{compare.from} 至 {compare.to}）相比
        </Typography.Paragraph>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'children' ? 'children' : null })}
        items={[
          {
            key: 'overview',
            label: '总览',
            children: <Overview orgId={orgId} period={period} compare={compare} catalogue={catalogue} onOpen={open} />,
          },
          {
            key: 'children',
            label: <span data-testid="tab-children">各下级对比</span>,
            children: (
              <ChildrenTable
                orgId={orgId}
                period={period}
                compare={compare}
                catalogue={catalogue}
                onOpen={(key, childId) => open(key, { orgId: childId })}
                onSelectOrg={selectOrg}
              />
            ),
          },
        ]}
      />
      <MetricRecordsDrawer target={target} catalogue={catalogue} onClose={() => setTarget(null)} />
    </div>
  );
}

function Overview({
  orgId,
  period,
  compare,
  catalogue,
  onOpen,
}: {
  orgId: number;
  period: Period;
  compare: Period | null;
  catalogue: Catalogue;
  onOpen: (key: string, at?: { period?: Period }) => void;
}) {
  const kpis = useMetricValues(orgId, KPI_KEYS, catalogue, period, compare);
  const members = useMetricValues(orgId, SECTION_KEYS.members, catalogue, period, null);
  const orgs = useMetricValues(orgId, SECTION_KEYS.orgs, catalogue, period, null);
  const development = useMetricValues(orgId, SECTION_KEYS.development, catalogue, period, null);
  const life = useMetricValues(orgId, SECTION_KEYS.life, catalogue, period, null);
  const tasks = useMetricValues(orgId, SECTION_KEYS.tasks, catalogue, period, null);
  const rectification = useMetricValues(orgId, SECTION_KEYS.rectification, catalogue, period, null);
  const openKey = (key: string) => onOpen(key);
  const known = (slices: MetricSlice[]) => knownSlices(slices, catalogue);
  const unitOf = (slices: MetricSlice[]) => catalogue.get(known(slices)[0]?.key ?? '')?.unit;
  const has = (...parts: Array<string | MetricSlice[]>) =>
    parts.some((p) => (typeof p === 'string' ? catalogue.has(p) : known(p).length > 0));

  const chart = (
    title: string,
    slices: MetricSlice[],
    kind: 'pie' | 'bar' | 'hbar',
    section: SectionValues,
    span: { md: number; xl?: number },
    height?: number,
  ) =>
    has(slices) ? (
      <Col xs={24} {...span} key={title}>
        <Panel title={title} section={section}>
          <BreakdownChart
            points={pointsOf(known(slices), section.byKey)}
            kind={kind}
            unit={unitOf(slices)}
            loading={section.query.isPending}
            onOpen={openKey}
            height={height}
            testId={`chart-${title}`}
          />
        </Panel>
      </Col>
    ) : null;
  const rateSummary = (
    title: string,
    testId: string,
    rate: { key: string; label: string },
    slices: MetricSlice[],
    section: SectionValues,
  ) =>
    has(rate.key, slices) ? (
      <Col xs={24} md={12} xl={8}>
        <Panel title={title} section={section} testId={testId}>
          <RateSummary
            rateKey={rate.key}
            rateLabel={rate.label}
            slices={slices}
            catalogue={catalogue}
            values={section.byKey}
            onOpen={openKey}
          />
        </Panel>
      </Col>
    ) : null;
  const kpiSlices = known(KPI_SLICES);
  const trends = known(TREND_SLICES);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {kpis.query.isError ? (
        <ErrorState error={kpis.query.error} onRetry={() => void kpis.query.refetch()} />
      ) : kpiSlices.length > 0 ? (
        <Row gutter={[12, 12]}>
          {kpiSlices.map((s) => (
            <Col key={s.key} xs={12} sm={8} lg={6} xxl={3}>
              <KpiCard
                slice={s}
                catalogue={catalogue}
                value={kpis.byKey.get(s.key)}
                comparing={compare !== null}
                onOpen={openKey}
              />
            </Col>
          ))}
        </Row>
      ) : null}

      <Row gutter={[12, 12]}>
        {chart('性别', GENDER_SLICES, 'pie', members, { md: 12, xl: 8 })}
        {chart('民族', ETHNICITY_SLICES, 'pie', members, { md: 12, xl: 8 })}
        {chart('学历', EDUCATION_SLICES, 'pie', members, { md: 12, xl: 8 })}
        {chart('年龄结构', AGE_SLICES, 'hbar', members, { md: 12 }, 300)}
        {chart('职业', OCCUPATION_SLICES, 'hbar', members, { md: 12 }, 300)}
        {chart('党组织类别', ORG_KIND_SLICES, 'pie', orgs, { md: 12 })}
        {chart('党组织所在领域', SECTOR_SLICES, 'bar', orgs, { md: 12 })}
      </Row>

      <Row gutter={[12, 12]}>
        {has(DEVELOPMENT_STAGE_SLICES, DEVELOPMENT_PERIOD_SLICES) ? (
          <Col xs={24} lg={12}>
            <Panel title="发展党员" section={development} testId="panel-development">
              <FigureGrid
                slices={DEVELOPMENT_PERIOD_SLICES}
                catalogue={catalogue}
                values={development.byKey}
                onOpen={openKey}
              />
              {has(DEVELOPMENT_STAGE_SLICES) ? (
                <BreakdownChart
                  points={pointsOf(known(DEVELOPMENT_STAGE_SLICES), development.byKey)}
                  kind="bar"
                  unit={unitOf(DEVELOPMENT_STAGE_SLICES)}
                  loading={development.query.isPending}
                  onOpen={openKey}
                  height={220}
                />
              ) : null}
            </Panel>
          </Col>
        ) : null}
        {has(LIFE_RATE_KEY, LIFE_SLICES, MEETING_KIND_SLICES) ? (
          <Col xs={24} lg={12}>
            <Panel title="组织生活" section={life} testId="panel-life">
              <RateSummary
                rateKey={LIFE_RATE_KEY}
                rateLabel="达标率"
                slices={LIFE_SLICES}
                catalogue={catalogue}
                values={life.byKey}
                onOpen={openKey}
              />
              {has(MEETING_KIND_SLICES) ? (
                <BreakdownChart
                  points={pointsOf(known(MEETING_KIND_SLICES), life.byKey)}
                  kind="bar"
                  unit={unitOf(MEETING_KIND_SLICES)}
                  loading={life.query.isPending}
                  onOpen={openKey}
                  height={200}
                />
              ) : null}
            </Panel>
          </Col>
        ) : null}
        {rateSummary('任务推进', 'panel-tasks', { key: TASK_RATE_KEY, label: '完成率' }, TASK_SLICES, tasks)}
        {rateSummary(
          '督导整改',
          'panel-rectification',
          { key: RECTIFICATION_RATE_KEY, label: '整改率' },
          RECTIFICATION_SLICES,
          rectification,
        )}
        <Col xs={24} md={12} xl={8}>
          <Panel title="预警清单" testId="panel-warnings">
            <WarningSummary orgId={orgId} />
          </Panel>
        </Col>
      </Row>

      {trends.length > 0 ? (
        <Card size="small" title={`近12个月走势（截至 ${period.to}）`}>
          <Row gutter={[12, 12]}>
            {trends.map((s) => (
              <Col key={s.key} xs={24} md={12}>
                <Typography.Text strong>{s.label}</Typography.Text>
                <TrendChart slice={s} orgId={orgId} to={period.to} onOpen={(key, p) => onOpen(key, { period: p })} />
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
    </Space>
  );
}
