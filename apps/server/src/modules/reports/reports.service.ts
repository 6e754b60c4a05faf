// 工作汇报: templates (built-in ones in code, saved ones per org), drafts for an org and a period, the preview rendered
// from the metric catalogue, the suggested 存在的问题, and the export to .docx / .md as a job. Reading is stats:read
// (each figure also needs its metric's own permission); writing is reports:write over the draft's org.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import {
  AppError,
  paragraphText,
  type RenderedReport,
  type ReportDraftDto,
  type ReportExportFormat,
  type ReportTemplateDto,
  reportPeriodErrors,
  type TReportDraftCreate,
  type TReportDraftListQuery,
  type TReportDraftUpdate,
  type TReportPreview,
  type TReportSuggestionsQuery,
  type TReportTemplateCreate,
  type TReportTemplateListQuery,
  type TReportTemplateUpdate,
} from '@grassroots/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import {
  countRunningJobs,
  createJob,
  getOwnJob,
  type JobDto,
  type JobProgress,
  jobParams,
  startJob,
  toJobDto,
} from '../../platform/jobs.js';
import type { Page } from '../../platform/paging.js';
import { hasPermission, isPathInScope, narrowScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import { type JobFileKind, jobFilePath, removeJobFiles, UPLOAD_DIR } from '../../platform/uploads.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { buildReportDocx } from './report-docx.js';
import { buildReportMarkdown } from './report-markdown.js';
import { type RenderScope, renderReport, suggestProblems } from './report-render.js';
import { BUILTIN_TEMPLATES, type BuiltinTemplate, builtinTemplate } from './report-templates.js';
import * as repo from './reports.repo.js';

const TEMPLATE = '汇报模板';
const DRAFT = '汇报稿';
/** Report exports a user may have running at once. */
const MAX_RUNNING_EXPORTS = 2;
export const REPORT_JOB_PREFIX = 'report.';

function writeScope(actor: Actor): Scope {
  return hasPermission(actor, 'reports:write') ? scopeOf(actor, 'reports:write') : [];
}

// ---- templates

function builtinDto(t: BuiltinTemplate): ReportTemplateDto {
  return {
    key: `builtin:${t.key}`,
    id: null,
    builtin: true,
    orgId: null,
    orgName: null,
    name: t.name,
    description: t.description,
    periodKind: t.periodKind,
    title: t.title,
    body: t.body,
    version: 0,
    updatedAt: null,
    updatedByName: null,
    canEdit: false,
  };
}

function templateDto(row: repo.TemplateWithNames, actor: Actor): ReportTemplateDto {
  return {
    key: `saved:${row.id}`,
    id: row.id,
    builtin: false,
    orgId: Number(row.orgId),
    orgName: row.orgName,
    name: row.name,
    description: row.description,
    periodKind: row.periodKind,
    title: row.title,
    body: row.body,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    canEdit: isPathInScope(writeScope(actor), row.orgPath),
  };
}

/** The built-in templates (anyone who may read statistics may start a draft from them). */
export function listBuiltinTemplates(actor: Actor): { items: ReportTemplateDto[] } {
  scopeOf(actor, 'stats:read');
  return { items: BUILTIN_TEMPLATES.map(builtinDto) };
}

export async function listTemplates(
  ctx: AppContext,
  actor: Actor,
  query: TReportTemplateListQuery,
): Promise<Page<ReportTemplateDto>> {
  const visible = repo.whereTemplateVisible(scopeOf(actor, 'stats:read'));
  const { items, total } = await repo.findTemplates(ctx.db, visible, query.q, query.page, query.pageSize);
  return { items: items.map((r) => templateDto(r, actor)), total, page: query.page, pageSize: query.pageSize };
}

async function readTemplate(ctx: AppContext, actor: Actor, id: number, want: 'read' | 'write') {
  const row = await repo.findTemplateById(ctx.db, id, repo.whereTemplateVisible(scopeOf(actor, 'stats:read')));
  if (!row) throw notFound(TEMPLATE);
  if (want === 'write' && !isPathInScope(writeScope(actor), row.orgPath)) {
    throw new AppError('FORBIDDEN', '该模板属于上级组织，您可以复制后另存为自己的模板');
  }
  return row;
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: number) {
  return templateDto(await readTemplate(ctx, actor, id, 'read'), actor);
}

/** What an audit row keeps of a long text: its length and digest (the text itself is in the record). */
function textDigest(text: string) {
  return { chars: text.length, sha256: createHash('sha256').update(text).digest('hex') };
}

const templateAudit = (r: {
  name: string;
  description: string | null;
  periodKind: string;
  title: string;
  body: string;
}) => ({
  name: r.name,
  description: r.description,
  periodKind: r.periodKind,
  title: r.title,
  body: textDigest(r.body),
});

export async function createTemplate(ctx: AppContext, actor: Actor, input: TReportTemplateCreate) {
  const org = await getOrgInScope(ctx, actor, 'reports:write', input.orgId);
  const now = nowIso();
  const row = {
    orgId: org.id,
    orgPath: org.path,
    name: input.name,
    description: input.description ?? null,
    periodKind: input.periodKind,
    title: input.title,
    body: input.body,
    createdBy: actor.userId,
    createdAt: now,
    updatedBy: actor.userId,
    updatedAt: now,
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertTemplate(trx, row);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'report_template',
      entityId: newId,
      orgPath: org.path,
      after: templateAudit(row),
    });
    return newId;
  });
  return getTemplate(ctx, actor, id);
}

