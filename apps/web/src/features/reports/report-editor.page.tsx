// 汇报稿编辑: the prose with its placeholders on the left (insert a metric at the cursor), the report as it will read
// on the right — each figure tells where it comes from and opens its records — with the suggested 存在的问题 to
// insert; save with the version read (409: someone saved first), export to Word or Markdown with progress.
import { SaveOutlined } from '@ant-design/icons';
import {
  type MetricInfo,
  previousYearPeriod,
  REPORT_FORMAT_LABELS,
  REPORT_FORMATS,
  type ReportDraftDto,
  type ReportFigure,
  type ReportFormat,
  type ReportSuggestion,
  reportPeriodLabel,
} from '@grassroots/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Input,
  Popover,
  Row,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api-client';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { StaleVersionModal } from '../../ui/stale-version.modal';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { useMetricCatalogue } from '../dashboard/dashboard.hooks';
import { MetricRecordsDrawer, type MetricTarget } from '../dashboard/metric-records.drawer';
import { ReportExportButtons } from './report-export.component';
import { PlaceholderHelp } from './report-placeholder-help.component';
import { ReportPreview } from './report-preview.component';
import { ReportSuggestions } from './report-suggestions.component';
import { draftTitle, insertAt, insertIntoProblems } from './report-text';
import { fetchDraft, previewReport, reportKeys, updateDraft } from './reports.api';

/** What the user edits; saved with the version read. */
interface Edit {
  title: string;
  body: string;
  from: string;
  to: string;
  compareFrom: string | null;
  compareTo: string | null;
}
const editOf = (d: ReportDraftDto): Edit => ({
  title: d.title,
  body: d.body,
  from: d.from,
  to: d.to,
  compareFrom: d.compareFrom,
  compareTo: d.compareTo,
});
const sameEdit = (a: Edit, b: Edit) => (Object.keys(a) as Array<keyof Edit>).every((k) => a[k] === b[k]);

const STALE_FIELDS = [
  { name: 'title', label: '标题' },
  { name: 'body', label: '正文', format: (v: unknown) => `${String(v ?? '').length} 字` },
  { name: 'from', label: '起始日期' },
  { name: 'to', label: '截止日期' },
  { name: 'compareFrom', label: '对比期起始' },
];

export function ReportEditorPage() {
  const id = Number(useParams().id);
  const orgId = useSelectedOrgId();
  const draft = useQuery({ queryKey: reportKeys.draft(id), queryFn: () => fetchDraft(id), enabled: id > 0 });
  if (draft.isPending) return <PageLoading />;
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  return <Editor key={draft.data.id} draft={draft.data} listHref={scopedHref('/reports', orgId)} />;
}

