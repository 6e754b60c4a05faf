// 重点任务清单: lists issued by an org, key tasks → measures (the four fixes) → one assignment per responsible org
// below the issuer; progress reported by the responsible side, accepted or returned only by the issuing side; the
// roll-ups are SQL aggregates over the assignments in scope.
import {
  AppError,
  isAssignablePath,
  SECTOR_LABELS,
  type TAssignmentAction,
  type TAssignmentQuery,
  type TaskAssignmentAction,
  type TMeasureCreate,
  type TMeasureUpdate,
  type TTaskListCreate,
  type TTaskListQuery,
  type TTaskListUpdate,
  type TTaskStatsQuery,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { attachmentsOf, linkAttachments } from '../../platform/attachments.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import { recordCreation, runTransition } from '../../platform/workflow.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import {
  type AssignmentDto,
  EMPTY_FIGURES,
  type TaskListDto,
  toAssignmentDto,
  toEventDto,
  toFigures,
  toMeasureDto,
  toTaskDto,
  toTaskListDto,
} from './tasks.mapper.js';
import * as repo from './tasks.repo.js';
import type { TaskListRow } from './tasks.table.js';
import { TASK_ASSIGNMENT } from './tasks.workflow.js';

const LIST = '任务清单';
const ASSIGNMENT = '任务';
const ISSUER_ONLY = '只有下达清单的单位可以修改清单、任务和措施';
const OUTSIDE_ISSUER = '责任单位须是清单下达单位的下级组织（且未撤销）';

/** The scope for reading, narrowed to the org picked in the tree when there is one. */
async function readScope(ctx: AppContext, actor: Actor, orgId: number | undefined): Promise<Scope> {
  const scope = scopeOf(actor, 'tasks:read');
  if (orgId === undefined) return scope;
  return narrowScope(scope, (await getOrgInScope(ctx, actor, 'tasks:read', orgId)).path);
}

// ---- lists

export async function listTaskLists(ctx: AppContext, actor: Actor, q: TTaskListQuery): Promise<Page<TaskListDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { page, pageSize } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const assignmentScope = whereInScope(scope, 'a.orgPath');
  const { items, total } = await repo.findTaskLists(
    ctx.db,
    whereInScope(scope, 'l.orgPath'),
    assignmentScope,
    q,
    page,
    pageSize,
  );
  const figures = new Map(
    (
      await repo.taskFiguresByList(
        ctx.db,
        assignmentScope,
        items.map((l) => l.id),
        today(),
      )
    ).map((r) => [Number(r.listId), toFigures(r)]),
  );
  return {
    items: items.map((l) => toTaskListDto(l, figures.get(l.id) ?? EMPTY_FIGURES)),
    total,
    page,
    pageSize,
  };
}

/**
 * A list the actor may read: issued in the read scope, or holding one of its assignments; else 404, named after the
 * record asked for (`what`: a task or measure of a hidden list is as missing as a task that does not exist).
 */
async function getVisibleList(ctx: AppContext, actor: Actor, id: number, what = LIST) {
  const scope = scopeOf(actor, 'tasks:read');
  const list = await repo.findTaskListById(ctx.db, id);
  if (!list) throw notFound(what);
  const issuerSide = isPathInScope(scope, list.orgPath);
  if (!issuerSide && !(await repo.hasAssignmentInScope(ctx.db, id, whereInScope(scope, 'a.orgPath')))) {
    throw notFound(what);
  }
  return { list, scope, issuerSide };
}

/** A list the actor may change: the issuer's side (tasks:write over the issuing org); readable but not that → 403. */
async function getIssuedList(ctx: AppContext, actor: Actor, id: number, what = LIST) {
  const { list } = await getVisibleList(ctx, actor, id, what);
  if (!isPathInScope(scopeOf(actor, 'tasks:write'), list.orgPath)) throw new AppError('FORBIDDEN', ISSUER_ONLY);
  return list;
}

export async function getTaskList(ctx: AppContext, actor: Actor, id: number) {
  const { list, scope, issuerSide } = await getVisibleList(ctx, actor, id);
  const day = today();
  const [tasks, measures, assignments] = await Promise.all([
    repo.findTasksOfList(ctx.db, id),
    repo.findMeasuresOfList(ctx.db, id),
    repo.findAssignmentsOfList(ctx.db, id, whereInScope(scope, 'a.orgPath')),
  ]);
  const byMeasure = new Map<number, AssignmentDto[]>();
  for (const a of assignments) {
    const dto = toAssignmentDto(a, day);
    byMeasure.set(a.measureId, [...(byMeasure.get(a.measureId) ?? []), dto]);
  }
  // The issuing side sees the whole list; a responsible org sees the measures it (or its subtree) was given.
  const shown = measures.filter((m) => issuerSide || byMeasure.has(m.id));
  const shownTasks = tasks.filter((t) => issuerSide || shown.some((m) => m.taskId === t.id));
  const figures = toFigures(await repo.taskTotals(ctx.db, whereInScope(scope, 'a.orgPath'), { listId: id }, day));
  return {
    ...toTaskListDto(list, figures),
    canEdit: isPathInScope(safeScope(actor, 'tasks:write'), list.orgPath),
    tasks: shownTasks.map((t) => ({
      ...toTaskDto(t),
      measures: shown
        .filter((m) => m.taskId === t.id)
        .map((m) => ({ ...toMeasureDto(m), assignments: byMeasure.get(m.id) ?? [] })),
    })),
  };
}

