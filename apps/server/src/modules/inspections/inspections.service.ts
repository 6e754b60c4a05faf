// 督导检查与整改: rounds over an org subtree, the problems they find, and each problem's rectification on the
// workflow engine (platform/workflow.ts) — acceptance by the upper level only, every step an event and an audit row.
import {
  AppError,
  type ProblemAction,
  type TInspectionFiguresQuery,
  type TInspectionRoundCreate,
  type TInspectionRoundListQuery,
  type TProblemActionBody,
  type TProblemCreate,
  type TProblemListQuery,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { attachmentsOf, linkAttachments } from '../../platform/attachments.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion } from '../../platform/errors.js';
import { isPathBelowScopeAnchor, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { allowedActions, recordCreation, runTransition, timelineOf } from '../../platform/workflow.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import { categoryLabel, toFigures, toProblemDto, toRoundDto } from './inspections.mapper.js';
import * as repo from './inspections.repo.js';
import { RECTIFICATION } from './inspections.workflow.js';

const ROUND = '检查轮次';
const PROBLEM = '问题';

async function readScope(ctx: AppContext, actor: Actor, orgId: number | undefined) {
  const scope = scopeOf(actor, 'inspections:read');
  if (orgId === undefined) return scope;
  return narrowScope(scope, (await getOrgInScope(ctx, actor, 'inspections:read', orgId)).path);
}

export async function listRounds(ctx: AppContext, actor: Actor, query: TInspectionRoundListQuery) {
  const scope = await readScope(ctx, actor, query.orgId);
  const { items, total } = await repo.findRounds(ctx.db, repo.whereRoundVisible(scope), query.page, query.pageSize);
  return { items: items.map(toRoundDto), total, page: query.page, pageSize: query.pageSize };
}

export async function getRound(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findRoundById(ctx.db, id, repo.whereRoundVisible(scopeOf(actor, 'inspections:read')));
  if (!row) throw notFound(ROUND);
  return toRoundDto(row);
}

/** A round is organised over a subtree the actor verifies (a county or township inspection team). */
export async function createRound(ctx: AppContext, actor: Actor, input: TInspectionRoundCreate) {
  const org = await getOrgInScope(ctx, actor, 'inspections:verify', input.orgId);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = {
      orgId: org.id,
      orgPath: org.path,
      title: input.title,
      team: input.team,
      kind: input.kind,
      checklist: JSON.stringify(input.checklist),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdByName: actor.name,
      createdAt: now,
      updatedAt: now,
    };
    const newId = await repo.insertRound(trx, row);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'inspection_round',
      entityId: newId,
      orgPath: org.path,
      after: { id: newId, ...row },
    });
    return newId;
  });
  return getRound(ctx, actor, id);
}

export async function listProblems(ctx: AppContext, actor: Actor, query: TProblemListQuery) {
  const scope = await readScope(ctx, actor, query.orgId);
  const { orgId, page, pageSize, ...filter } = query;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const asOf = today();
  const { items, total } = await repo.findProblems(
    ctx.db,
    whereInScope(scope, 'p.orgPath'),
    filter,
    asOf,
    page,
    pageSize,
  );
  return { items: items.map((r) => toProblemDto(r, asOf)), total, page, pageSize };
}

async function getProblemRow(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findProblemById(ctx.db, id, whereInScope(scopeOf(actor, 'inspections:read'), 'p.orgPath'));
  if (!row) throw notFound(PROBLEM);
  return row;
}

/** The problem, its evidence, its event timeline and the actions this user may take now. */
export async function getProblem(ctx: AppContext, actor: Actor, id: number) {
  const row = await getProblemRow(ctx, actor, id);
  const [timeline, evidence] = await Promise.all([
    timelineOf(ctx.db, RECTIFICATION, row.id),
    attachmentsOf(ctx.db, 'problem', [row.id]),
  ]);
  return {
    ...toProblemDto(row, today()),
    attachments: evidence.map(({ orgPath, ...f }) => f),
    events: timeline,
    actions: allowedActions(RECTIFICATION, actor, row),
  };
}

