import dayjs from 'dayjs';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

export function formatDate(date: string | null | undefined): string {
  return date ? date : '—';
}

export function orDash(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

export function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 1000) / 10 : 0;
}

/** YYYY-MM-DD of a dayjs value (DatePicker) or null. */
export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

export function fromIsoDate(value: string | null | undefined): dayjs.Dayjs | null {
  return value ? dayjs(value, 'YYYY-MM-DD') : null;
}
