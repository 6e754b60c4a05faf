// 统计表 (一表通, issue 7 §3): the built-in 党内统计 forms and the forms an org defines for its subtree — as a grid of
// metric formulas or from an uploaded Excel template. A stored form is seen by users whose stats:read scope holds its
// owner (the county and its own users) or lies under it (a township fills the county's form for itself); it is written
// with forms:write over the owner. Every formula must read and every key be in the catalogue (400 naming the cell).

import { createHash } from 'node:crypto';
import {
  AppError,
  ExpressionError,
  expressionKeys,
  type FieldErrors,
  type FormDetail,
  type FormSummary,
  parseExpression,
  type TFormCreate,
  type TFormDefinition,
  type TFormListQuery,
  type TFormUpdate,
} from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getMetricDefinition } from '../metrics/metrics.service.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { BUILT_IN_FORMS } from './built-in-forms.js';
import { builtInDetail, definitionOf, formAudit, toFormDetail, toFormSummary } from './forms.mapper.js';
import * as repo from './forms.repo.js';
import { cellAddress, MAX_TEMPLATE_BYTES, readTemplate } from './forms-template.js';

const FORM = '统计表';

/** The paths strictly above `path`: /1/7/42/ → /1/, /1/7/. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Owned inside the scope, or by an org above one of its anchors (a form issued from above). */
function visibleWhere(scope: Scope, column: string): Expression<SqlBool> {
  const above = [...new Set(scope.flatMap((a) => ancestorPaths(a.path)))];
  if (above.length === 0) return whereInScope(scope, column);
  return sql<SqlBool>`(${whereInScope(scope, column)} or ${sql.ref(column)} in (${sql.join(above)}))`;
}

function isVisible(scope: Scope, path: string): boolean {
  return isPathInScope(scope, path) || scope.some((a) => a.path.startsWith(path));
}

/** The forms of one org: issued by it or above it, or made inside its subtree. */
function forOrgWhere(path: string, column: string): Expression<SqlBool> {
  const own = whereInScope([{ path, includeSubtree: true }], column);
  const above = ancestorPaths(path);
  if (above.length === 0) return own;
  return sql<SqlBool>`(${own} or ${sql.ref(column)} in (${sql.join(above)}))`;
}

const BUILT_IN = new Map(BUILT_IN_FORMS.map((f) => [f.key, f]));

export function listBuiltInForms(actor: Actor): { items: FormSummary[] } {
  scopeOf(actor, 'stats:read'); // 403 without it
  return {
    items: BUILT_IN_FORMS.map((f) => {
      const { definition, ...summary } = builtInDetail(f);
      return summary;
    }),
  };
}

export async function listForms(ctx: AppContext, actor: Actor, q: TFormListQuery): Promise<Page<FormSummary>> {
  const scope = scopeOf(actor, 'stats:read');
  const org = q.orgId === undefined ? null : await getOrgInScope(ctx, actor, 'stats:read', q.orgId);
  const { items, total } = await repo.findForms(
    ctx.db,
    visibleWhere(scope, 'f.orgPath'),
    q,
    org ? forOrgWhere(org.path, 'f.orgPath') : null,
    q.sort,
    q.page,
    q.pageSize,
  );
  return { items: items.map(toFormSummary), total, page: q.page, pageSize: q.pageSize };
}

/** A stored form the actor sees (404 otherwise); `write`: also writable (403 when only readable). */
async function storedForm(ctx: AppContext, actor: Actor, id: number, want: 'read' | 'write') {
  const row = await repo.findFormById(ctx.db, id);
  if (!row || !isVisible(scopeOf(actor, 'stats:read'), row.orgPath)) throw notFound(FORM);
  if (want === 'write' && !isPathInScope(scopeOf(actor, 'forms:write'), row.orgPath)) {
    throw new AppError('FORBIDDEN', `您没有修改该${FORM}的权限（由${row.orgName}制定）`);
  }
  return row;
}

/** A form by its URL key: a built-in's key or a stored form's id. */
export async function getForm(ctx: AppContext, actor: Actor, key: string): Promise<FormDetail> {
  if (!/^\d+$/.test(key)) {
    scopeOf(actor, 'stats:read'); // 403 without it
    const builtIn = BUILT_IN.get(key);
    if (!builtIn) throw notFound(FORM);
    return builtInDetail(builtIn);
  }
  return toFormDetail(await storedForm(ctx, actor, Number(key), 'read'));
}

/** The template bytes of a form the actor sees (null for a grid form). */
export async function getFormTemplate(ctx: AppContext, form: FormDetail): Promise<Buffer | null> {
  if (!form.hasTemplate || form.id === null) return null;
  return repo.findTemplate(ctx.db, form.id);
}

/** The template as uploaded, for download. */
export async function downloadFormTemplate(ctx: AppContext, actor: Actor, key: string) {
  const form = await getForm(ctx, actor, key);
  const content = await getFormTemplate(ctx, form);
  if (!content || !form.definition.template) throw new AppError('NOT_FOUND', '该统计表不是由Excel模板制作的');
  return { fileName: form.definition.template.fileName, content };
}

function isKnownMetric(key: string): boolean {
  try {
    getMetricDefinition(key);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
    throw e;
  }
}

/** Where a cell is, for a user: its headers in a grid, its address in a template. */
function cellPlace(d: TFormDefinition, r: number, c: number): { field: string; label: string } {
  if (d.template) return { field: cellAddress(r, c), label: `单元格${cellAddress(r, c)}` };
  const row = d.rows[r] || `第${r + 1}行`;
  const column = d.columns[c] || `第${c + 1}列`;
  return { field: `cells.${r}.${c}`, label: `“${row}”行“${column}”列` };
}