/** Found by an inspection team at an org of the round's subtree, below the team's own level. */
export async function createProblem(ctx: AppContext, actor: Actor, input: TProblemCreate) {
  const round = await repo.findRoundById(
    ctx.db,
    input.roundId,
    repo.whereRoundVisible(scopeOf(actor, 'inspections:verify')),
  );
  if (!round) throw notFound(ROUND);
  const org = await getOrgInScope(ctx, actor, 'inspections:verify', input.orgId);
  if (!org.path.startsWith(round.orgPath)) {
    const message = `${org.name}不在本轮检查范围（${round.orgName}）内`;
    throw new AppError('PROBLEM_OUTSIDE_ROUND', message, { orgId: message });
  }
  if (!isPathBelowScopeAnchor(scopeOf(actor, 'inspections:verify'), org.path)) {
    throw new AppError('UPPER_LEVEL_REQUIRED', '问题须由上级检查组记录，本级组织不能给自己记录督导问题');
  }
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { attachmentIds, ...fields } = input;
    const row = { ...fields, orgPath: org.path, state: RECTIFICATION.initial, foundOn: today(), closedAt: null };
    const newId = await repo.insertProblem(trx, { ...row, createdAt: now, updatedAt: now });
    await linkAttachments(trx, { entity: 'problem', entityId: newId, orgId: org.id }, attachmentIds);
    await recordCreation(trx, RECTIFICATION, actor, { id: newId, orgId: org.id });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'problem',
      entityId: newId,
      orgPath: org.path,
      after: { id: newId, ...row, attachmentIds },
    });
    return newId;
  });
  return getProblem(ctx, actor, id);
}

/** start / submit (the rectifying side) and accept / return (the upper level), on the rectification workflow. */
export async function actOnProblem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: ProblemAction,
  body: TProblemActionBody,
) {
  const row = await getProblemRow(ctx, actor, id);
  const files = Array.isArray(body.evidence) ? body.evidence : [];
  const text = typeof body.evidence === 'string' ? body.evidence : null;
  await runTransition(ctx.db, RECTIFICATION, actor, {
    record: { id: row.id, orgId: Number(row.orgId), state: row.state, version: row.version, orgPath: row.orgPath },
    action,
    input: {
      version: body.version,
      reason: body.reason ?? null,
      evidence: text,
      attachmentIds: [...files, ...body.attachmentIds],
    },
    stale: () => staleVersion(PROBLEM, toProblemDto(row, today())),
    write: (trx, to, version) =>
      repo.updateProblemVersioned(trx, row.id, version, {
        state: to,
        closedAt: RECTIFICATION.states[to].class === 'open' ? null : nowIso(),
        updatedAt: nowIso(),
      }),
  });
  return getProblem(ctx, actor, id);
}

/** Found, rectified, in progress, overdue and rate for a subtree: in total, per round, per category, per child org. */
export async function figures(ctx: AppContext, actor: Actor, query: TInspectionFiguresQuery) {
  const scope = scopeOf(actor, 'inspections:read');
  const rootId = query.orgId ?? actor.grants.find((g) => scope.some((a) => a.path === g.orgPath))!.orgId;
  const root = await getOrgInScope(ctx, actor, 'inspections:read', rootId);
  const narrowed = narrowScope(scope, root.path);
  const children = await repo.findOpenChildren(ctx.db, root.id);
  const visible = children.filter((c) => narrowed.some((a) => c.path.startsWith(a.path) || a.path.startsWith(c.path)));
  const f = await repo.problemFigures(
    ctx.db,
    whereInScope(narrowed, 'p.orgPath'),
    query.roundId,
    visible.map((c) => ({ id: Number(c.id), path: c.path })),
    today(),
  );
  const nameOf = new Map(visible.map((c) => [Number(c.id), c.name]));
  return {
    orgId: root.id,
    orgName: root.name,
    total: toFigures(f.total),
    byRound: f.byRound.map((r) => ({ roundId: Number(r.roundId), title: r.title, ...toFigures(r) })),
    byCategory: f.byCategory.map((r) => ({ category: r.category, label: categoryLabel(r.category), ...toFigures(r) })),
    byOrg: f.byChild
      .map((r) => ({ orgId: r.orgId, orgName: nameOf.get(r.orgId)!, ...toFigures(r) }))
      .filter((r) => r.found > 0),
  };
}

export { findOverdueProblems, rewriteInspectionPaths } from './inspections.repo.js';
