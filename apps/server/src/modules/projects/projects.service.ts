// 书记项目 (立项 → 推进 → 验收 → 评比; a level above accepts and rates) and 实事 / 急难愁盼问题 (raised by whom, owner,
// target date, result, residents' satisfaction); figures such as "领办1560件实事已完成85%" come from one aggregate.
import {
  AppError,
  completionRate,
  MATTER_KIND_LABELS,
  type MatterKind,
  type ProjectAction,
  type TMatterCreate,
  type TMatterQuery,
  type TMatterUpdate,
  type TProjectAction,
  type TProjectCreate,
  type TProjectQuery,
  type TProjectUpdate,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import { recordCreation, runTransition } from '../../platform/workflow.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { auditOf, type MatterDto, type ProjectDto, toMatterDto, toProjectDto } from './projects.mapper.js';
import * as repo from './projects.repo.js';
import { SECRETARY_PROJECT } from './projects.workflow.js';

const PROJECT = '书记项目';
const MATTER = '实事';

async function readScope(ctx: AppContext, actor: Actor, orgId: number | undefined): Promise<Scope> {
  const scope = scopeOf(actor, 'tasks:read');
  if (orgId === undefined) return scope;
  return narrowScope(scope, (await getOrgInScope(ctx, actor, 'tasks:read', orgId)).path);
}

/** Read scope → 404 when outside; write wanted but only readable → 403. */
async function inScope<T extends { orgPath: string }>(
  actor: Actor,
  row: T | undefined,
  what: string,
  want: 'read' | 'write',
): Promise<T> {
  // The permission first: without it the answer is 403 whether or not the record exists.
  const readable = scopeOf(actor, 'tasks:read');
  if (!row || !isPathInScope(readable, row.orgPath)) throw notFound(what);
  if (want === 'write' && !isPathInScope(scopeOf(actor, 'tasks:write'), row.orgPath)) {
    throw new AppError('FORBIDDEN', `您没有修改该${what}的权限`);
  }
  return row;
}

const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');

// ---- 书记项目

export async function listProjects(ctx: AppContext, actor: Actor, q: TProjectQuery): Promise<Page<ProjectDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { orgId, page, pageSize, ...f } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findProjects(ctx.db, whereInScope(scope, 'p.orgPath'), f, page, pageSize);
  return { items: items.map(toProjectDto), total, page, pageSize };
}

export async function getProject(ctx: AppContext, actor: Actor, id: number) {
  const row = await inScope(actor, await repo.findProjectById(ctx.db, id), PROJECT, 'read');
  const write = isPathInScope(scopeOf(actor, 'tasks:read'), row.orgPath) ? writeScope(actor) : [];
  return {
    ...toProjectDto(row),
    canEdit: isPathInScope(write, row.orgPath),
    canDecide: row.orgPath !== parentPath(row.orgPath) && isPathInScope(write, parentPath(row.orgPath)),
  };
}

function writeScope(actor: Actor): Scope {
  try {
    return scopeOf(actor, 'tasks:write');
  } catch {
    return [];
  }
}

export async function createProject(ctx: AppContext, actor: Actor, input: TProjectCreate) {
  const org = await getOrgInScope(ctx, actor, 'tasks:write', input.orgId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { orgId, ...fields } = input;
    const newId = await repo.insertProject(trx, {
      ...fields,
      orgId: org.id,
      orgPath: org.path,
      content: input.content ?? null,
      stage: 'approved',
      result: null,
      grade: null,
      acceptedAt: null,
      ratedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'secretary_project',
      entityId: newId,
      orgPath: org.path,
      after: auditOf((await repo.findProjectById(trx, newId))!),
    });
    await recordCreation(trx, SECRETARY_PROJECT, actor, { id: newId, orgId: org.id });
    return newId;
  });
  return getProject(ctx, actor, id);
}

export async function updateProject(ctx: AppContext, actor: Actor, id: number, patch: TProjectUpdate) {
  const current = await inScope(actor, await repo.findProjectById(ctx.db, id), PROJECT, 'write');
  if (current.version !== patch.version) throw staleVersion(PROJECT, toProjectDto(current));
  if (current.stage === 'accepted' || current.stage === 'rated') {
    throw new AppError('PROJECT_WRONG_STAGE', '书记项目已验收，不能再修改');
  }
  const { version, ...fields } = patch;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateProjectVersioned(trx, id, version, { ...fields, updatedAt: nowIso() }))) {
      throw staleVersion(PROJECT, toProjectDto(current));
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'secretary_project',
      entityId: id,
      orgPath: current.orgPath,
      before: auditOf(current),
      after: auditOf((await repo.findProjectById(trx, id))!),
    });
  });
  return getProject(ctx, actor, id);
}

/** start: the org's own side; accept (with result) and rate (with grade): a level above, on the workflow engine. */
export async function actOnProject(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: ProjectAction,
  input: TProjectAction,
) {
  const row = await inScope(actor, await repo.findProjectById(ctx.db, id), PROJECT, 'read');
  if (action === 'accept' && !input.result) throw validationFailed({ result: '请填写项目成效' });
  if (action === 'rate' && !input.grade) throw validationFailed({ grade: '请选择评比等次' });
  const now = nowIso();
  await runTransition(ctx.db, SECRETARY_PROJECT, actor, {
    record: { id: row.id, orgId: row.orgId, orgPath: row.orgPath, state: row.stage, version: row.version },
    action,
    input: { version: input.version },
    stale: () => staleVersion(PROJECT, toProjectDto(row)),
    write: (trx, stage, version) =>
      repo.updateProjectVersioned(trx, id, version, {
        stage,
        ...(action === 'accept' ? { result: input.result ?? null, acceptedAt: now } : {}),
        ...(action === 'rate' ? { grade: input.grade ?? null, ratedAt: now } : {}),
        updatedAt: now,
      }),
  });
  return getProject(ctx, actor, id);
}

