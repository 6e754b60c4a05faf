// 新建汇报稿: a template, the org chosen in the tree, the period (a year, a quarter or any range) and optionally the
// same period a year earlier (同比); the draft starts with the template's text, placeholders kept.
import {
  previousYearPeriod,
  QUARTER_LABELS,
  quarterOf,
  quarterPeriod,
  type ReportTemplateDto,
  reportPeriodLabel,
  todayIso,
  yearPeriod,
} from '@grassroots/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Segmented, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { ActionError } from '../../ui/action-error';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { createDraft, fetchBuiltinTemplates, fetchTemplates, reportKeys } from './reports.api';

type PeriodMode = 'year' | 'quarter' | 'range';
interface Values {
  templateKey: string;
  title?: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  range?: [Dayjs, Dayjs];
  compare: boolean;
}

const today = todayIso();
const thisYear = Number(today.slice(0, 4));
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

export function ReportDraftNewPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const builtin = useQuery({ queryKey: reportKeys.builtin, queryFn: fetchBuiltinTemplates, staleTime: Infinity });
  const savedQuery = { page: 1, pageSize: 100 };
  const saved = useQuery({ queryKey: reportKeys.templates(savedQuery), queryFn: () => fetchTemplates(savedQuery) });
  const templates = useMemo(
    () => [...(builtin.data?.items ?? []), ...(saved.data?.items ?? [])],
    [builtin.data, saved.data],
  );
  const [mode, setMode] = useState<PeriodMode>('quarter');
  const templateKey = Form.useWatch('templateKey', form);
  const template: ReportTemplateDto | undefined = templates.find((t) => t.key === templateKey);

  // The template's own kind of period is offered first.
  useEffect(() => {
    if (template)
      setMode(template.periodKind === 'year' ? 'year' : template.periodKind === 'quarter' ? 'quarter' : 'range');
  }, [template]);

  const create = useMutation({
    mutationFn: (v: Values) => {
      const period =
        mode === 'year'
          ? yearPeriod(v.year)
          : mode === 'quarter'
            ? quarterPeriod(v.year, v.quarter)
            : { from: toIsoDate(v.range?.[0])!, to: toIsoDate(v.range?.[1])! };
      const compare = v.compare ? previousYearPeriod(period) : null;
      return createDraft({
        orgId: orgId!,
        templateKey: v.templateKey,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        ...period,
        compareFrom: compare?.from ?? null,
        compareTo: compare?.to ?? null,
      });
    },
    onSuccess: (d) => navigate(scopedHref(`/reports/${d.id}`, orgId)),
    onError: (e) => applyServerFieldErrors(form, e, ['templateKey', 'title']),
  });

  if (!orgId || org.isPending || builtin.isPending) return <PageLoading />;
  if (org.isError) return <ErrorState error={org.error} />;
  if (builtin.isError) return <ErrorState error={builtin.error} onRetry={() => void builtin.refetch()} />;
  const canWrite = auth.canAt('reports:write', orgChainOf(org.data));
  // The county's annual report at the top of the tree, a township's quarterly one below it.
  const initialTemplate =
    params.get('template') ?? (org.data.parentId === null ? 'builtin:county_annual' : 'builtin:township_quarterly');

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '新建汇报稿', path: '/reports' })}
        title="新建汇报稿"
      />
      {!canWrite ? (
        <Alert type="warning" showIcon message="您没有在该组织起草工作汇报的权限" style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ maxWidth: 760 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!canWrite || create.isPending}
          initialValues={{
            templateKey: initialTemplate,
            year: thisYear,
            quarter: quarterOf(today),
            compare: false,
          }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item label="组织" extra="在左侧组织树中选择其他组织">
            <Typography.Text strong data-testid="report-new-org">
              {org.data.name}
            </Typography.Text>
            <Typography.Text type="secondary">（数字按本组织及下级统计）</Typography.Text>
          </Form.Item>
          <Form.Item name="templateKey" label="模板" rules={[{ required: true, message: '请选择模板' }]}>
            <Select
              data-testid="report-new-template"
              options={[
                {
                  label: '内置模板',
                  options: (builtin.data.items ?? []).map((t) => ({ value: t.key, label: t.name })),
                },
                ...(saved.data?.items.length
                  ? [
                      {
                        label: '保存的模板',
                        options: saved.data.items.map((t) => ({ value: t.key, label: `${t.name}（${t.orgName}）` })),
                      },
                    ]
                  : []),
              ]}
            />
          </Form.Item>
          {template?.description ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
              {template.description}
            </Typography.Paragraph>
          ) : null}
          <Form.Item label="期间">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Segmented<PeriodMode>
                value={mode}
                onChange={setMode}
                options={[
                  { value: 'year', label: '年度' },
                  { value: 'quarter', label: '季度' },
                  { value: 'range', label: '自定义' },
                ]}
                data-testid="report-new-period-mode"
              />
              <Space wrap>
                {mode !== 'range' ? (
                  <Form.Item name="year" noStyle>
                    <Select
                      style={{ width: 120 }}
                      options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
                      data-testid="report-new-year"
                    />
                  </Form.Item>
                ) : null}
                {mode === 'quarter' ? (
                  <Form.Item name="quarter" noStyle>
                    <Select
                      style={{ width: 120 }}
                      options={QUARTER_LABELS.map((l, i) => ({ value: i + 1, label: l }))}
                      data-testid="report-new-quarter"
                    />
                  </Form.Item>
                ) : null}
                {mode === 'range' ? (
                  <Form.Item name="range" noStyle rules={[{ required: true, message: '请选择起止日期' }]}>
                    <DatePicker.RangePicker
                      defaultPickerValue={[fromIsoDate(`${thisYear}-01-01`)!, fromIsoDate(today)!]}
                    />
                  </Form.Item>
                ) : null}
              </Space>
            </Space>
          </Form.Item>
          <Form.Item name="compare" valuePropName="checked">
            <Checkbox data-testid="report-new-compare">与上年同期对比（同比）</Checkbox>
          </Form.Item>
          <Form.Item
            name="title"
            label="标题（可不填，默认用模板的标题）"
            extra={template ? `模板标题：${template.title}` : undefined}
          >
            <Input maxLength={200} placeholder={template?.title} />
          </Form.Item>
          <ActionError title="无法新建汇报稿" error={create.error} />
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="report-new-submit">
              开始起草
            </Button>
            <Button onClick={() => navigate(scopedHref('/reports', orgId))} disabled={false}>
              取消
            </Button>
          </Space>
          <PeriodHint mode={mode} form={form} />
        </Form>
      </Card>
    </div>
  );
}

/** The period as the report will name it. */
function PeriodHint({ mode, form }: { mode: PeriodMode; form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const year = Form.useWatch('year', form);
  const quarter = Form.useWatch('quarter', form);
  const range = Form.useWatch('range', form);
  const p =
    mode === 'year' && year
      ? yearPeriod(year)
      : mode === 'quarter' && year && quarter
        ? quarterPeriod(year, quarter)
        : mode === 'range' && range
          ? { from: toIsoDate(range[0])!, to: toIsoDate(range[1])! }
          : null;
  if (!p) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
      报告期间：{reportPeriodLabel(p.from, p.to)}（{p.from} 至 {p.to}）
    </Typography.Paragraph>
  );
}
