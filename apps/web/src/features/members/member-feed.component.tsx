// The member list at phone width: cards, 20 at a time, 「加载更多」 continuing from the API's nextCursor (keyset
// paging: no page numbers to tap, and deep pages cost no more than the first).
import { ageOn, EDUCATION_LABELS, GENDER_LABELS, todayIso } from '@grassroots/domain';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client';
import { ErrorState } from '../../ui/query-states';
import { MemberFlagTags, MemberStatusTag } from './member-columns';
import { fetchMembers, type Member, type MemberListQuery, type MemberPage, memberKeys } from './members.api';

export const FEED_PAGE_SIZE = 20;

export type MemberFeed = UseInfiniteQueryResult<InfiniteData<MemberPage, string | null>>;

export function useMemberFeed(query: MemberListQuery, enabled: boolean): MemberFeed {
  const { page: _page, cursor: _cursor, pageSize: _pageSize, ...rest } = query;
  const feedQuery = { ...rest, pageSize: FEED_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: memberKeys.feed(feedQuery),
    queryFn: ({ pageParam, signal }) => fetchMembers({ ...feedQuery, page: 1, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

function MemberCard({ m }: { m: Member }) {
  const today = todayIso();
  return (
    <Link to={`/members/${m.id}`} data-testid="member-row">
      <Card size="small" className="member-card" hoverable>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {m.name}
          </Typography.Text>
          <MemberStatusTag status={m.status} />
        </div>
        <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>
          {GENDER_LABELS[m.gender]} · {m.ethnicity} · {ageOn(m.birthDate, today)}岁 · {EDUCATION_LABELS[m.education]}
        </div>
        <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 2 }}>
          {m.orgName} · {m.joinedOn} 入党
        </div>
        {m.flags.length || m.pendingTransferId ? (
          <div style={{ marginTop: 6 }}>
            <MemberFlagTags member={m} />
          </div>
        ) : null}
      </Card>
    </Link>
  );
}

export function MemberFeedList({ feed, empty }: { feed: MemberFeed; empty: ReactNode }) {
  if (feed.isError && !feed.data) return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const total = feed.data?.pages[0]?.total ?? 0;
  return (
    <div>
      <List<Member>
        loading={feed.isPending && feed.isFetching}
        dataSource={items}
        renderItem={(m) => <MemberCard key={m.id} m={m} />}
        locale={{ emptyText: feed.isPending ? ' ' : empty }}
      />
      {feed.isFetchNextPageError ? (
        <Alert type="error" showIcon style={{ marginTop: 8 }} message={errorMessage(feed.error)} />
      ) : null}
      {feed.hasNextPage ? (
        <Button
          block
          style={{ marginTop: 8 }}
          loading={feed.isFetchingNextPage}
          onClick={() => void feed.fetchNextPage()}
          data-testid="member-load-more"
        >
          {feed.isFetchNextPageError
            ? '重试'
            : `加载更多（已显示 ${items.length} / ${total.toLocaleString('zh-CN')} 名）`}
        </Button>
      ) : items.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8, fontSize: 12 }}>
          已显示全部 {items.length.toLocaleString('zh-CN')} 名
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
