// 大屏: the dashboard for a meeting-room screen — the whole window, dark, big numbers and the main charts, refreshed
// every 60 s with the time of the last answer. 退出 or Esc (or leaving the browser's full screen) returns to the
// dashboard.
import { FullscreenExitOutlined } from '@ant-design/icons';
import { Button, Col, Row } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSelectedOrgId } from '../../app/org-scope';
import { ErrorState, FullPageSpin } from '../../ui/query-states';
import { useOrg } from '../orgs/orgs.hooks';
import type { Period } from './dashboard.api';
import { useDashboardPeriod, useMetricCatalogue, useMetricValues } from './dashboard.hooks';
import {
  AGE_SLICES,
  GENDER_SLICES,
  KPI_SLICES,
  LIFE_RATE_KEY,
  type MetricSlice,
  ORG_KIND_SLICES,
  RECTIFICATION_RATE_KEY,
  SECTION_KEYS,
  TASK_RATE_KEY,
  TREND_SLICES,
} from './dashboard-metrics';
import { BreakdownChart, knownSlices, pointsOf, TrendChart } from './metric-charts.component';
import { MetricNumber, RateDial } from './metric-figures.component';
import { formatMetric } from './metric-format';
import { MetricRecordsDrawer, type MetricTarget } from './metric-records.drawer';
import { WarningSummary } from './warning-summary.component';
import './dashboard.css';

const REFRESH_MS = 60_000;
const KPI_KEYS = KPI_SLICES.map((s) => s.key);

/** The rates of the 重点工作 panel. */
const RATES = [
  { key: LIFE_RATE_KEY, label: '组织生活达标率' },
  { key: TASK_RATE_KEY, label: '任务完成率' },
  { key: RECTIFICATION_RATE_KEY, label: '整改率' },
];
const RATE_KEYS = RATES.map((r) => r.key);

function ScreenPanel({
  title,
  section,
  children,
}: {
  title: string;
  section?: ReturnType<typeof useMetricValues>;
  children: ReactNode;
}) {
  const failed = section?.query.isError ? section.query : null;
  return (
    <div className="screen-panel">
      <h3>{title}</h3>
      {failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : children}
    </div>
  );
}

