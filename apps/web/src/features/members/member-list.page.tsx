// 党员管理: the chosen org's subtree, every filter of the API, server sorting and paging, column settings; at phone
// width a card list with 「加载更多」 (member-feed.component.tsx).
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { MEMBER_SORTS } from '@grassroots/domain';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Popover, Select, Table, Typography } from 'antd';
import type { ColumnType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { withQuery } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { scopedHref, useSelectedOrgId } from '../../app/org-scope';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState } from '../../ui/query-states';
import { useIsPhone } from '../../ui/use-is-mobile';
import { useLocalStorageState } from '../../ui/use-local-storage';
import { LedgerButtons } from '../jobs/ledger-buttons';
import { orgBreadcrumbItems } from '../orgs/org-breadcrumb';
import { orgKeys } from '../orgs/orgs.api';
import { orgChainOf, useOrg } from '../orgs/orgs.hooks';
import { memberColumns, SORTABLE } from './member-columns';
import { MemberFeedList, useMemberFeed } from './member-feed.component';
import { FILTER_KEYS, type FilterValues, MemberFilters } from './member-filters.component';
import { fetchMembers, type Member, type MemberListQuery, type MemberSort, memberKeys } from './members.api';

const PAGE_SIZES = [10, 20, 50, 100];
const SORT_LABELS: Record<MemberSort, string> = {
  name: '姓名 ↑',
  '-name': '姓名 ↓',
  birthDate: '年龄从大到小',
  '-birthDate': '年龄从小到大',
  joinedOn: '入党时间从早到晚',
  '-joinedOn': '入党时间从晚到早',
  id: '登记先后 ↑',
  '-id': '登记先后 ↓',
};

function readQuery(params: URLSearchParams, orgId: number | null): MemberListQuery {
  const sortRaw = params.get('sort') ?? 'name';
  const sort = (MEMBER_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as MemberSort) : 'name';
  const pageSize = Number(params.get('pageSize'));
  const q: MemberListQuery = {
    orgId: orgId ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    sort,
  };
  const text = params.get('q')?.trim();
  if (text) q.q = text;
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) Object.assign(q, { [k]: v });
  }
  return q;
}

