// 变更记录: the member's audit rows (GET /api/members/:id/history), newest first, each expandable to its diff.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ChangeDiff } from '../../ui/change-diff';
import { formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { ACTION_LABELS, fieldLabel, formatAuditValue } from '../audit/audit-labels';
import { fetchMemberHistory, type HistoryEntry, memberKeys } from './members.api';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  reveal: 'orange',
  transfer_request: 'purple',
  transfer_accept: 'purple',
  transfer_reject: 'magenta',
  transfer_cancel: 'default',
};

function summary(e: HistoryEntry): string {
  if (e.action === 'update' && e.before && e.after) {
    const changed = Object.keys(e.after).filter(
      (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(e.after?.[k]) !== JSON.stringify(e.before?.[k]),
    );
    return changed.length ? `修改了${changed.map(fieldLabel).join('、')}` : '保存（无字段变化）';
  }
  if (e.action === 'reveal') return '查看了身份证号码和联系电话';
  if (e.action === 'transfer_request') return `发起转往${String(e.after?.toOrgName ?? '其他组织')}`;
  if (e.action === 'create') return '登记党员信息';
  return ACTION_LABELS[e.action] ?? e.action;
}

export function MemberHistory({ memberId }: { memberId: number }) {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: memberKeys.history(memberId, page),
    queryFn: () => fetchMemberHistory(memberId, page),
    placeholderData: keepPreviousData,
  });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<HistoryEntry>
      size="small"
      rowKey="id"
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
        { title: '操作人', dataIndex: 'username', width: 110, render: (u: string | null) => u ?? '系统' },
        {
          title: '操作',
          dataIndex: 'action',
          width: 140,
          render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{ACTION_LABELS[a] ?? a}</Tag>,
        },
        { title: '内容', key: 'summary', render: (_: unknown, e) => <Typography.Text>{summary(e)}</Typography.Text> },
      ]}
      expandable={{
        rowExpandable: (e) => Boolean(e.before || e.after),
        expandedRowRender: (e) => (
          <ChangeDiff before={e.before} after={e.after} labelOf={fieldLabel} format={formatAuditValue} />
        ),
      }}
      pagination={{
        current: page,
        pageSize: query.data?.pageSize ?? 20,
        total: query.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
        hideOnSinglePage: true,
      }}
      locale={{ emptyText: query.isPending ? ' ' : <EmptyState description="暂无变更记录" /> }}
    />
  );
}
