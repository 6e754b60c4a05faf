// 填报: a form filled for the org chosen in the tree and a period (a year, or a range; 同比 adds the same period a year
// earlier), every figure from the metric catalogue and opening the records behind it. Exports the form as .xlsx in
// its layout, or one sheet per child org (the upper level fills it for every subordinate).
import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { DownloadButton } from '../../ui/download-button';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { useUrlFilters } from '../../ui/use-url-filters';
import { useDashboardPeriod, useMetricCatalogue } from '../dashboard/dashboard.hooks';
import { MetricRecordsDrawer, type MetricTarget } from '../dashboard/metric-records.drawer';
import { PeriodPicker } from '../dashboard/period-picker.component';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { FilledFormTable } from './filled-form.component';
import { fetchFilledForm, fetchForm, fillExportPath, fillExportQuery, formKeys } from './forms.api';

export function FormFillPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const navigate = useNavigate();
  const { params } = useUrlFilters();
  const key = params.get('form') ?? '';
  const periodState = useDashboardPeriod();
  const { period, compare } = periodState;
  const { byKey: catalogue } = useMetricCatalogue();
  const [target, setTarget] = useState<MetricTarget | null>(null);

  const detail = useQuery({ queryKey: formKeys.detail(key), queryFn: () => fetchForm(key), enabled: key !== '' });
  const filled = useQuery({
    queryKey: formKeys.fill(key, orgId ?? 0, period, compare),
    queryFn: () => fetchFilledForm(key, orgId!, period, compare),
    enabled: key !== '' && Boolean(orgId),
    placeholderData: keepPreviousData,
  });
  const form = detail.data;
  if (key === '') return <ErrorState error={{ status: 404, message: '请从统计报表列表中选择要填报的报表' }} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const unavailable = (filled.data?.cells ?? []).flat().filter((c) => c.kind === 'value' && c.value === null).length;
  const fileName = `${form?.name ?? '统计表'}.xlsx`;

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '统计报表', path: '/forms' })}
        title={form?.name ?? '统计表'}
        tags={
          form ? (
            <>
              {form.builtIn ? <Tag color="red">内置</Tag> : <Tag>{form.orgName}制定</Tag>}
              {form.hasTemplate ? <Tag color="blue">Excel模板</Tag> : null}
              {form.archivedAt ? <Tag>已归档</Tag> : null}
            </>
          ) : null
        }
        extra={
          <>
            {form && !form.builtIn && !form.archivedAt && auth.can('forms:write') ? (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(scopedHref('/forms/edit', orgId, { form: form.key }))}
              >
                编辑表式
              </Button>
            ) : null}
            <DownloadButton
              path={fillExportPath(key)}
              fileName={fileName}
              query={fillExportQuery(orgId ?? 0, period, compare, false)}
              disabled={!orgId || !form}
              testId="form-export"
            />
            <DownloadButton
              path={fillExportPath(key)}
              fileName={fileName}
              query={fillExportQuery(orgId ?? 0, period, compare, true)}
              disabled={!orgId || !form}
              label="导出各下级（每个下级一个工作表）"
              testId="form-export-children"
            />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={16}>
          <PeriodPicker state={periodState} />
          <Space size={4} style={{ alignItems: 'center' }}>
            <Switch
              checked={compare !== null}
              onChange={periodState.setCompare}
              aria-label="同比"
              data-testid="form-yoy"
            />
            <span>同比</span>
          </Space>
        </Space>
      </Card>
      {unavailable > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有 ${unavailable} 个单元格无法计算（指标尚未纳入目录、无权查看或公式有误），鼠标移到单元格上可查看原因。`}
        />
      ) : null}
      <Card size="small" loading={filled.isPending && Boolean(orgId)}>
        {filled.isError ? (
          <ErrorState error={filled.error} onRetry={() => void filled.refetch()} />
        ) : filled.data ? (
          <FilledFormTable form={filled.data} onOpen={(k) => orgId && setTarget({ key: k, orgId, period })} />
        ) : (
          <PageLoading />
        )}
      </Card>
      <MetricRecordsDrawer target={target} catalogue={catalogue} onClose={() => setTarget(null)} />
    </div>
  );
}