function safeScope(actor: Actor, permission: 'tasks:write'): Scope {
  try {
    return scopeOf(actor, permission);
  } catch {
    return [];
  }
}

function listAudit(row: TaskListRow) {
  const { createdAt, updatedAt, ...rest } = row;
  return rest;
}

export async function createTaskList(ctx: AppContext, actor: Actor, input: TTaskListCreate) {
  const org = await getOrgInScope(ctx, actor, 'tasks:write', input.orgId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const newId = await repo.insertTaskList(trx, {
      orgId: org.id,
      orgPath: org.path,
      year: input.year,
      sector: input.sector,
      title: input.title,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'task_list',
      entityId: newId,
      orgPath: org.path,
      after: listAudit((await repo.findTaskListById(trx, newId))!),
    });
    return newId;
  });
  return getTaskList(ctx, actor, id);
}

export async function updateTaskList(ctx: AppContext, actor: Actor, id: number, patch: TTaskListUpdate) {
  const current = await getIssuedList(ctx, actor, id);
  if (current.version !== patch.version) throw staleVersion(LIST, current);
  const { version, ...fields } = patch;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateTaskListVersioned(trx, id, version, { ...fields, updatedAt: nowIso() }))) {
      throw staleVersion(LIST, current);
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'task_list',
      entityId: id,
      orgPath: current.orgPath,
      before: listAudit(current),
      after: listAudit((await repo.findTaskListById(trx, id))!),
    });
  });
  return getTaskList(ctx, actor, id);
}

// ---- key tasks and measures (the issuer's side)

export async function addTask(ctx: AppContext, actor: Actor, listId: number, input: { title: string }) {
  const list = await getIssuedList(ctx, actor, listId);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const id = await repo.insertTask(trx, { listId, title: input.title, createdAt: now, updatedAt: now });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'task',
      entityId: id,
      orgPath: list.orgPath,
      after: { listId, title: input.title },
    });
  });
  return getTaskList(ctx, actor, listId);
}

export async function updateTask(ctx: AppContext, actor: Actor, id: number, input: { title: string; version: number }) {
  scopeOf(actor, 'tasks:read');
  const task = await repo.findTaskById(ctx.db, id);
  if (!task) throw notFound('重点任务');
  const list = await getIssuedList(ctx, actor, task.listId, '重点任务');
  if (task.version !== input.version) throw staleVersion('重点任务', toTaskDto(task));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateVersioned(trx, 'tasks', id, input.version, { title: input.title, updatedAt: nowIso() }))) {
      throw staleVersion('重点任务', toTaskDto(task));
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'task',
      entityId: id,
      orgPath: list.orgPath,
      before: { title: task.title },
      after: { title: input.title },
    });
  });
  return getTaskList(ctx, actor, task.listId);
}

/** The orgs to assign: each open and strictly below the issuer, else 422 naming `orgIds`. */
async function checkAssignees(db: Db, issuerPath: string, orgIds: readonly number[]) {
  const ids = [...new Set(orgIds)];
  const orgs = await repo.findAssignableOrgs(db, issuerPath, ids);
  if (orgs.length !== ids.length || !orgs.every((o) => isAssignablePath(issuerPath, o.path))) {
    throw new AppError('TASK_ASSIGNEE_OUTSIDE_ISSUER', OUTSIDE_ISSUER, { orgIds: OUTSIDE_ISSUER });
  }
  return orgs;
}

/**
 * Creates the assignments of a measure for `orgs` (not already assigned) with their 下达 events (the timeline's and
 * the workflow's); returns the count.
 */
