import type { ColumnType, Generated, Selectable } from 'kysely';

// 统计表: a form defined by an org (the owner) for its subtree; `definition` is JSON (TFormDefinition), `template`
// the uploaded .xlsx of a template-based form.
export interface StatFormTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  /** Generated from org_path. */
  provinceId: ColumnType<number, never, never>;
  name: string;
  definition: string;
  template: Buffer | null;
  version: Generated<number>;
  createdBy: number;
  createdAt: string;
  updatedBy: number;
  updatedAt: string;
  archivedAt: string | null;
}
export type StatFormRow = Selectable<StatFormTable>;