/** Every formula reads and every key is in the catalogue; otherwise 400 with each wrong cell named. */
export function checkDefinition(d: TFormDefinition): void {
  const fields: FieldErrors = {};
  let first: string | null = null;
  for (const [r, line] of d.cells.entries()) {
    for (const [c, cell] of line.entries()) {
      if (!cell || !('expr' in cell)) continue;
      let problem: string | null = null;
      try {
        const unknown = expressionKeys(parseExpression(cell.expr)).filter((k) => !isKnownMetric(k));
        if (unknown.length > 0) problem = `未知指标 ${unknown.join('、')}`;
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        problem = `公式有误：${e.message}`;
      }
      if (problem) {
        const place = cellPlace(d, r, c);
        fields[place.field] = problem;
        first ??= `${place.label}：${problem}`;
      }
    }
  }
  if (first) throw new AppError('VALIDATION_FAILED', `输入有误：${first}`, fields);
}

async function insertAudited(
  ctx: AppContext,
  actor: Actor,
  org: { id: number; path: string },
  name: string,
  definition: TFormDefinition,
  template: Buffer | null,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const id = await repo.insertForm(trx, {
      orgId: org.id,
      orgPath: org.path,
      name,
      definition: JSON.stringify(definition),
      template,
      createdBy: actor.userId,
      createdAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
      archivedAt: null,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'stat_form',
      entityId: id,
      orgPath: org.path,
      after: formAudit((await repo.findFormById(trx, id))!, templateAudit(template)),
    });
    return id;
  });
}

const templateAudit = (t: Buffer | null) =>
  t ? { size: t.length, sha256: createHash('sha256').update(t).digest('hex') } : null;

export async function createForm(ctx: AppContext, actor: Actor, input: TFormCreate): Promise<FormDetail> {
  const org = await getOrgInScope(ctx, actor, 'forms:write', input.orgId);
  if (input.definition.template) {
    throw validationFailed({ 'definition.template': '模板报表请通过上传Excel模板创建' });
  }
  checkDefinition(input.definition);
  const id = await insertAudited(ctx, actor, org, input.name, { ...input.definition, template: null }, null);
  return toFormDetail((await repo.findFormById(ctx.db, id))!);
}

/** A form from an uploaded Excel template: its placeholders become formula cells; the file is kept for exports. */
export async function createFormFromTemplate(
  ctx: AppContext,
  actor: Actor,
  input: { orgId: number; name?: string | undefined; fileName: string; content: Buffer },
): Promise<FormDetail> {
  const org = await getOrgInScope(ctx, actor, 'forms:write', input.orgId);
  if (input.content.length > MAX_TEMPLATE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `模板文件不能超过 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`);
  }
  const definition = await readTemplate(input.content, input.fileName);
  checkDefinition(definition);
  const name = (input.name?.trim() || definition.title).slice(0, 100);
  const id = await insertAudited(ctx, actor, org, name, definition, input.content);
  return toFormDetail((await repo.findFormById(ctx.db, id))!);
}

export async function updateForm(ctx: AppContext, actor: Actor, id: number, patch: TFormUpdate): Promise<FormDetail> {
  const current = await storedForm(ctx, actor, id, 'write');
  if (current.version !== patch.version) throw staleVersion(FORM, toFormDetail(current));
  if (current.archivedAt !== null) throw new AppError('BUSINESS_RULE', '该统计表已归档，不能修改');
  const before = definitionOf(current);
  let definition = before;
  if (patch.definition) {
    // A template form's grid is the template's sheet: its cells may change, not its shape or layout.
    if (before.template) {
      if (
        patch.definition.rows.length !== before.rows.length ||
        patch.definition.columns.length !== before.columns.length
      ) {
        throw validationFailed({ 'definition.cells': '模板报表的行列由Excel模板决定，不能增删' });
      }
      definition = { ...patch.definition, rows: before.rows, columns: before.columns, template: before.template };
    } else {
      definition = { ...patch.definition, template: null };
    }
    checkDefinition(definition);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateFormVersioned(trx, id, patch.version, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      definition: JSON.stringify(definition),
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(FORM, toFormDetail(current));
    const template = before.template ? templateAudit(await repo.findTemplate(trx, id)) : null;
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'stat_form',
      entityId: id,
      orgPath: current.orgPath,
      before: formAudit(current, template),
      after: formAudit((await repo.findFormById(trx, id))!, template),
    });
  });
  return toFormDetail((await repo.findFormById(ctx.db, id))!);
}

/** 归档: the form leaves the lists (kept, and still readable by its key). */
export async function archiveForm(ctx: AppContext, actor: Actor, id: number, input: { version: number }) {
  const current = await storedForm(ctx, actor, id, 'write');
  if (current.version !== input.version) throw staleVersion(FORM, toFormDetail(current));
  if (current.archivedAt !== null) throw new AppError('BUSINESS_RULE', '该统计表已归档');
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const ok = await repo.updateFormVersioned(trx, id, input.version, {
      archivedAt: now,
      updatedBy: actor.userId,
      updatedAt: now,
    });
    if (!ok) throw staleVersion(FORM, toFormDetail(current));
    await recordAudit(trx, actor, {
      action: 'archive',
      entity: 'stat_form',
      entityId: id,
      orgPath: current.orgPath,
      before: { archivedAt: null, version: current.version },
      after: { archivedAt: now, version: current.version + 1 },
    });
  });
  return toFormDetail((await repo.findFormById(ctx.db, id))!);
}

export { rewriteFormPaths } from './forms.repo.js';