export function DashboardScreenPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { period } = useDashboardPeriod();
  const { query: catalogueQuery, byKey: catalogue } = useMetricCatalogue();
  const kpis = useMetricValues(orgId, KPI_KEYS, catalogue, period, null, REFRESH_MS);
  const members = useMetricValues(orgId, SECTION_KEYS.members, catalogue, period, null, REFRESH_MS);
  const orgs = useMetricValues(orgId, SECTION_KEYS.orgs, catalogue, period, null, REFRESH_MS);
  const rates = useMetricValues(orgId, RATE_KEYS, catalogue, period, null, REFRESH_MS);
  const [target, setTarget] = useState<MetricTarget | null>(null);

  const leave = useCallback(() => navigate(`/dashboard${location.search}`), [navigate, location.search]);
  // In the browser's full screen, leaving it first; its fullscreenchange below then returns to the dashboard.
  const exit = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(leave);
    else leave();
  }, [leave]);

  // Esc leaves the display; in the browser's full screen, Esc first leaves that, which returns here as well.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && target === null) exit();
    };
    let wasFull = Boolean(document.fullscreenElement);
    const onFullscreen = () => {
      if (wasFull && !document.fullscreenElement) leave();
      wasFull = Boolean(document.fullscreenElement);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [exit, leave, target]);

  // The page behind the display does not scroll while it is shown.
  useEffect(() => {
    const before = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = before;
    };
  }, []);

  const updatedAt = Math.max(...[kpis, members, orgs, rates].map((v) => v.query.dataUpdatedAt));
  const open = (key: string, p: Period = period) => orgId && setTarget({ key, orgId, period: p });
  const error = catalogueQuery.error ?? kpis.query.error;

  let body: ReactNode;
  if (error)
    body = (
      <ErrorState
        error={error}
        onRetry={() => {
          void catalogueQuery.refetch();
          void kpis.query.refetch();
        }}
      />
    );
  else if (!orgId || catalogueQuery.isPending) body = <FullPageSpin tip="正在加载数据…" />;
  else {
    const chart = (
      title: string,
      slices: MetricSlice[],
      kind: 'pie' | 'bar' | 'hbar',
      section: ReturnType<typeof useMetricValues>,
    ) => {
      const known = knownSlices(slices, catalogue);
      return known.length > 0 ? (
        <Col xs={24} md={12} xl={8} key={title}>
          <ScreenPanel title={title} section={section}>
            <BreakdownChart
              points={pointsOf(known, section.byKey)}
              kind={kind}
              unit={catalogue.get(known[0]!.key)?.unit}
              loading={section.query.isPending}
              onOpen={open}
              dark
              height={280}
            />
          </ScreenPanel>
        </Col>
      ) : null;
    };
    const shownRates = RATES.filter((r) => catalogue.has(r.key));
    body = (
      <>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {knownSlices(KPI_SLICES, catalogue).map((s) => {
            const v = kpis.byKey.get(s.key);
            return (
              <Col key={s.key} xs={12} md={6} xxl={3}>
                <div className="screen-panel" data-testid={`screen-kpi-${s.key}`}>
                  <div className="screen-kpi-label">{s.label}</div>
                  <div className="screen-kpi-value">
                    {v ? (
                      <MetricNumber metricKey={s.key} onOpen={open}>
                        {formatMetric(v.value, v.unit)}
                        {v.unit === '%' ? null : <span style={{ fontSize: 18, marginInlineStart: 4 }}>{v.unit}</span>}
                      </MetricNumber>
                    ) : (
                      '—'
                    )}
                  </div>
                </div>
              </Col>
            );
          })}
        </Row>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {chart('性别', GENDER_SLICES, 'pie', members)}
          {chart('年龄结构', AGE_SLICES, 'hbar', members)}
          {chart('党组织类别', ORG_KIND_SLICES, 'pie', orgs)}
        </Row>
        <Row gutter={[16, 16]}>
          {knownSlices(TREND_SLICES, catalogue)
            .slice(0, 2)
            .map((s) => (
              <Col key={s.key} xs={24} md={12} xl={8}>
                <ScreenPanel title={`${s.label} · 近12个月`}>
                  <TrendChart
                    slice={s}
                    orgId={orgId}
                    to={period.to}
                    dark
                    height={240}
                    refetchInterval={REFRESH_MS}
                    onOpen={(key, p) => open(key, p)}
                  />
                </ScreenPanel>
              </Col>
            ))}
          <Col xs={24} md={12} xl={8}>
            <ScreenPanel title="重点工作" section={rates}>
              {shownRates.length > 0 ? (
                <div style={{ display: 'flex', justifyContent: 'space-around', flexWrap: 'wrap', gap: 12 }}>
                  {shownRates.map((r) => (
                    <RateDial
                      key={r.key}
                      metricKey={r.key}
                      label={r.label}
                      catalogue={catalogue}
                      value={rates.byKey.get(r.key)}
                      onOpen={open}
                      dark
                      size={110}
                    />
                  ))}
                </div>
              ) : null}
              <div style={{ marginTop: 12 }}>
                <WarningSummary orgId={orgId} dark refetchInterval={REFRESH_MS} />
              </div>
            </ScreenPanel>
          </Col>
        </Row>
      </>
    );
  }

  return (
    <div className="dashboard-screen" data-testid="dashboard-screen-view">
      <div className="screen-head">
        <h1 className="screen-title">{org.data ? `${org.data.name}党建数据` : '党建数据'}</h1>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <span className="screen-meta">
            {period.from} 至 {period.to}
          </span>
          <span className="screen-meta" data-testid="screen-updated">
            更新于 {updatedAt > 0 ? dayjs(updatedAt).format('HH:mm:ss') : '—'}
          </span>
          <Button ghost icon={<FullscreenExitOutlined />} onClick={exit} data-testid="screen-exit">
            退出
          </Button>
        </div>
      </div>
      {body}
      <MetricRecordsDrawer target={target} catalogue={catalogue} onClose={() => setTarget(null)} zIndex={1200} />
    </div>
  );
}
