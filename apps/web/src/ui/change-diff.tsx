// Before/after of one change, field by field; changed fields are highlighted.
import { Switch, Table, Typography } from 'antd';
import { useState } from 'react';

export type ValueFormatter = (field: string, value: unknown) => string;

export function plainValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map((v) => plainValue(v)).join('、') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ChangeDiff({
  before,
  after,
  labelOf,
  format = (_f, v) => plainValue(v),
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  labelOf: (field: string) => string;
  format?: ValueFormatter;
}) {
  const [onlyChanged, setOnlyChanged] = useState(Boolean(before && after));
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rows = keys.map((k) => {
    const b = before ? format(k, before[k]) : '';
    const a = after ? format(k, after[k]) : '';
    return { key: k, label: labelOf(k), before: b, after: a, changed: Boolean(before && after) && b !== a };
  });
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  if (keys.length === 0) return <Typography.Text type="secondary">此操作没有记录字段内容。</Typography.Text>;
  return (
    <div>
      {before && after ? (
        <div style={{ marginBottom: 8, display: 'flex', alignItems: 'center', gap: 8 }}>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            只看变化的字段（{rows.filter((r) => r.changed).length}项）
          </Typography.Text>
        </div>
      ) : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={shown}
        rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
        scroll={{ x: 520 }}
        columns={[
          { title: '字段', dataIndex: 'label', width: 140 },
          ...(before ? [{ title: '修改前', dataIndex: 'before', render: (v: string) => <span>{v}</span> }] : []),
          ...(after
            ? [
                {
                  title: before ? '修改后' : '内容',
                  dataIndex: 'after',
                  render: (v: string, r: { changed: boolean }) => (r.changed ? <strong>{v}</strong> : <span>{v}</span>),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
