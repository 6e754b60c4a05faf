import type { ColumnType, Generated, Selectable } from 'kysely';

// 核数说法: a phrase users added to the fact-checker's dictionary; it applies to reports of its org's subtree.
export interface MetricPhraseTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  /** Generated from org_path (docs/SCALING.md). */
  provinceId: ColumnType<number, never, never>;
  phrase: string;
  metricKey: string;
  createdBy: number;
  createdAt: string;
}
export type MetricPhraseRow = Selectable<MetricPhraseTable>;
