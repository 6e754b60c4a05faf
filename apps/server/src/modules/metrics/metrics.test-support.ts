// What every metric owes its users, checked over HTTP on seeded data: the records behind a figure add up to it (their
// count, or the sum of the sum column; a share's records add up to its numerator), every column and the metric
// itself are described in Chinese, and a report can name it.
import { expect } from 'vitest';
import type { MetricDefinition } from '../../platform/metrics.js';
import type { Session } from '../../test/factories.js';

type Get = (s: Session, url: string) => Promise<{ statusCode: number; body: string; json(): unknown }>;

interface RecordPage {
  total: number;
  items: Array<Record<string, string | number | null>>;
  columns: Array<{ key: string; label: string }>;
  sumColumn: string | null;
}

const PAGE_SIZE = 200;

/** Every record of a metric for a query (all pages), with the page's total. */
async function allRecords(get: Get, s: Session, key: string, query: string) {
  const items: RecordPage['items'] = [];
  let first: RecordPage | null = null;
  for (let page = 1; first === null || items.length < first.total; page++) {
    const res = await get(s, `/api/metrics/${key}/records?${query}&page=${page}&pageSize=${PAGE_SIZE}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as RecordPage;
    first ??= body;
    if (body.items.length === 0) break;
    items.push(...body.items);
  }
  return { ...(first as RecordPage), items };
}

async function figure(get: Get, s: Session, key: string, query: string): Promise<number> {
  const res = await get(s, `/api/metrics/${key}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { value: number }).value;
}

/**
 * For each metric and query (`orgId=…&from=…&to=…`): the records list adds up to the figure. A share's numerator is
 * the declared metric with the same records.
 */
export async function expectRecordsAddUp(
  get: Get,
  s: Session,
  declared: readonly MetricDefinition[],
  queries: readonly string[],
) {
  for (const def of declared) {
    expect(def.label, def.key).toMatch(/[\u4e00-\u9fff]/);
    expect(def.description, def.key).toMatch(/[\u4e00-\u9fff]/);
    expect(def.group, def.key).toMatch(/[\u4e00-\u9fff]/);
    expect(['名', '个', '次', '元', '%', '人'], def.key).toContain(def.unit);
    expect(def.phrases.length, def.key).toBeGreaterThan(0);
    const counted = def.kind === 'share' ? declared.find((d) => d !== def && d.records === def.records) : def;
    expect(counted, `${def.key}: its numerator is declared`).toBeDefined();
    for (const query of queries) {
      const page = await allRecords(get, s, def.key, query);
      const what = `${def.key} ${query}`;
      expect(page.items, what).toHaveLength(page.total);
      for (const c of page.columns) expect(c.label, `${def.key}.${c.key}`).toMatch(/[\u4e00-\u9fff]/);
      const value = await figure(get, s, counted!.key, query);
      if (page.sumColumn === null) expect(page.total, what).toBe(value);
      else
        expect(
          page.items.reduce((sum, r) => sum + Number(r[page.sumColumn!]), 0),
          what,
        ).toBeCloseTo(value, 2);
    }
  }
}