export function MemberListPage() {
  const orgId = useSelectedOrgId();
  const org = useOrg(orgId);
  const auth = useAuth();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params, orgId);
  const list = useQuery({
    queryKey: memberKeys.list(query),
    queryFn: ({ signal }) => fetchMembers(query, signal),
    enabled: Boolean(orgId) && !phone,
    placeholderData: keepPreviousData,
  });
  const feed = useMemberFeed(query, Boolean(orgId) && phone);

  const defs = memberColumns(location.search);
  const [hidden, setHidden] = useLocalStorageState<string[]>(
    'grassroots.members.hiddenColumns',
    defs.filter((d) => d.defaultHidden).map((d) => d.key),
  );

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  const filterValues: FilterValues = { q: query.q };
  for (const k of FILTER_KEYS) filterValues[k] = params.get(k) ?? undefined;
  const filtered = Boolean(query.q) || FILTER_KEYS.some((k) => params.get(k));

  const columns = defs
    .filter((d) => d.fixed || !hidden.includes(d.key))
    .map((d): ColumnType<Member> => {
      const sortable = SORTABLE[d.key];
      if (!sortable) return { ...d.column, key: d.key, title: d.title };
      const order: SortOrder = query.sort === sortable.asc ? 'ascend' : query.sort === sortable.desc ? 'descend' : null;
      return {
        ...d.column,
        key: d.key,
        title: d.title,
        sorter: true,
        sortOrder: order,
        sortDirections: ['ascend', 'descend'],
      };
    });

  const columnSettings = (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="显示的列"
      content={
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '4px 16px' }}>
          {defs.map((d) => (
            <Checkbox
              key={d.key}
              disabled={d.fixed}
              checked={d.fixed || !hidden.includes(d.key)}
              onChange={(e) => setHidden(e.target.checked ? hidden.filter((k) => k !== d.key) : [...hidden, d.key])}
            >
              {d.title}
            </Checkbox>
          ))}
          <Button
            size="small"
            type="link"
            style={{ gridColumn: 'span 2', padding: 0, textAlign: 'left' }}
            onClick={() => setHidden(defs.filter((d) => d.defaultHidden).map((d) => d.key))}
          >
            恢复默认
          </Button>
        </div>
      }
    >
      <Button icon={<SettingOutlined />} aria-label="列设置">
        {phone ? null : '列设置'}
      </Button>
    </Popover>
  );

  const canCreate = auth.canAt('members:write', orgChainOf(org.data)) && !org.data?.closedAt;
  const queryClient = useQueryClient();
  // 导出: the current filters and sort, the columns shown.
  const { page: _page, pageSize: _pageSize, ...exportFilters } = query;
  const exportUrl = withQuery('/api/members/export', {
    ...exportFilters,
    columns: defs
      .filter((d) => d.fixed || !hidden.includes(d.key))
      .map((d) => d.key)
      .join(','),
  });
  const data = list.data;
  const total = phone ? feed.data?.pages[0]?.total : data?.total;
  const empty = (
    <EmptyState
      description={filtered ? '没有符合条件的党员' : '该组织及下级暂无党员'}
      hint={filtered ? '请调整搜索内容或筛选条件' : canCreate ? '可点击“新增党员”登记' : undefined}
    />
  );

  return (
    <div>
      <PageHeader
        breadcrumb={orgBreadcrumbItems(org.data, { title: '党员管理', path: '/members' })}
        title="党员管理"
        tags={
          org.data ? (
            <Typography.Text type="secondary">
              {org.data.name}及下级 · 共 {total === undefined ? '…' : total.toLocaleString('zh-CN')} 名
            </Typography.Text>
          ) : null
        }
        extra={
          <>
            <LedgerButtons
              what="党员"
              canImport={canCreate}
              importUrl="/api/members/import"
              templateUrl="/api/members/import-template"
              exportUrl={exportUrl}
              compact={phone}
              onImported={() => {
                void queryClient.invalidateQueries({ queryKey: memberKeys.all });
                void queryClient.invalidateQueries({ queryKey: orgKeys.all });
              }}
            />
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(scopedHref('/members/new', orgId))}
              >
                新增党员
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <MemberFilters
          values={filterValues}
          onChange={(c) => update(c)}
          extra={
            phone ? (
              <Select<MemberSort>
                value={query.sort}
                onChange={(v) => update({ sort: v })}
                options={MEMBER_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
                style={{ width: 150 }}
                aria-label="排序"
              />
            ) : (
              columnSettings
            )
          }
        />
      </Card>
      {phone ? (
        <MemberFeedList feed={feed} empty={empty} />
      ) : list.isError ? (
        <Card>
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </Card>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Member>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={data?.items ?? []}
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(m) =>
              ({ 'data-testid': 'member-row', 'data-member-id': m.id }) as React.HTMLAttributes<HTMLElement>
            }
            onChange={(pagination, _filters, sorter, extra) => {
              if (extra.action === 'sort') {
                const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Member> | undefined;
                const def = s?.columnKey ? SORTABLE[String(s.columnKey)] : undefined;
                update({ sort: def && s?.order ? (s.order === 'descend' ? def.desc : def.asc) : undefined });
              } else if (extra.action === 'paginate') {
                update(
                  {
                    page: String(pagination.current ?? 1),
                    pageSize: String(pagination.pageSize ?? 20),
                  },
                  pagination.pageSize !== query.pageSize,
                );
              }
            }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showQuickJumper: true,
              showTotal: (t, [a, b]) => `第 ${a}-${b} 条，共 ${t.toLocaleString('zh-CN')} 条`,
              style: { padding: '0 16px' },
            }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
          />
        </Card>
      )}
    </div>
  );
}
