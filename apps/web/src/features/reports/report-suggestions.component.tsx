// 二、存在的问题 suggested from the data: each rule with what it found (the sentence with its figures), and an insert
// that puts the sentence (placeholders kept, so it stays reproducible) into the draft.
import type { ReportSuggestion } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { ErrorState } from '../../ui/query-states';
import { fetchSuggestions, type ReportPeriod, reportKeys } from './reports.api';

const STATE: Record<ReportSuggestion['state'], { color: string; label: string }> = {
  applies: { color: 'orange', label: '数据显示存在问题' },
  clear: { color: 'green', label: '未发现问题' },
  unavailable: { color: 'default', label: '无法核查' },
};
const ORDER: ReportSuggestion['state'][] = ['applies', 'unavailable', 'clear'];

export function ReportSuggestions({
  orgId,
  period,
  canInsert,
  onInsert,
}: {
  orgId: number;
  period: ReportPeriod;
  canInsert: boolean;
  onInsert: (s: ReportSuggestion) => void;
}) {
  const query = useQuery({
    queryKey: reportKeys.suggestions(orgId, period),
    queryFn: () => fetchSuggestions(orgId, period),
  });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = [...(query.data?.items ?? [])].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
  return (
    <Card size="small" loading={query.isPending} data-testid="report-suggestions">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        按所选组织和期间的数据检查常见问题。插入的句子保留数字占位符，导出时按数据重新填写。
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有建议" />
      ) : (
        <List
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              data-testid={`report-suggestion-${s.id}`}
              data-state={s.state}
              actions={
                s.state === 'clear' || !canInsert
                  ? []
                  : [
                      <Button
                        key="insert"
                        size="small"
                        type={s.state === 'applies' ? 'primary' : 'default'}
                        onClick={() => onInsert(s)}
                        data-testid="report-suggestion-insert"
                      >
                        插入
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{s.topic}</span>
                    <Tag color={STATE[s.state].color}>{STATE[s.state].label}</Tag>
                  </Space>
                }
                description={
                  <>
                    <div style={{ color: 'rgba(0,0,0,0.88)' }}>{s.state === 'clear' ? s.rule : s.preview}</div>
                    {s.reason ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.reason}
                      </Typography.Text>
                    ) : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
