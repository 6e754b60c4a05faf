import { type SelectQueryBuilder, sql } from 'kysely';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/**
 * One page of a list and the count of the whole list, run side by side. `filtered` is the list with its filters and no
 * selection; `rows` turns it into the ordered, selected rows (joins for display belong there, so the count stays
 * on the filtered table alone).
 */
export async function pageOf<DB, TB extends keyof DB, F, RowDB, RowTB extends keyof RowDB, O>(
  filtered: SelectQueryBuilder<DB, TB, F>,
  rows: (filtered: SelectQueryBuilder<DB, TB, F>) => SelectQueryBuilder<RowDB, RowTB, O>,
  page: number,
  pageSize: number,
): Promise<{ items: O[]; total: number }> {
  const [items, count] = await Promise.all([
    rows(filtered).limit(pageSize).offset(offsetOf(page, pageSize)).execute(),
    filtered.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number((count as { n: number | string }).n) };
}
