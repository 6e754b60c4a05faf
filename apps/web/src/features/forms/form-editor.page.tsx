// 统计表编辑: a grid of inputs — title, row and column headers, and cells holding a metric formula or a text — with
// the selected cell's panel (content kind, display format, a metric picker searching the catalogue, operator keys),
// every formula checked as typed (the same parser as the server's, with the position of a mistake), and a live
// preview filled for the org chosen in the tree. A template form keeps its sheet's shape: only its cells change.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CELL_FORMAT_LABELS,
  CELL_FORMATS,
  type CellFormat,
  ExpressionError,
  type FormDetail,
  parseExpression,
  type TFormCell,
  type TFormDefinition,
} from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, PageLoading } from '../../ui/query-states';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { useUrlFilters } from '../../ui/use-url-filters';
import { useDashboardPeriod, useMetricCatalogue } from '../dashboard/dashboard.hooks';
import { MetricRecordsDrawer, type MetricTarget } from '../dashboard/metric-records.drawer';
import { PeriodPicker } from '../dashboard/period-picker.component';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { useOrg } from '../orgs/orgs.hooks';
import { FilledFormTable } from './filled-form.component';
import { createForm, fetchForm, formKeys, previewForm, updateForm } from './forms.api';
import './forms.css';

interface EditorCell {
  kind: 'formula' | 'text';
  value: string;
  format: CellFormat | undefined;
}

interface Draft {
  name: string;
  title: string;
  note: string;
  rowHeader: string;
  rows: string[];
  columns: string[];
  cells: EditorCell[][];
  template: TFormDefinition['template'];
}

const blankCell = (): EditorCell => ({ kind: 'formula', value: '', format: undefined });

const NEW_DRAFT: Draft = {
  name: '',
  title: '',
  note: '',
  rowHeader: '项目',
  rows: ['党员总数', '其中：女党员'],
  columns: ['人数', '占比'],
  cells: [
    [
      { kind: 'formula', value: 'members.total', format: undefined },
      { kind: 'formula', value: 'members.total / members.total', format: 'percent' },
    ],
    [
      { kind: 'formula', value: 'members.gender.female', format: undefined },
      { kind: 'formula', value: 'members.female.share', format: 'percent' },
    ],
  ],
  template: null,
};

function draftOf(form: FormDetail): Draft {
  const d = form.definition;
  return {
    name: form.name,
    title: d.title,
    note: d.note ?? '',
    rowHeader: d.rowHeader ?? '',
    rows: [...d.rows],
    columns: [...d.columns],
    cells: d.cells.map((line) =>
      line.map((c): EditorCell => {
        if (!c) return blankCell();
        if ('text' in c) return { kind: 'text', value: c.text, format: undefined };
        return { kind: 'formula', value: c.expr, format: c.format };
      }),
    ),
    template: d.template ?? null,
  };
}

function definitionOf(d: Draft): TFormDefinition {
  return {
    title: d.title.trim() || d.name.trim() || '统计表',
    note: d.note.trim() || null,
    rowHeader: d.rowHeader.trim() || null,
    rows: d.rows,
    columns: d.columns,
    cells: d.cells.map((line) =>
      line.map((c): TFormCell => {
        const v = c.value.trim();
        if (v === '') return null;
        if (c.kind === 'text') return { text: v };
        return c.format ? { expr: v, format: c.format } : { expr: v };
      }),
    ),
    ...(d.template ? { template: d.template } : {}),
  };
}

/** The formula's mistake as the server would say it, or null. */
function formulaProblem(c: EditorCell): string | null {
  if (c.kind !== 'formula' || c.value.trim() === '') return null;
  try {
    parseExpression(c.value);
    return null;
  } catch (e) {
    return e instanceof ExpressionError ? e.message : String(e);
  }
}

