import type { FormDetail, FormSummary, TFormDefinition } from '@grassroots/domain';
import type { BuiltInForm } from './built-in-forms.js';
import type { FormWithOrg } from './forms.repo.js';

export function definitionOf(row: Pick<FormWithOrg, 'definition'>): TFormDefinition {
  return JSON.parse(row.definition) as TFormDefinition;
}

export function toFormDetail(row: FormWithOrg): FormDetail {
  const definition = definitionOf(row);
  return {
    key: String(row.id),
    id: Number(row.id),
    builtIn: false,
    name: row.name,
    title: definition.title,
    orgId: Number(row.orgId),
    orgName: row.orgName,
    rowCount: definition.rows.length,
    columnCount: definition.columns.length,
    hasTemplate: Number(row.hasTemplate) === 1,
    version: row.version,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
    definition,
  };
}

export function toFormSummary(row: FormWithOrg): FormSummary {
  const { definition, ...summary } = toFormDetail(row);
  return summary;
}

export function builtInDetail(form: BuiltInForm): FormDetail {
  return {
    key: form.key,
    id: null,
    builtIn: true,
    name: form.name,
    title: form.definition.title,
    orgId: null,
    orgName: null,
    rowCount: form.definition.rows.length,
    columnCount: form.definition.columns.length,
    hasTemplate: false,
    version: 0,
    updatedAt: null,
    archivedAt: null,
    definition: form.definition,
  };
}

/** What the audit log keeps of a form: its columns and definition; of a template, its size and hash. */
export function formAudit(row: FormWithOrg, template: { size: number; sha256: string } | null) {
  return {
    id: Number(row.id),
    orgId: Number(row.orgId),
    orgPath: row.orgPath,
    name: row.name,
    version: row.version,
    archivedAt: row.archivedAt,
    definition: definitionOf(row),
    template,
  };
}