export async function writeAssignments(
  trx: Db,
  actor: Pick<Actor, 'userId' | 'name'>,
  m: { listId: number; taskId: number; measureId: number; deadline: string; responsiblePerson: string | null },
  orgs: ReadonlyArray<{ id: number; path: string }>,
  now: string,
): Promise<number> {
  const rows = await repo.insertAssignments(
    trx,
    orgs.map((o) => ({
      listId: m.listId,
      taskId: m.taskId,
      measureId: m.measureId,
      orgId: o.id,
      orgPath: o.path,
      deadline: m.deadline,
      state: 'not_started' as const,
      milestone: null,
      responsiblePerson: m.responsiblePerson,
      lastNote: null,
      reportedAt: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await repo.insertEvents(
    trx,
    rows.map((r) => ({
      assignmentId: r.id,
      action: 'assign',
      fromState: null,
      toState: 'not_started' as const,
      note: null,
      percent: null,
      milestone: null,
      userId: actor.userId,
      userName: actor.name,
      at: now,
    })),
  );
  for (const [i, r] of rows.entries()) {
    await recordCreation(trx, TASK_ASSIGNMENT, actor, { id: r.id, orgId: orgs[i]!.id });
  }
  return rows.length;
}

export async function addMeasure(ctx: AppContext, actor: Actor, listId: number, input: TMeasureCreate) {
  const list = await getIssuedList(ctx, actor, listId);
  const task = await repo.findTaskById(ctx.db, input.taskId);
  if (!task || task.listId !== listId) {
    throw validationFailed({ taskId: '重点任务不存在或不属于该清单' });
  }
  const orgs = await checkAssignees(ctx.db, list.orgPath, input.orgIds);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const measure = {
      listId,
      taskId: task.id,
      title: input.title,
      method: input.method ?? null,
      deadline: input.deadline,
      responsiblePerson: input.responsiblePerson ?? null,
    };
    const measureId = await repo.insertMeasure(trx, { ...measure, createdAt: now, updatedAt: now });
    const assigned = await writeAssignments(trx, actor, { ...measure, measureId }, orgs, now);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'task_measure',
      entityId: measureId,
      orgPath: list.orgPath,
      after: { ...measure, orgIds: orgs.map((o) => o.id), assigned },
    });
  });
  return getTaskList(ctx, actor, listId);
}

async function getIssuedMeasure(ctx: AppContext, actor: Actor, id: number) {
  scopeOf(actor, 'tasks:read');
  const m = await repo.findMeasureById(ctx.db, id);
  if (!m) throw notFound('推进措施');
  return { measure: m, list: await getIssuedList(ctx, actor, m.listId, '推进措施') };
}

export async function updateMeasure(ctx: AppContext, actor: Actor, id: number, patch: TMeasureUpdate) {
  const { measure, list } = await getIssuedMeasure(ctx, actor, id);
  if (measure.version !== patch.version) throw staleVersion('推进措施', toMeasureDto(measure));
  const { version, ...fields } = patch;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateVersioned(trx, 'taskMeasures', id, version, { ...fields, updatedAt: nowIso() }))) {
      throw staleVersion('推进措施', toMeasureDto(measure));
    }
    if (fields.deadline !== undefined) await repo.setAssignmentDeadlines(trx, id, fields.deadline);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'task_measure',
      entityId: id,
      orgPath: list.orgPath,
      before: toMeasureDto(measure),
      after: toMeasureDto((await repo.findMeasureById(trx, id))!),
    });
  });
  return getTaskList(ctx, actor, list.id);
}

/** Assigns a measure to more orgs; orgs already assigned are left as they are. */
export async function assignMeasure(ctx: AppContext, actor: Actor, id: number, orgIds: readonly number[]) {
  const { measure, list } = await getIssuedMeasure(ctx, actor, id);
  const orgs = await checkAssignees(ctx.db, list.orgPath, orgIds);
  await ctx.db.transaction().execute(async (trx) => {
    const already = new Set(await repo.findAssignedOrgIds(trx, id));
    const fresh = orgs.filter((o) => !already.has(o.id));
    const assigned = await writeAssignments(
      trx,
      actor,
      { ...measure, measureId: measure.id, responsiblePerson: measure.responsiblePerson },
      fresh,
      nowIso(),
    );
    await recordAudit(trx, actor, {
      action: 'assign',
      entity: 'task_measure',
      entityId: id,
      orgPath: list.orgPath,
      after: { orgIds: fresh.map((o) => o.id), assigned },
    });
  });
  return getTaskList(ctx, actor, list.id);
}

// ---- assignments and progress

export async function listAssignments(
  ctx: AppContext,
  actor: Actor,
  q: TAssignmentQuery,
): Promise<Page<AssignmentDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { orgId, page, pageSize, ...filter } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const day = today();
  const { items, total } = await repo.findAssignments(
    ctx.db,
    whereInScope(scope, 'a.orgPath'),
    filter,
    day,
    page,
    pageSize,
  );
  return { items: items.map((a) => toAssignmentDto(a, day)), total, page, pageSize };
}