export async function updateTemplate(ctx: AppContext, actor: Actor, id: number, patch: TReportTemplateUpdate) {
  const current = await readTemplate(ctx, actor, id, 'write');
  if (current.version !== patch.version) throw staleVersion(TEMPLATE, templateDto(current, actor));
  const { version, ...fields } = patch;
  const next = { ...current, ...fields, description: fields.description ?? current.description };
  await ctx.db.transaction().execute(async (trx) => {
    const written = await repo.updateTemplateVersioned(trx, id, version, {
      name: next.name,
      description: next.description,
      periodKind: next.periodKind,
      title: next.title,
      body: next.body,
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    if (!written) throw staleVersion(TEMPLATE, templateDto(current, actor));
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'report_template',
      entityId: id,
      orgPath: current.orgPath,
      before: templateAudit(current),
      after: templateAudit(next),
    });
  });
  return getTemplate(ctx, actor, id);
}

export async function deleteTemplate(ctx: AppContext, actor: Actor, id: number, version: number) {
  const current = await readTemplate(ctx, actor, id, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTemplateVersioned(trx, id, version))) {
      throw staleVersion(TEMPLATE, templateDto(current, actor));
    }
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'report_template',
      entityId: id,
      orgPath: current.orgPath,
      before: templateAudit(current),
    });
  });
}

// ---- drafts

function draftDto(row: repo.DraftWithNames, actor: Actor): ReportDraftDto {
  return {
    id: row.id,
    orgId: Number(row.orgId),
    orgName: row.orgName,
    templateKey: row.templateKey,
    templateName: row.templateName,
    title: row.title,
    body: row.body,
    from: row.periodFrom,
    to: row.periodTo,
    compareFrom: row.compareFrom,
    compareTo: row.compareTo,
    version: row.version,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt,
    canEdit: isPathInScope(writeScope(actor), row.orgPath),
  };
}

const draftAudit = (r: {
  title: string;
  body: string;
  templateKey: string;
  periodFrom: string;
  periodTo: string;
  compareFrom: string | null;
  compareTo: string | null;
}) => ({
  title: r.title,
  templateKey: r.templateKey,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  compareFrom: r.compareFrom,
  compareTo: r.compareTo,
  body: textDigest(r.body),
});

/** Outside the read scope → 404; readable but not writable → 403. */
async function readDraft(ctx: AppContext, actor: Actor, id: number, want: 'read' | 'write' = 'read') {
  const row = await repo.findDraftById(ctx.db, id);
  if (!row || !isPathInScope(scopeOf(actor, 'stats:read'), row.orgPath)) throw notFound(DRAFT);
  if (want === 'write' && !isPathInScope(writeScope(actor), row.orgPath)) {
    throw new AppError('FORBIDDEN', '您没有修改该汇报稿的权限');
  }
  return row;
}

export async function listDrafts(
  ctx: AppContext,
  actor: Actor,
  query: TReportDraftListQuery,
): Promise<Page<ReportDraftDto>> {
  const { orgId, q, page, pageSize } = query;
  let scope = scopeOf(actor, 'stats:read');
  if (orgId !== undefined) scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'stats:read', orgId)).path);
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findDrafts(ctx.db, whereInScope(scope, 'd.orgPath'), q, page, pageSize);
  return { items: items.map((r) => draftDto(r, actor)), total, page, pageSize };
}

export async function getDraft(ctx: AppContext, actor: Actor, id: number) {
  return draftDto(await readDraft(ctx, actor, id), actor);
}

async function templateFor(ctx: AppContext, actor: Actor, key: string) {
  const [kind, ref] = key.split(':') as ['builtin' | 'saved', string];
  if (kind === 'builtin') {
    const t = builtinTemplate(ref);
    if (t) return { name: t.name, title: t.title, body: t.body };
  } else {
    const row = await repo.findTemplateById(
      ctx.db,
      Number(ref),
      repo.whereTemplateVisible(scopeOf(actor, 'stats:read')),
    );
    if (row) return { name: row.name, title: row.title, body: row.body };
  }
  throw validationFailed({ templateKey: '模板不存在或不在您的管辖范围内' });
}

