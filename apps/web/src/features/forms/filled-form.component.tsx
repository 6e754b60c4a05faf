// A filled form as a table: a grid form with its row and column headers, a template form as its sheet (merged cells
// and column widths kept). Every value shows its metric on hover (name, key, 口径, formula) and opens the records
// behind it on click; with 同比 each value has the earlier value and the change under it. A cell that cannot be
// computed says 无法计算 and why.
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { type FilledCell, type FilledForm, formatCellValue } from '@grassroots/domain';
import { Dropdown, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ChangeText } from '../dashboard/metric-format';
import './forms.css';

type ValueCell = Extract<FilledCell, { kind: 'value' }>;

function MetricHelp({ cell, form }: { cell: ValueCell; form: FilledForm }) {
  return (
    <div style={{ maxWidth: 360 }}>
      {cell.keys.map((k) => {
        const m = form.metrics[k];
        return (
          <div key={k} style={{ marginBottom: 6 }}>
            <div>
              <strong>{m?.label ?? '未知指标'}</strong> <code style={{ fontSize: 11 }}>{k}</code>
            </div>
            {m ? <div style={{ opacity: 0.85 }}>口径：{m.description}</div> : null}
          </div>
        );
      })}
      {cell.keys.length !== 1 || cell.expr !== cell.keys[0] ? (
        <div style={{ opacity: 0.85 }}>
          公式：<code style={{ fontSize: 11 }}>{cell.expr}</code>
        </div>
      ) : null}
      {cell.keys.length > 0 ? <div style={{ opacity: 0.65, marginTop: 4 }}>点击查看背后的记录</div> : null}
    </div>
  );
}

function ValueText({ cell, form, onOpen }: { cell: ValueCell; form: FilledForm; onOpen: (key: string) => void }) {
  if (cell.value === null) {
    return (
      <Tooltip title={cell.error ?? '无法计算'}>
        <span className="stat-form-unavailable" data-testid="form-cell-unavailable">
          <ExclamationCircleOutlined /> 无法计算
        </span>
      </Tooltip>
    );
  }
  const text = formatCellValue(cell.value, cell.format);
  const number = (onClick?: () => void) => (
    <button type="button" className="stat-form-number" onClick={onClick} data-testid="form-cell-value">
      {text}
    </button>
  );
  const single = cell.keys.length === 1 ? cell.keys[0]! : null;
  const opener =
    cell.keys.length > 1 ? (
      <Dropdown
        trigger={['click']}
        menu={{
          items: cell.keys.map((k) => ({ key: k, label: `查看“${form.metrics[k]?.label ?? k}”的记录` })),
          onClick: ({ key }) => onOpen(key),
        }}
      >
        {number()}
      </Dropdown>
    ) : single ? (
      number(() => onOpen(single))
    ) : (
      <span>{text}</span>
    );
  return (
    <>
      <Tooltip title={<MetricHelp cell={cell} form={form} />} mouseEnterDelay={0.3}>
        {opener}
      </Tooltip>
      {cell.compare ? <CompareLine cell={cell} /> : null}
    </>
  );
}

function CompareLine({ cell }: { cell: ValueCell }) {
  const c = cell.compare!;
  if (c.value === null) return <div className="stat-form-compare">同期 —</div>;
  return (
    <div className="stat-form-compare">
      同期 {formatCellValue(c.value, cell.format)}
      {c.change !== null ? (
        <>
          {' '}
          <ChangeText change={c.change} rate={c.rate} unit={cell.format === 'percent' ? '%' : ''} />
        </>
      ) : null}
    </div>
  );
}

function Cell({
  cell,
  form,
  onOpen,
  span,
}: {
  cell: FilledCell;
  form: FilledForm;
  onOpen: (key: string) => void;
  span?: { rowSpan: number; colSpan: number } | undefined;
}) {
  const props = span && (span.rowSpan > 1 || span.colSpan > 1) ? span : {};
  if (cell.kind === 'empty') return <td {...props} />;
  if (cell.kind === 'text') return <td {...props}>{cell.text}</td>;
  return (
    <td {...props} className="stat-form-value">
      <ValueText cell={cell} form={form} onOpen={onOpen} />
    </td>
  );
}

function GridTable({ form, onOpen }: { form: FilledForm; onOpen: (key: string) => void }) {
  return (
    <table className="stat-form" data-testid="filled-form">
      <caption>{form.title}</caption>
      <thead>
        <tr>
          <th>{form.rowHeader ?? ''}</th>
          {form.columns.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their position is their identity
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {form.rows.map((label, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions of the form
          <tr key={r}>
            <th scope="row">{label}</th>
            {form.cells[r]!.map((cell, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions of the form
              <Cell key={c} cell={cell} form={form} onOpen={onOpen} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function corner(address: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return [Number(m[2]) - 1, columnIndex(m[1]!)];
}

/** The sheet of a template form: each merge drawn as one cell spanning its range. */
function SheetTable({ form, onOpen }: { form: FilledForm; onOpen: (key: string) => void }) {
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  for (const range of form.template?.merges ?? []) {
    const [from, to] = range.split(':') as [string, string];
    const [r0, c0] = corner(from);
    const [r1, c1] = corner(to);
    spans.set(`${r0},${c0}`, { rowSpan: r1 - r0 + 1, colSpan: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${r},${c}`);
  }
  const widths = form.template?.columnWidths ?? [];
  return (
    <table className="stat-form" data-testid="filled-form">
      <colgroup>
        {form.columns.map((c, i) => (
          <col key={c} style={widths[i] ? { width: Math.round(widths[i]! * 7 + 10) } : undefined} />
        ))}
      </colgroup>
      <tbody>
        {form.rows.map((label, r) => (
          <tr key={label}>
            {form.cells[r]!.map((cell, c) =>
              covered.has(`${r},${c}`) ? null : (
                <Cell key={form.columns[c]} cell={cell} form={form} onOpen={onOpen} span={spans.get(`${r},${c}`)} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FilledFormTable({
  form,
  onOpen,
  footer,
}: {
  form: FilledForm;
  onOpen: (key: string) => void;
  footer?: ReactNode;
}) {
  return (
    <div className="stat-form-wrap">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        填报单位：{form.orgName}　统计期间：{form.from} 至 {form.to}
        {form.compare ? `　对比期间：${form.compare.from} 至 ${form.compare.to}` : ''}
      </Typography.Paragraph>
      {form.template ? <SheetTable form={form} onOpen={onOpen} /> : <GridTable form={form} onOpen={onOpen} />}
      {form.note ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          说明：{form.note}
        </Typography.Paragraph>
      ) : null}
      {footer}
    </div>
  );
}
