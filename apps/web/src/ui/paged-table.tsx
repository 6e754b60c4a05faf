// The table of one page of a server list: the error state in its place, a spinner while a page loads, nothing in the
// empty state until the first answer, the total from the server.
import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { ErrorState } from './query-states';

/** The parts of a TanStack query of a page that the table reads. */
export interface PageQuery<T> {
  data: { items: T[]; total: number } | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  isPending: boolean;
  refetch: () => unknown;
}

export interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale' | 'pagination'> {
  query: PageQuery<T>;
  pagination: Omit<TablePaginationConfig, 'total'>;
  /** Shown when the list is empty. */
  empty: ReactNode;
  /** Busy for another reason than fetching the page. */
  busy?: boolean;
}

export function PagedTable<T extends object>({ query, pagination, empty, busy, ...table }: PagedTableProps<T>) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      size="middle"
      rowKey="id"
      scroll={{ x: 'max-content' }}
      {...table}
      loading={query.isFetching || busy}
      dataSource={query.data?.items ?? []}
      pagination={{ ...pagination, total: query.data?.total ?? 0 }}
      locale={{ emptyText: query.isPending ? ' ' : empty }}
    />
  );
}

/**
 * Page and page size held by the component (a drawer's list, not a page whose list state lives in the URL): a new
 * page size starts again at page 1.
 */
export function useLocalPaging(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination: PagedTableProps<object>['pagination'] = {
    current: page,
    pageSize,
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 条`,
    onChange: (p, ps) => {
      setPage(ps === pageSize ? p : 1);
      setPageSize(ps);
    },
  };
  return { page, pageSize, pagination };
}