export async function createDraft(ctx: AppContext, actor: Actor, input: TReportDraftCreate) {
  const org = await getOrgInScope(ctx, actor, 'reports:write', input.orgId);
  const template = await templateFor(ctx, actor, input.templateKey);
  const now = nowIso();
  const row = {
    orgId: org.id,
    orgPath: org.path,
    templateKey: input.templateKey,
    templateName: template.name,
    title: input.title ?? template.title,
    body: template.body,
    periodFrom: input.from,
    periodTo: input.to,
    compareFrom: input.compareFrom ?? null,
    compareTo: input.compareTo ?? null,
    createdBy: actor.userId,
    createdAt: now,
    updatedBy: actor.userId,
    updatedAt: now,
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertDraft(trx, row);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'report_draft',
      entityId: newId,
      orgPath: org.path,
      after: draftAudit(row),
    });
    return newId;
  });
  return getDraft(ctx, actor, id);
}

export async function updateDraft(ctx: AppContext, actor: Actor, id: number, patch: TReportDraftUpdate) {
  const current = await readDraft(ctx, actor, id, 'write');
  if (current.version !== patch.version) throw staleVersion(DRAFT, draftDto(current, actor));
  const next = {
    ...current,
    title: patch.title ?? current.title,
    body: patch.body ?? current.body,
    periodFrom: patch.from ?? current.periodFrom,
    periodTo: patch.to ?? current.periodTo,
    compareFrom: patch.compareFrom === undefined ? current.compareFrom : patch.compareFrom,
    compareTo: patch.compareTo === undefined ? current.compareTo : patch.compareTo,
  };
  const errors = reportPeriodErrors({
    from: next.periodFrom,
    to: next.periodTo,
    compareFrom: next.compareFrom,
    compareTo: next.compareTo,
  });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  await ctx.db.transaction().execute(async (trx) => {
    const written = await repo.updateDraftVersioned(trx, id, patch.version, {
      title: next.title,
      body: next.body,
      periodFrom: next.periodFrom,
      periodTo: next.periodTo,
      compareFrom: next.compareFrom,
      compareTo: next.compareTo,
      updatedBy: actor.userId,
      updatedAt: nowIso(),
    });
    if (!written) throw staleVersion(DRAFT, draftDto(current, actor));
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'report_draft',
      entityId: id,
      orgPath: current.orgPath,
      before: draftAudit(current),
      after: draftAudit(next),
    });
  });
  return getDraft(ctx, actor, id);
}

export async function deleteDraft(ctx: AppContext, actor: Actor, id: number, version: number) {
  const current = await readDraft(ctx, actor, id, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraftVersioned(trx, id, version))) throw staleVersion(DRAFT, draftDto(current, actor));
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'report_draft',
      entityId: id,
      orgPath: current.orgPath,
      before: draftAudit(current),
    });
  });
}

// ---- rendering

const periodPair = (from: string | null | undefined, to: string | null | undefined) =>
  from && to ? { from, to } : null;

function draftScope(row: repo.DraftWithNames): RenderScope {
  return {
    org: { id: Number(row.orgId), name: row.orgName },
    period: { from: row.periodFrom, to: row.periodTo },
    compare: periodPair(row.compareFrom, row.compareTo),
  };
}

/** The saved draft rendered for its org and period. */
export async function renderDraft(ctx: AppContext, actor: Actor, id: number): Promise<RenderedReport> {
  const row = await readDraft(ctx, actor, id);
  return renderReport(ctx, actor, draftScope(row), row);
}

/** Text being edited, rendered without saving. */
export async function previewReport(ctx: AppContext, actor: Actor, input: TReportPreview): Promise<RenderedReport> {
  const org = await getOrgInScope(ctx, actor, 'stats:read', input.orgId);
  return renderReport(
    ctx,
    actor,
    {
      org: { id: org.id, name: org.name },
      period: { from: input.from, to: input.to },
      compare: periodPair(input.compareFrom, input.compareTo),
    },
    input,
  );
}

export async function suggestions(ctx: AppContext, actor: Actor, query: TReportSuggestionsQuery) {
  const org = await getOrgInScope(ctx, actor, 'stats:read', query.orgId);
  const items = await suggestProblems(ctx, actor, {
    org: { id: org.id, name: org.name },
    period: { from: query.from, to: query.to },
    compare: periodPair(query.compareFrom, query.compareTo),
  });
  return { items };
}

// ---- export as a job

const FILE_KINDS: Record<ReportExportFormat, JobFileKind> = { docx: 'report.docx', md: 'report.md' };
export const REPORT_MIME: Record<ReportExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
};

