import { todayIso } from '@grassroots/domain';

/** Timestamps are ISO-8601 UTC strings in every table. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function today(): string {
  return todayIso();
}
