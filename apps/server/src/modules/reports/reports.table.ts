import type { ReportTemplatePeriodKind } from '@grassroots/domain';
import type { ColumnType, Generated, Selectable } from 'kysely';

// 汇报模板: a template saved by users (a copy of a built-in, edited), visible along its org's line: to the org's
// subtree and to the levels above it.
export interface ReportTemplateTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  /** Generated from org_path (docs/SCALING.md). */
  provinceId: ColumnType<number, never, never>;
  name: string;
  description: string | null;
  periodKind: ReportTemplatePeriodKind;
  title: string;
  body: string;
  version: Generated<number>;
  createdBy: number;
  createdAt: string;
  updatedBy: number;
  updatedAt: string;
}
export type ReportTemplateRow = Selectable<ReportTemplateTable>;

// 汇报稿: the prose of one report for an org and a period, placeholders kept, figures filled at render time.
export interface ReportDraftTable {
  id: Generated<number>;
  orgId: number;
  orgPath: string;
  provinceId: ColumnType<number, never, never>;
  /** builtin:<key> or saved:<id>, and the template's name when the draft was started. */
  templateKey: string;
  templateName: string;
  title: string;
  body: string;
  periodFrom: string;
  periodTo: string;
  compareFrom: string | null;
  compareTo: string | null;
  version: Generated<number>;
  createdBy: number;
  createdAt: string;
  updatedBy: number;
  updatedAt: string;
}
export type ReportDraftRow = Selectable<ReportDraftTable>;