interface ExportParams {
  draftId: number;
  format: ReportExportFormat;
}

export interface ExportResult {
  fileName: string;
  format: ReportExportFormat;
  bytes: number;
  draftId: number;
  version: number;
  figures: number;
  missing: RenderedReport['missing'];
}

/** A file name from the report's title, without characters file systems refuse. */
function fileNameOf(report: RenderedReport, format: ReportExportFormat): string {
  const title =
    paragraphText(report.title)
      .replace(/[\\/:*?"<>|\r\n]+/g, '')
      .slice(0, 80) || '工作汇报';
  return `${title}.${format}`;
}

/** Renders the draft as it is when the job runs (its latest version), writes the file, audits the export. */
async function runExport(
  ctx: AppContext,
  actor: Actor,
  params: ExportParams,
  fileKey: string,
  progress: JobProgress,
): Promise<ExportResult> {
  await progress.phase('rendering');
  const row = await readDraft(ctx, actor, params.draftId);
  const report = await renderReport(ctx, actor, draftScope(row), row, async (done, total) => {
    progress.setTotal(total);
    await progress.advance(done);
  });
  await progress.phase('writing');
  const fileName = fileNameOf(report, params.format);
  const bytes =
    params.format === 'docx'
      ? await buildReportDocx(report, { creator: actor.name, title: paragraphText(report.title) })
      : Buffer.from(buildReportMarkdown(report), 'utf8');
  await mkdir(UPLOAD_DIR, { recursive: true });
  await writeFile(jobFilePath(fileKey, FILE_KINDS[params.format]), bytes);
  const result: ExportResult = {
    fileName,
    format: params.format,
    bytes: bytes.length,
    draftId: row.id,
    version: row.version,
    figures: report.figures,
    missing: report.missing,
  };
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: 'export',
      entity: 'report_draft',
      entityId: row.id,
      orgPath: row.orgPath,
      after: { fileName, format: params.format, version: row.version, figures: report.figures },
    }),
  );
  return result;
}

/**
 * Starts the export of a draft as a job (the caller answers 202): its progress is the metrics computed; its result
 * names the file, fetched from GET /api/report-exports/:id/file. A job cut off by a restart is marked failed at start
 * (platform/jobs.ts) and is run again by POST /api/report-exports/:id/rerun.
 */
export async function startReportExport(
  ctx: AppContext,
  actor: Actor,
  params: ExportParams,
  log: FastifyBaseLogger,
): Promise<JobDto> {
  await readDraft(ctx, actor, params.draftId);
  if ((await countRunningJobs(ctx.db, actor.userId, REPORT_JOB_PREFIX)) >= MAX_RUNNING_EXPORTS) {
    throw new AppError('TOO_MANY_REQUESTS', '您已有汇报稿正在导出，请等它完成后再导出');
  }
  const fileKey = randomBytes(16).toString('hex');
  const job = await createJob(ctx.db, {
    kind: `${REPORT_JOB_PREFIX}${params.format}`,
    createdBy: actor.userId,
    params,
    fileKey,
  });
  startJob(
    ctx.db,
    job,
    log,
    (progress) => runExport(ctx, actor, params, fileKey, progress),
    async (state) => {
      if (state !== 'succeeded') await removeJobFiles(fileKey, [FILE_KINDS[params.format]]);
    },
  );
  return toJobDto(job);
}

async function ownReportJob(ctx: AppContext, actor: Actor, jobId: number) {
  const job = await getOwnJob(ctx.db, actor, jobId);
  if (!job.kind.startsWith(REPORT_JOB_PREFIX)) throw notFound('导出任务');
  return job;
}

/** A failed export (an error, a restart) started again with the same draft and format, as a new job. */
export async function rerunReportExport(ctx: AppContext, actor: Actor, jobId: number, log: FastifyBaseLogger) {
  const job = await ownReportJob(ctx, actor, jobId);
  if (job.state !== 'failed') throw new AppError('BUSINESS_RULE', '只有失败的导出任务可以重新运行');
  return startReportExport(ctx, actor, jobParams<ExportParams>(job), log);
}

/** The file of a finished export, for the user who started it. */
export async function exportFile(ctx: AppContext, actor: Actor, jobId: number) {
  const job = await ownReportJob(ctx, actor, jobId);
  const { result } = toJobDto(job);
  if (job.state !== 'succeeded' || !job.fileKey || !result) throw notFound('导出文件');
  const { fileName, format } = result as ExportResult;
  const path = jobFilePath(job.fileKey, FILE_KINDS[format]);
  try {
    await access(path);
  } catch {
    throw notFound('导出文件（已过期，请重新导出）');
  }
  return { path, fileName, mime: REPORT_MIME[format] };
}
