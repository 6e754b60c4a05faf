// 预警清单 in brief: today's warnings of the subtree counted by kind (the list the 预警清单 page shows), each kind a
// link to its items there.
import { WARNING_KINDS, WARNING_LABELS } from '@grassroots/domain';
import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { scopedHref } from '../../app/org-scope';
import { ErrorState } from '../../ui/query-states';
import { WARNING_COLORS } from '../warnings/warning-kinds';
import { fetchWarnings, warningKeys } from '../warnings/warnings.api';

/** The same query as the menu badge (page 1, one item), so both share one answer. */
const FIRST = { page: 1, pageSize: 1 };

export function WarningSummary({
  orgId,
  dark = false,
  refetchInterval,
}: {
  orgId: number;
  dark?: boolean;
  refetchInterval?: number;
}) {
  const query = useQuery({
    queryKey: warningKeys.list(orgId, FIRST),
    queryFn: () => fetchWarnings(orgId, FIRST),
    refetchInterval,
  });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const counts = query.data.counts;
  const kinds = WARNING_KINDS.filter((k) => counts[k] > 0).sort((a, b) => counts[b] - counts[a]);
  if (kinds.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无预警" />;
  return (
    <div data-testid="warning-summary">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        截至 {query.data.asOf} 共{' '}
        <Link to={scopedHref('/orgs/warnings', orgId)} style={{ fontSize: 18, fontWeight: 600 }}>
          {query.data.total.toLocaleString('zh-CN')}
        </Link>{' '}
        项
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        {kinds.map((k) => (
          <Link key={k} to={scopedHref('/orgs/warnings', orgId, { kind: k })}>
            <Tag color={WARNING_COLORS[k]} style={dark ? { fontSize: 14, padding: '2px 8px' } : undefined}>
              {WARNING_LABELS[k]} {counts[k]}
            </Tag>
          </Link>
        ))}
      </div>
    </div>
  );
}