// ---- 实事 / 急难愁盼

export async function listMatters(ctx: AppContext, actor: Actor, q: TMatterQuery): Promise<Page<MatterDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { orgId, page, pageSize, ...f } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const day = today();
  const { items, total } = await repo.findMatters(ctx.db, whereInScope(scope, 'm.orgPath'), f, day, page, pageSize);
  return { items: items.map((m) => toMatterDto(m, day)), total, page, pageSize };
}

export async function getMatter(ctx: AppContext, actor: Actor, id: number) {
  return toMatterDto(await inScope(actor, await repo.findMatterById(ctx.db, id), MATTER, 'read'), today());
}

/** A matter led by a project (领办) belongs to the project's org. */
async function checkProject(db: Db, orgId: number, projectId: number | null | undefined) {
  if (projectId === null || projectId === undefined) return;
  const p = await repo.findProjectById(db, projectId);
  if (!p || p.orgId !== orgId) throw validationFailed({ projectId: '书记项目不存在或不属于该党组织' });
}

/** Done needs a result and a date; satisfaction is asked once it is done. */
function checkOutcome(m: { status: string; result: string | null; doneOn: string | null; satisfaction: unknown }) {
  if (m.status === 'done') {
    if (!m.result) throw validationFailed({ result: '办结时请填写办理结果' });
    if (!m.doneOn) throw validationFailed({ doneOn: '办结时请填写办结日期' });
    if (m.doneOn > today()) throw validationFailed({ doneOn: '办结日期不能晚于今天' });
  } else if (m.satisfaction) {
    throw validationFailed({ satisfaction: '办结后才能记录群众满意度' });
  }
}

export async function createMatter(ctx: AppContext, actor: Actor, input: TMatterCreate) {
  const org = await getOrgInScope(ctx, actor, 'tasks:write', input.orgId);
  await checkProject(ctx.db, org.id, input.projectId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { orgId, ...fields } = input;
    const newId = await repo.insertMatter(trx, {
      ...fields,
      orgId: org.id,
      orgPath: org.path,
      projectId: input.projectId ?? null,
      status: 'open',
      result: null,
      doneOn: null,
      satisfaction: null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'practical_matter',
      entityId: newId,
      orgPath: org.path,
      after: auditOf((await repo.findMatterById(trx, newId))!),
    });
    return newId;
  });
  return getMatter(ctx, actor, id);
}

export async function updateMatter(ctx: AppContext, actor: Actor, id: number, patch: TMatterUpdate) {
  const current = await inScope(actor, await repo.findMatterById(ctx.db, id), MATTER, 'write');
  if (current.version !== patch.version) throw staleVersion(MATTER, toMatterDto(current, today()));
  const { version, ...fields } = patch;
  const merged = { ...current, ...fields };
  await checkProject(ctx.db, current.orgId, fields.projectId);
  checkOutcome({
    status: merged.status,
    result: merged.result ?? null,
    doneOn: merged.doneOn ?? null,
    satisfaction: merged.satisfaction,
  });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateMatterVersioned(trx, id, version, { ...fields, updatedAt: nowIso() }))) {
      throw staleVersion(MATTER, toMatterDto(current, today()));
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'practical_matter',
      entityId: id,
      orgPath: current.orgPath,
      before: auditOf(current),
      after: auditOf((await repo.findMatterById(trx, id))!),
    });
  });
  return getMatter(ctx, actor, id);
}

// ---- figures

export async function projectFigures(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: number | undefined; year?: number | undefined },
) {
  const scope = await readScope(ctx, actor, q.orgId);
  const zero = { total: 0, approved: 0, inProgress: 0, accepted: 0, rated: 0, excellent: 0 };
  if (scope.length === 0) return { projects: zero, matters: matterSummary([]), byKind: [] };
  const day = today();
  const [p, m] = await Promise.all([
    repo.projectFigures(ctx.db, whereInScope(scope, 'p.orgPath'), q.year),
    repo.matterFigures(ctx.db, whereInScope(scope, 'm.orgPath'), q.year, day),
  ]);
  const byKind = m.map((r) => ({
    kind: r.kind,
    kindLabel: MATTER_KIND_LABELS[r.kind as MatterKind],
    ...matterSummary([r]),
  }));
  return {
    projects: {
      total: Number(p.total ?? 0),
      approved: Number(p.approved ?? 0),
      inProgress: Number(p.inProgress ?? 0),
      accepted: Number(p.accepted ?? 0),
      rated: Number(p.rated ?? 0),
      excellent: Number(p.excellent ?? 0),
    },
    matters: matterSummary(m),
    byKind,
  };
}

type MatterAgg = Awaited<ReturnType<typeof repo.matterFigures>>[number];

/** Sums the per-kind aggregate rows (at most two) into one set of figures with the rates. */
function matterSummary(rows: readonly MatterAgg[]) {
  const sum = (k: keyof Omit<MatterAgg, 'kind'>) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const total = sum('total');
  const done = sum('done');
  const rated = sum('rated');
  const satisfied = sum('satisfied');
  return {
    total,
    done,
    inProgress: sum('inProgress'),
    open: sum('open'),
    overdue: sum('overdue'),
    ledByProject: sum('ledByProject'),
    doneRate: completionRate(done, total),
    rated,
    satisfied,
    satisfactionRate: completionRate(satisfied, rated),
  };
}

export { rewriteProjectPaths } from './projects.repo.js';