function Editor({ draft, listHref }: { draft: ReportDraftDto; listHref: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [edit, setEdit] = useState<Edit>(() => editOf(draft));
  const [saved, setSaved] = useState<Edit>(() => editOf(draft));
  const [version, setVersion] = useState(draft.version);
  const [stale, setStale] = useState<{ current: ReportDraftDto; mine: Edit } | null>(null);
  const [target, setTarget] = useState<MetricTarget | null>(null);
  const [tab, setTab] = useState('preview');
  const textArea = useRef<TextAreaRef>(null);
  const catalogue = useMetricCatalogue();
  const dirty = !sameEdit(edit, saved);
  const change = (patch: Partial<Edit>) => setEdit((e) => ({ ...e, ...patch }));

  const debounced = useDebouncedValue(edit, 600);
  const previewBody = { orgId: draft.orgId, ...debounced };
  const preview = useQuery({
    queryKey: reportKeys.preview(previewBody),
    queryFn: ({ signal }) => previewReport(previewBody, signal),
    placeholderData: keepPreviousData,
    enabled: debounced.title.trim().length > 0,
  });

  const save = useMutation({
    mutationFn: (e: Edit) => updateDraft(draft.id, { ...e, version }),
    onSuccess: (d, e) => {
      setVersion(d.version);
      setSaved(e);
      queryClient.setQueryData(reportKeys.draft(d.id), d);
      void queryClient.invalidateQueries({ queryKey: ['reports', 'drafts'] });
      message.success('已保存');
    },
    onError: (err, e) => {
      if (err instanceof ApiError && err.code === 'STALE_VERSION' && err.current) {
        setStale({ current: err.current as ReportDraftDto, mine: e });
      } else message.error(errorMessage(err));
    },
  });
  const saveNow = async (): Promise<boolean> => {
    if (!dirty) return true;
    try {
      await save.mutateAsync(edit);
      return true;
    } catch {
      return false;
    }
  };

  const insertText = (text: string) => {
    const el = textArea.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? edit.body.length;
    const end = el?.selectionEnd ?? start;
    change({ body: insertAt(edit.body, start, end, text) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const insertSuggestion = (s: ReportSuggestion) => {
    const { body } = insertIntoProblems(edit.body, s.text);
    change({ body });
    message.success(`已插入到“存在的问题”：${s.topic}`);
  };
  const openFigure = (f: ReportFigure) =>
    setTarget({ key: f.metricKey, orgId: f.orgId, period: { from: f.from, to: f.to } });

  const period = { from: edit.from, to: edit.to, compareFrom: edit.compareFrom, compareTo: edit.compareTo };
  const title = draftTitle({ ...draft, ...edit });

  return (
    <div>
      <PageHeader
        breadcrumb={[
          { key: 'list', title: <Link to={listHref}>工作汇报</Link> },
          { key: 'draft', title: draft.orgName },
        ]}
        title={<span data-testid="report-editor-title">{title}</span>}
        tags={dirty ? <Badge status="warning" text="有未保存的修改" /> : null}
        extra={
          <>
            {draft.canEdit ? (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                disabled={!dirty}
                onClick={() => save.mutate(edit)}
                data-testid="report-save"
              >
                保存
              </Button>
            ) : null}
            <ReportExportButtons draftId={draft.id} beforeExport={draft.canEdit ? saveNow : async () => true} />
          </>
        }
      />
      {!draft.canEdit ? (
        <Alert type="info" showIcon message="您可以查看和导出该汇报稿，但不能修改" style={{ marginBottom: 12 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card size="small" title="正文（保留占位符）">
            <Space direction="vertical" style={{ width: '100%' }} size={12}>
              <PeriodControls edit={edit} onChange={change} disabled={!draft.canEdit} />
              <Input
                value={edit.title}
                onChange={(e) => change({ title: e.target.value })}
                disabled={!draft.canEdit}
                addonBefore="标题"
                maxLength={200}
                data-testid="report-title-input"
              />
              <Input.TextArea
                ref={textArea}
                value={edit.body}
                onChange={(e) => change({ body: e.target.value })}
                disabled={!draft.canEdit}
                autoSize={{ minRows: 18, maxRows: 40 }}
                style={{ fontFamily: 'monospace', fontSize: 13 }}
                data-testid="report-body-input"
              />
              {draft.canEdit ? (
                <MetricInserter catalogue={catalogue.query.data?.items ?? []} onInsert={insertText} />
              ) : null}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'preview',
                label: '预览',
                children: preview.isError ? (
                  <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
                ) : preview.data ? (
                  <div style={{ opacity: preview.isFetching ? 0.6 : 1 }}>
                    <ReportPreview report={preview.data} onFigure={openFigure} />
                  </div>
                ) : (
                  <PageLoading />
                ),
              },
              {
                key: 'suggestions',
                label: <span data-testid="report-suggestions-tab">问题建议</span>,
                children: (
                  <ReportSuggestions
                    orgId={draft.orgId}
                    period={period}
                    canInsert={draft.canEdit}
                    onInsert={insertSuggestion}
                  />
                ),
              },
            ]}
          />
        </Col>
      </Row>
      <MetricRecordsDrawer target={target} catalogue={catalogue.byKey} onClose={() => setTarget(null)} />
      <StaleVersionModal
        open={stale !== null}
        current={stale ? { ...editOf(stale.current) } : null}
        mine={stale ? { ...stale.mine } : null}
        fields={STALE_FIELDS}
        onCancel={() => setStale(null)}
        onReload={() => {
          if (!stale) return;
          const current = editOf(stale.current);
          setEdit(current);
          setSaved(current);
          setVersion(stale.current.version);
          queryClient.setQueryData(reportKeys.draft(draft.id), stale.current);
          setStale(null);
          message.info('已加载最新内容，请重新修改后保存');
        }}
      />
    </div>
  );
}

/** The period and the compared period (同比: the same dates a year earlier). */
function PeriodControls({
  edit,
  onChange,
  disabled,
}: {
  edit: Edit;
  onChange: (patch: Partial<Edit>) => void;
  disabled: boolean;
}) {
  const withCompare = (from: string, to: string, on: boolean): Partial<Edit> => {
    const c = on ? previousYearPeriod({ from, to }) : null;
    return { from, to, compareFrom: c?.from ?? null, compareTo: c?.to ?? null };
  };
  const compareOn = edit.compareFrom !== null;
  return (
    <Space wrap>
      <Typography.Text>期间</Typography.Text>
      <DatePicker.RangePicker
        value={[fromIsoDate(edit.from), fromIsoDate(edit.to)]}
        allowClear={false}
        disabled={disabled}
        onChange={(v) => {
          const from = toIsoDate(v?.[0]);
          const to = toIsoDate(v?.[1]);
          if (from && to) onChange(withCompare(from, to, compareOn));
        }}
      />
      <Checkbox
        checked={compareOn}
        disabled={disabled}
        onChange={(e) => onChange(withCompare(edit.from, edit.to, e.target.checked))}
        data-testid="report-compare"
      >
        同比
      </Checkbox>
      <Typography.Text type="secondary">
        {reportPeriodLabel(edit.from, edit.to)}
        {edit.compareFrom && edit.compareTo ? `，对比${reportPeriodLabel(edit.compareFrom, edit.compareTo)}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** Picks a metric of the catalogue (and a format) and inserts its placeholder at the cursor. */
function MetricInserter({ catalogue, onInsert }: { catalogue: MetricInfo[]; onInsert: (text: string) => void }) {
  const [key, setKey] = useState<string | null>(null);
  const [format, setFormat] = useState<ReportFormat | null>(null);
  const options = useMemo(() => {
    const groups = new Map<string, MetricInfo[]>();
    for (const m of catalogue) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
    return [...groups].map(([group, items]) => ({
      label: group,
      options: items.map((m) => ({ value: m.key, label: `${m.label}（${m.unit}）`, search: `${m.label}${m.key}` })),
    }));
  }, [catalogue]);
  return (
    <Space wrap>
      <Select
        showSearch
        allowClear
        value={key}
        onChange={(k) => {
          setKey(k);
          setFormat(null);
        }}
        options={options}
        placeholder="选择指标插入到光标处"
        style={{ width: 260 }}
        filterOption={(input, o) => String((o as { search?: string }).search ?? '').includes(input)}
        data-testid="report-metric-select"
      />
      <Select
        allowClear
        value={format}
        onChange={setFormat}
        placeholder="格式（可选）"
        style={{ width: 150 }}
        options={REPORT_FORMATS.map((f) => ({ value: f, label: f, title: REPORT_FORMAT_LABELS[f] }))}
      />
      <Button disabled={!key} onClick={() => key && onInsert(`{{${key}${format ? `|${format}` : ''}}}`)}>
        插入指标
      </Button>
      <Popover
        content={
          <div style={{ maxWidth: 480, fontSize: 12 }}>
            <PlaceholderHelp />
          </div>
        }
        title="占位符写法"
      >
        <Typography.Link>写法说明</Typography.Link>
      </Popover>
    </Space>
  );
}
