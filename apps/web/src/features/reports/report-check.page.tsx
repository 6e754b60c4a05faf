// 材料核数: paste or upload (.txt, .docx) a report, choose the org (in the tree) and the period (last year by default:
// users check last year's report), and see every figure marked against the data — 相符, 不符 with the computed
// figure, 无法核对 — the report's internal relations, and a table of the figures; a mapped figure opens the records
// behind its metric, an unchecked one can be given a phrase → metric mapping.
import { CheckCircleFilled, CloseCircleFilled, InboxOutlined } from '@ant-design/icons';
import {
  type CheckedClaim,
  type CheckedRelation,
  REPORT_CHECK_MAX_CHARS,
  REPORT_CHECK_MAX_UPLOAD_BYTES,
  type ReportCheckResult,
  todayIso,
} from '@grassroots/domain';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Input,
  List,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState } from '../../ui/query-states';
import { useMetricCatalogue } from '../dashboard/dashboard.hooks';
import { formatWithUnit } from '../dashboard/metric-format';
import { MetricRecordsDrawer, type MetricTarget } from '../dashboard/metric-records.drawer';
import { useOrg } from '../orgs/orgs.hooks';
import { type CheckPeriod, checkReportFile, checkReportText } from './report-check.api';
import { AddPhraseModal } from './report-check-phrase.modal';
import { PhrasesDrawer } from './report-check-phrases.drawer';
import { CheckedText, VERDICT_COLORS, VERDICT_LABELS, verdictNote } from './report-check-text.component';