export function FormEditorPage() {
  const { params } = useUrlFilters();
  const key = params.get('form');
  const detail = useQuery({ queryKey: formKeys.detail(key ?? ''), queryFn: () => fetchForm(key!), enabled: !!key });
  if (key && detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (key && !detail.data) return <PageLoading />;
  return <Editor key={`${key ?? 'new'}-${detail.data?.version ?? 0}`} form={detail.data ?? null} />;
}

function Editor({ form }: { form: FormDetail | null }) {
  const orgId = useSelectedOrgId();
  const org = useOrg(form?.orgId ?? orgId);
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { byKey: catalogue, query: catalogueQuery } = useMetricCatalogue();
  const periodState = useDashboardPeriod();
  const [draft, setDraft] = useState<Draft>(() => (form ? draftOf(form) : NEW_DRAFT));
  const [selected, setSelected] = useState<[number, number] | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<MetricTarget | null>(null);
  const fixedShape = Boolean(draft.template);

  const definition = useMemo(() => definitionOf(draft), [draft]);
  const debounced = useDebouncedValue(definition, 600);
  const previewOrg = orgId ?? form?.orgId ?? null;
  const preview = useQuery({
    queryKey: formKeys.preview(debounced, previewOrg ?? 0, periodState.period),
    queryFn: () => previewForm(debounced, previewOrg!, periodState.period),
    enabled: Boolean(previewOrg),
    placeholderData: (prev) => prev,
  });

  const save = useMutation({
    mutationFn: () =>
      form
        ? updateForm(form.id!, { version: form.version, name: draft.name.trim(), definition })
        : createForm({ orgId: orgId!, name: draft.name.trim(), definition }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
      message.success(`已保存“${saved.name}”`);
      navigate(scopedHref('/forms/fill', orgId, { form: saved.key }));
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'STALE_VERSION') {
        modal.confirm({
          title: '该统计表已被他人修改',
          content: '请载入最新内容后重新编辑（您的修改将丢失）。',
          okText: '载入最新内容',
          cancelText: '留在此页',
          onOk: () => queryClient.invalidateQueries({ queryKey: formKeys.detail(form!.key) }),
        });
        return;
      }
      if (isApiError(e) && e.fields) setServerErrors(e.fields);
    },
  });

  /** Every edit drops the server's verdict on the previous draft. */
  const update = (change: (d: Draft) => Draft) => {
    setServerErrors({});
    setDraft((d) => change(d));
  };
  const setCell = (r: number, c: number, patch: Partial<EditorCell>) =>
    update((d) => ({
      ...d,
      cells: d.cells.map((line, i) =>
        i === r ? line.map((cell, j) => (j === c ? { ...cell, ...patch } : cell)) : line,
      ),
    }));
  const addRow = () => update((d) => ({ ...d, rows: [...d.rows, ''], cells: [...d.cells, d.columns.map(blankCell)] }));
  const addColumn = () =>
    update((d) => ({ ...d, columns: [...d.columns, ''], cells: d.cells.map((line) => [...line, blankCell()]) }));
  const removeRow = (r: number) => {
    setSelected(null);
    update((d) => ({ ...d, rows: d.rows.filter((_, i) => i !== r), cells: d.cells.filter((_, i) => i !== r) }));
  };
  const removeColumn = (c: number) => {
    setSelected(null);
    update((d) => ({
      ...d,
      columns: d.columns.filter((_, i) => i !== c),
      cells: d.cells.map((line) => line.filter((_, j) => j !== c)),
    }));
  };

  const cellError = (r: number, c: number) =>
    serverErrors[draft.template ? `${columnLetter(c)}${r + 1}` : `cells.${r}.${c}`] ??
    formulaProblem(draft.cells[r]![c]!);
  const problems = draft.cells.flatMap((line, r) => line.map((_, c) => cellError(r, c))).filter(Boolean).length;
  const current = selected ? draft.cells[selected[0]]?.[selected[1]] : undefined;
  const metricOptions = useMemo(
    () =>
      [...catalogue.values()].map((m) => ({
        value: m.key,
        label: `${m.label}（${m.key}）`,
        search: `${m.label} ${m.key} ${m.group}`,
      })),
    [catalogue],
  );
  const append = (piece: string) => {
    if (!selected || !current) return;
    const sep = current.value === '' || /[\s(（]$/.test(current.value) ? '' : ' ';
    setCell(selected[0], selected[1], { kind: 'formula', value: `${current.value}${sep}${piece}` });
  };
  const otherErrors = Object.entries(serverErrors).filter(([k]) => !/^cells\.\d+\.\d+$|^[A-Z]+\d+$/.test(k));

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '统计报表', path: '/forms' })}
        title={form ? `编辑：${form.name}` : '新建统计表'}
        extra={
          <>
            <Button onClick={() => navigate(-1)}>取消</Button>
            <Button
              type="primary"
              loading={save.isPending}
              disabled={!draft.name.trim() || (!form && !orgId)}
              onClick={() => save.mutate()}
              data-testid="form-save"
            >
              保存
            </Button>
          </>
        }
      />
      {save.isError && !(isApiError(save.error) && save.error.code === 'STALE_VERSION') ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="未保存"
          description={
            <>
              {errorMessage(save.error)}
              {otherErrors.map(([k, v]) => (
                <div key={k}>
                  {k}：{v}
                </div>
              ))}
            </>
          }
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item label="报表名称" required>
                <Input
                  value={draft.name}
                  maxLength={100}
                  onChange={(e) => update((d) => ({ ...d, name: e.target.value }))}
                  placeholder="如：党员队伍情况季报"
                  data-testid="form-name"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="表名（打印在表头）">
                <Input
                  value={draft.title}
                  maxLength={100}
                  onChange={(e) => update((d) => ({ ...d, title: e.target.value }))}
                  placeholder="不填则同报表名称"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="制定单位">{form?.orgName ?? org.data?.name ?? '请在左侧选择组织'}</Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="填报说明（口径、注意事项，打印在表下）" style={{ marginBottom: 0 }}>
                <Input.TextArea
                  value={draft.note}
                  maxLength={1000}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  onChange={(e) => update((d) => ({ ...d, note: e.target.value }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title="表格"
            extra={
              fixedShape ? (
                <Typography.Text type="secondary">行列由Excel模板决定</Typography.Text>
              ) : (
                <Space>
                  <Button size="small" icon={<PlusOutlined />} onClick={addRow} data-testid="form-add-row">
                    添加行
                  </Button>
                  <Button size="small" icon={<PlusOutlined />} onClick={addColumn} data-testid="form-add-column">
                    添加列
                  </Button>
                </Space>
              )
            }
            style={{ marginBottom: 12 }}
          >
            {problems > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                message={`${problems} 个单元格的公式有误，标红的单元格上可看原因`}
              />
            ) : null}
            <div className="stat-form-wrap">
              <table className="stat-form stat-form-editor">
                <thead>
                  <tr>
                    <th>
                      {fixedShape ? null : (
                        <Input
                          size="small"
                          variant="borderless"
                          value={draft.rowHeader}
                          placeholder="首列标题"
                          onChange={(e) => update((d) => ({ ...d, rowHeader: e.target.value }))}
                        />
                      )}
                    </th>
                    {draft.columns.map((col, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position
                      <th key={c}>
                        {fixedShape ? (
                          col
                        ) : (
                          <Space.Compact size="small">
                            <Input
                              value={col}
                              placeholder={`第${c + 1}列`}
                              onChange={(e) =>
                                update((d) => ({
                                  ...d,
                                  columns: d.columns.map((x, i) => (i === c ? e.target.value : x)),
                                }))
                              }
                              style={{ minWidth: 90 }}
                            />
                            <Button
                              icon={<DeleteOutlined />}
                              disabled={draft.columns.length <= 1}
                              onClick={() => removeColumn(c)}
                              aria-label={`删除第${c + 1}列`}
                            />
                          </Space.Compact>
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {draft.rows.map((rowLabel, r) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position
                    <tr key={r}>
                      <th scope="row" className={fixedShape ? 'stat-form-axis' : undefined}>
                        {fixedShape ? (
                          rowLabel
                        ) : (
                          <Space.Compact size="small">
                            <Input
                              value={rowLabel}
                              placeholder={`第${r + 1}行`}
                              onChange={(e) =>
                                update((d) => ({ ...d, rows: d.rows.map((x, i) => (i === r ? e.target.value : x)) }))
                              }
                              style={{ minWidth: 140 }}
                            />
                            <Button
                              icon={<DeleteOutlined />}
                              disabled={draft.rows.length <= 1}
                              onClick={() => removeRow(r)}
                              aria-label={`删除第${r + 1}行`}
                            />
                          </Space.Compact>
                        )}
                      </th>
                      {draft.cells[r]!.map((cell, c) => {
                        const error = cellError(r, c);
                        const isSelected = selected?.[0] === r && selected[1] === c;
                        return (
                          <td
                            // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its position
                            key={c}
                            className={`${isSelected ? 'is-selected' : ''} ${cell.kind === 'formula' ? 'is-formula' : ''}`}
                          >
                            <Input
                              size="small"
                              value={cell.value}
                              status={error ? 'error' : undefined}
                              title={error ?? undefined}
                              placeholder={cell.kind === 'formula' ? '指标或公式' : '文字'}
                              onFocus={() => setSelected([r, c])}
                              onChange={(e) => setCell(r, c, { value: e.target.value })}
                              style={{ minWidth: 120 }}
                              data-testid={`form-cell-${r}-${c}`}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={selected ? cellTitle(draft, selected) : '单元格'} style={{ marginBottom: 12 }}>
            {selected && current ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group
                  value={current.kind}
                  onChange={(e) => setCell(selected[0], selected[1], { kind: e.target.value })}
                  optionType="button"
                  options={[
                    { value: 'formula', label: '指标公式' },
                    { value: 'text', label: '文字' },
                  ]}
                />
                {current.kind === 'formula' ? (
                  <>
                    <Select
                      value={current.format ?? 'auto'}
                      onChange={(v) =>
                        setCell(selected[0], selected[1], { format: v === 'auto' ? undefined : (v as CellFormat) })
                      }
                      options={[
                        { value: 'auto', label: '显示格式：自动（占比显示为百分比）' },
                        ...CELL_FORMATS.map((f) => ({ value: f, label: `显示格式：${CELL_FORMAT_LABELS[f]}` })),
                      ]}
                      style={{ width: '100%' }}
                    />
                    <Select
                      showSearch
                      value={null}
                      placeholder="搜索指标（名称或编码），选中即插入公式"
                      loading={catalogueQuery.isPending}
                      options={metricOptions}
                      filterOption={(input, o) => (o?.search ?? '').toLowerCase().includes(input.toLowerCase())}
                      onSelect={(k) => k && append(k)}
                      style={{ width: '100%' }}
                      data-testid="form-metric-picker"
                    />
                    <Space wrap size={4}>
                      {['+', '-', '*', '/', '(', ')'].map((op) => (
                        <Button key={op} size="small" onClick={() => append(op)}>
                          {{ '*': '×', '/': '÷', '-': '−' }[op] ?? op}
                        </Button>
                      ))}
                      <Button size="small" onClick={() => setCell(selected[0], selected[1], { value: '' })}>
                        清空
                      </Button>
                    </Space>
                    {cellError(selected[0], selected[1]) ? (
                      <Alert type="error" showIcon message={cellError(selected[0], selected[1])} />
                    ) : null}
                    <CellKeys value={current.value} catalogue={catalogue} />
                  </>
                ) : null}
              </Space>
            ) : (
              <Typography.Text type="secondary">
                点击表格中的单元格进行设置。单元格可填指标编码（如 members.total），或指标与数字的四则运算（如
                members.gender.female / members.total），除以0时结果为0。
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`预览（${org.data?.name ?? '所选组织'}）`} extra={<PeriodPicker state={periodState} />}>
        {preview.isError ? (
          <Alert type="warning" showIcon message="暂时无法预览" description={errorMessage(preview.error)} />
        ) : preview.data ? (
          <FilledFormTable
            form={preview.data}
            onOpen={(k) => previewOrg && setTarget({ key: k, orgId: previewOrg, period: periodState.period })}
          />
        ) : (
          <PageLoading rows={3} />
        )}
      </Card>
      <MetricRecordsDrawer target={target} catalogue={catalogue} onClose={() => setTarget(null)} />
    </div>
  );
}

function columnLetter(c: number): string {
  let s = '';
  for (let i = c + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function cellTitle(d: Draft, [r, c]: [number, number]): string {
  if (d.template) return `单元格 ${columnLetter(c)}${r + 1}`;
  return `单元格：${d.rows[r] || `第${r + 1}行`} × ${d.columns[c] || `第${c + 1}列`}`;
}

/** The metrics a formula reads, with their names and 口径 (or that a key is not in the catalogue). */
function CellKeys({ value, catalogue }: { value: string; catalogue: ReturnType<typeof useMetricCatalogue>['byKey'] }) {
  const keys = [...new Set(value.match(/[a-z][a-z0-9_]*(\.[a-z0-9_]+)+/g) ?? [])];
  if (keys.length === 0) return null;
  return (
    <div>
      {keys.map((k) => {
        const m = catalogue.get(k);
        return (
          <div key={k} style={{ marginBottom: 4 }}>
            {m ? (
              <>
                <Typography.Text strong>{m.label}</Typography.Text> <Typography.Text code>{k}</Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>口径：{m.description}</div>
              </>
            ) : (
              <Typography.Text type="danger">
                未知指标 <Typography.Text code>{k}</Typography.Text>（目录中没有，或您无权查看）
              </Typography.Text>
            )}
          </div>
        );
      })}
    </div>
  );
}