async function getAssignmentRow(ctx: AppContext, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'tasks:read');
  const row = await repo.findAssignmentById(ctx.db, id);
  if (!row || !isPathInScope(scope, row.orgPath)) throw notFound(ASSIGNMENT);
  return row;
}

function canAct(actor: Actor, row: { orgPath: string; issuerPath: string }) {
  const write = safeScope(actor, 'tasks:write');
  return { canReport: isPathInScope(write, row.orgPath), canDecide: isPathInScope(write, row.issuerPath) };
}

export async function getAssignment(ctx: AppContext, actor: Actor, id: number) {
  const row = await getAssignmentRow(ctx, actor, id);
  const events = await repo.findEvents(ctx.db, id);
  const files = await attachmentsOf(
    ctx.db,
    'task_progress',
    events.map((e) => e.id),
  );
  return {
    ...toAssignmentDto(row, today()),
    ...canAct(actor, row),
    events: events.map((e) => ({
      ...toEventDto(e),
      attachments: files
        .filter((f) => f.entityId === e.id)
        .map((f) => ({ id: f.id, fileName: f.fileName, mime: f.mime, size: f.size })),
    })),
  };
}

/**
 * report (responsible side), accept / return (issuing side only: the responsible org never accepts its own work) on
 * the workflow engine; the timeline event with the reported percent and milestone is written in its transaction.
 */
export async function actOnAssignment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: TaskAssignmentAction,
  input: TAssignmentAction,
) {
  const row = await getAssignmentRow(ctx, actor, id);
  const note = input.note ?? null;
  // The engine requires a reason for both; the API has always named that field `note`.
  if (action === 'report' && !note) throw validationFailed({ note: '请填写进展情况' });
  if (action === 'return' && !note) throw validationFailed({ note: '请填写退回原因' });
  const now = nowIso();
  const complete = action === 'report' && input.complete === true;
  await runTransition(ctx.db, TASK_ASSIGNMENT, actor, {
    record: row,
    action,
    ...(complete ? { to: 'submitted' as const } : {}),
    input: { version: input.version, reason: note },
    stale: () => staleVersion(ASSIGNMENT, toAssignmentDto(row, today())),
    write: async (trx, to, version) => {
      const percent = action === 'report' ? (complete ? 100 : (input.percent ?? row.percent)) : row.percent;
      const milestone = action === 'report' ? (input.milestone ?? row.milestone) : row.milestone;
      const ok = await repo.updateAssignmentVersioned(trx, id, version, {
        state: to,
        percent,
        milestone,
        ...(action === 'report'
          ? { lastNote: note, reportedAt: now, responsiblePerson: input.responsiblePerson ?? row.responsiblePerson }
          : {}),
        completedAt: to === 'completed' ? now : null,
        updatedAt: now,
      });
      if (!ok) return false;
      const [eventId] = await repo.insertEvents(trx, [
        {
          assignmentId: id,
          action,
          fromState: row.state,
          toState: to,
          note,
          percent: action === 'report' ? percent : null,
          milestone: action === 'report' ? milestone : null,
          userId: actor.userId,
          userName: actor.name,
          at: now,
        },
      ]);
      if (input.attachmentIds && input.attachmentIds.length > 0) {
        await linkAttachments(
          trx,
          { entity: 'task_progress', entityId: eventId!, orgId: row.orgId },
          input.attachmentIds,
        );
      }
      return true;
    },
  });
  return getAssignment(ctx, actor, id);
}

// ---- roll-ups

export async function taskStats(ctx: AppContext, actor: Actor, q: TTaskStatsQuery) {
  const scope = await readScope(ctx, actor, q.orgId);
  if (q.listId !== undefined) await getVisibleList(ctx, actor, q.listId);
  const empty = { lists: 0, tasks: 0, measures: 0, ...EMPTY_FIGURES, bySector: [], byOrg: [] };
  if (scope.length === 0) return empty;
  const where = whereInScope(scope, 'a.orgPath');
  const day = today();
  const [totals, sectors, orgs] = await Promise.all([
    repo.taskTotals(ctx.db, where, q, day),
    repo.taskFiguresBySector(ctx.db, where, q, day),
    repo.taskFiguresByOrg(ctx.db, where, q, day),
  ]);
  return {
    lists: Number(totals.lists),
    tasks: Number(totals.tasks),
    measures: Number(totals.measures),
    ...toFigures(totals),
    bySector: sectors.map((s) => ({ sector: s.sector, sectorLabel: SECTOR_LABELS[s.sector], ...toFigures(s) })),
    byOrg: orgs.map((o) => ({ orgId: Number(o.orgId), orgName: o.orgName, ...toFigures(o) })),
  };
}

export { findOverdueAssignments, rewriteTaskPaths } from './tasks.repo.js';
