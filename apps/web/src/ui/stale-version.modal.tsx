// 409 STALE_VERSION: someone saved the record first. Shows what is there now beside what the user entered, and
// lets the user load the new version (and redo the edit) or go back to the form.
import { ExclamationCircleFilled } from '@ant-design/icons';
import { Button, Modal, Table, Typography } from 'antd';

export interface StaleField {
  name: string;
  label: string;
  format?: (value: unknown) => string;
}

function show(value: unknown, format?: (value: unknown) => string): string {
  if (format) return format(value);
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join('、') : '—';
  return String(value);
}

export function StaleVersionModal({
  open,
  current,
  mine,
  fields,
  onReload,
  onCancel,
}: {
  open: boolean;
  current: Record<string, unknown> | null;
  mine: Record<string, unknown> | null;
  fields: StaleField[];
  onReload: () => void;
  onCancel: () => void;
}) {
  const rows = fields
    .map((f) => ({
      key: f.name,
      label: f.label,
      now: show(current?.[f.name], f.format),
      mine: show(mine?.[f.name], f.format),
    }))
    .filter((r) => r.now !== r.mine);
  return (
    <Modal
      open={open}
      title={
        <span>
          <ExclamationCircleFilled style={{ color: '#faad14', marginRight: 8 }} />
          该记录已被他人修改
        </span>
      }
      onCancel={onCancel}
      width={640}
      footer={[
        <Button key="back" onClick={onCancel}>
          返回修改
        </Button>,
        <Button key="reload" type="primary" onClick={onReload} data-testid="stale-reload">
          加载最新内容
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        在您编辑期间，其他用户已保存了这条记录。您的修改尚未保存。加载最新内容后，请在最新版本上重新修改。
      </Typography.Paragraph>
      {rows.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          scroll={{ x: 480 }}
          columns={[
            { title: '字段', dataIndex: 'label', width: 120 },
            { title: '当前内容（他人保存）', dataIndex: 'now' },
            { title: '您填写的内容', dataIndex: 'mine' },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">您填写的内容与当前内容相同。</Typography.Text>
      )}
    </Modal>
  );
}