/** Last calendar year: the report users paste is mostly last year's. */
function lastYear(): CheckPeriod {
  const year = Number(todayIso().slice(0, 4)) - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const MAX_MB = REPORT_CHECK_MAX_UPLOAD_BYTES / 1024 / 1024;

/** What was checked: the text the offsets point into, with its result. */
interface Checked {
  text: string;
  result: ReportCheckResult;
  orgId: number;
  period: CheckPeriod;
}

export function ReportCheckPage() {
  const auth = useAuth();
  const { message } = App.useApp();
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const { byKey: catalogue } = useMetricCatalogue();
  const [text, setText] = useState('');
  const [period, setPeriod] = useState<CheckPeriod>(lastYear);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [records, setRecords] = useState<MetricTarget | null>(null);
  const [phraseFor, setPhraseFor] = useState<CheckedClaim | null>(null);
  const [phrasesOpen, setPhrasesOpen] = useState(false);
  const [tablePage, setTablePage] = useState(1);
  const tableRef = useRef<HTMLDivElement>(null);

  const checkText = useMutation({
    mutationFn: (input: { text: string; orgId: number; period: CheckPeriod }) =>
      checkReportText({ text: input.text, orgId: input.orgId, ...input.period }),
    onSuccess: (result, input) => {
      setChecked({ ...input, result });
      setTablePage(1);
    },
  });
  const checkFile = useMutation({
    mutationFn: (input: { file: File; orgId: number; period: CheckPeriod }) =>
      checkReportFile(input.file, input.orgId, input.period),
    onSuccess: ({ text: read, claims, relations }, input) => {
      setText(read);
      setChecked({ text: read, result: { claims, relations }, orgId: input.orgId, period: input.period });
      setTablePage(1);
    },
  });
  const busy = checkText.isPending || checkFile.isPending;
  const failed = checkText.error ?? checkFile.error;
  const recheck = () => {
    if (checked) checkText.mutate({ text: checked.text, orgId: checked.orgId, period: checked.period });
  };

  const pickClaim = (index: number) => {
    setTablePage(Math.floor(index / 10) + 1);
    tableRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const checkedOrg = useOrg(checked?.orgId);
  const claims = checked?.result.claims ?? [];
  const count = (v: CheckedClaim['verdict']) => claims.filter((c) => c.verdict === v).length;
  const relations = checked?.result.relations ?? [];

  const columns: TableColumnsType<CheckedClaim> = [
    { title: '原文', dataIndex: 'quote', key: 'quote', width: 220 },
    {
      title: '数值',
      key: 'value',
      align: 'right',
      render: (_, c) =>
        c.unit === '%' ? `${Number((c.value * 100).toPrecision(12))}%` : c.value.toLocaleString('zh-CN'),
    },
    { title: '单位', dataIndex: 'unit', key: 'unit' },
    { title: '限定', dataIndex: 'qualifier', key: 'qualifier', render: (q: string) => q || '—' },
    { title: '统计对象', dataIndex: 'counted', key: 'counted', render: (v: string) => v || '—' },
    {
      title: '指标',
      key: 'metric',
      render: (_, c) =>
        c.metric && checked ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => setRecords({ key: c.metric!, orgId: checked.orgId, period: checked.period })}
            data-testid="claim-metric"
          >
            {catalogue.get(c.metric)?.label ?? c.metric}
          </Button>
        ) : (
          '—'
        ),
    },
    {
      title: '结论',
      key: 'verdict',
      render: (_, c) => (
        <Tag color={VERDICT_COLORS[c.verdict]} title={verdictNote(c, catalogue)} data-testid="claim-verdict">
          {VERDICT_LABELS[c.verdict]}
        </Tag>
      ),
    },
    {
      title: '数据值',
      key: 'computed',
      align: 'right',
      render: (_, c) =>
        c.computed === null ? '—' : formatWithUnit(c.computed, catalogue.get(c.metric ?? '')?.unit ?? c.unit),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) =>
        c.verdict === 'unchecked' && auth.can('reports:write') ? (
          <Button type="link" size="small" onClick={() => setPhraseFor(c)} data-testid="claim-add-phrase">
            添加说法
          </Button>
        ) : null,
    },
  ];

  const periodPicker = (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(period.from), dayjs(period.to)]}
      onChange={(range) => {
        const [from, to] = range ?? [];
        if (from && to) setPeriod({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
      }}
      presets={[
        { label: '上一年度', value: [dayjs(lastYear().from), dayjs(lastYear().to)] },
        { label: '今年以来', value: [dayjs().startOf('year'), dayjs()] },
      ]}
      aria-label="核对期间"
      data-testid="check-period"
    />
  );

  return (
    <div>
      <PageHeader
        title="材料核数"
        extra={
          <Button onClick={() => setPhrasesOpen(true)} disabled={!orgId}>
            核数说法
          </Button>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap size={16} style={{ marginBottom: 12 }}>
            <span>
              组织：
              <Typography.Text strong>{org.data ? `${org.data.name}及下级` : '请在左侧组织树中选择'}</Typography.Text>
            </span>
            <span>期间：{periodPicker}</span>
          </Space>
          <Tabs
            items={[
              {
                key: 'paste',
                label: '粘贴文字',
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Input.TextArea
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      autoSize={{ minRows: 8, maxRows: 20 }}
                      maxLength={REPORT_CHECK_MAX_CHARS}
                      showCount
                      placeholder="把汇报材料的文字粘贴到这里（简体、繁体均可），再点“开始核对”"
                      data-testid="check-text"
                    />
                    <Button
                      type="primary"
                      loading={checkText.isPending}
                      disabled={!orgId || text.trim() === '' || busy}
                      onClick={() => orgId && checkText.mutate({ text, orgId, period })}
                      data-testid="check-submit"
                    >
                      开始核对
                    </Button>
                  </Space>
                ),
              },
              {
                key: 'upload',
                label: '上传文件',
                children: (
                  <Upload.Dragger
                    accept=".txt,.docx"
                    multiple={false}
                    showUploadList={false}
                    disabled={!orgId || busy}
                    beforeUpload={(file) => {
                      if (file.size > REPORT_CHECK_MAX_UPLOAD_BYTES) {
                        message.error(`文件过大：汇报材料不能超过 ${MAX_MB} MB`);
                      } else if (orgId) checkFile.mutate({ file, orgId, period });
                      return false;
                    }}
                    data-testid="check-upload"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">点击或拖入汇报材料</p>
                    <p className="ant-upload-hint">.txt 或 .docx，不超过 {MAX_MB} MB；读出的文字会放入“粘贴文字”中</p>
                  </Upload.Dragger>
                ),
              },
            ]}
          />
          {failed ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorMessage(failed)} /> : null}
        </Card>

        {checked ? (
          <>
            <Card size="small" title="核对结果">
              <Space wrap size={32} style={{ marginBottom: 12 }}>
                <Statistic title="数字" value={claims.length} />
                <Statistic title="相符" value={count('match')} valueStyle={{ color: '#389e0d' }} />
                <Statistic title="不符" value={count('differs')} valueStyle={{ color: '#cf1322' }} />
                <Statistic title="无法核对" value={count('unchecked')} valueStyle={{ color: '#8c8c8c' }} />
                <Statistic
                  title="内部关系不成立"
                  value={relations.filter((r) => !r.holds).length}
                  suffix={`/ ${relations.length}`}
                />
              </Space>
              {claims.length === 0 ? (
                <EmptyState description="没有读到数字" hint="材料中没有可核对的数量（日期、序号、机制名称不算）" />
              ) : (
                <CheckedText text={checked.text} claims={claims} catalogue={catalogue} onPick={pickClaim} />
              )}
            </Card>
            <Card size="small" title="内部关系">
              <List<CheckedRelation>
                size="small"
                dataSource={relations}
                locale={{ emptyText: '没有可核对的内部关系（如占比、合计、其中）' }}
                renderItem={(r) => (
                  <List.Item data-testid="relation">
                    <Space align="start">
                      {r.holds ? (
                        <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="成立" />
                      ) : (
                        <CloseCircleFilled style={{ color: '#f5222d' }} aria-label="不成立" />
                      )}
                      <span>
                        <Typography.Text code>{r.formula}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary">{r.quote}</Typography.Text>
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <div ref={tableRef}>
              <Card size="small" title="数字明细">
                <Table<CheckedClaim>
                  size="small"
                  rowKey={(c) => `${c.start}-${c.end}`}
                  columns={columns}
                  dataSource={claims}
                  scroll={{ x: 'max-content' }}
                  pagination={{
                    current: tablePage,
                    pageSize: 10,
                    showSizeChanger: false,
                    showTotal: (t) => `共 ${t} 处`,
                    onChange: setTablePage,
                  }}
                  data-testid="claims-table"
                />
              </Card>
            </div>
          </>
        ) : null}
      </Space>
      <MetricRecordsDrawer target={records} catalogue={catalogue} onClose={() => setRecords(null)} />
      {orgId ? (
        <>
          <AddPhraseModal
            claim={phraseFor}
            orgId={checked?.orgId ?? orgId}
            orgName={checkedOrg.data?.name ?? ''}
            catalogue={catalogue}
            onClose={() => setPhraseFor(null)}
            onAdded={recheck}
          />
          <PhrasesDrawer open={phrasesOpen} orgId={orgId} onClose={() => setPhrasesOpen(false)} onChanged={recheck} />
        </>
      ) : null}
    </div>
  );
}
