export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
