// The table of one page of a server list: the error state in its place, a spinner while a page loads, nothing in the
// empty state until the first answer, the total from the server.
import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { ReactNode } from 'react';
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
