// 党建联系点 (包抓联系): a leader linked to a village / community / enterprise org for a period, the visits logged
// under the link (only within its period) with the problems raised and solved, and the year's figures of a subtree
// ("协调解决党建难题2841个") from one statement. Read with tasks:read, written with tasks:write over the org.
import {
  AppError,
  type TContactFiguresQuery,
  type TContactLinkCreate,
  type TContactLinkQuery,
  type TContactLinkUpdate,
  type TContactProblem,
  type TContactVisitCreate,
  type TContactVisitQuery,
  type TContactVisitUpdate,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { isPathInScope, narrowScope, type Scope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import {
  type ContactLinkDto,
  type ContactVisitDto,
  linkAudit,
  type ProblemDto,
  toFiguresDto,
  toLinkDto,
  toVisitDto,
  visitAudit,
} from './contact-points.mapper.js';
import * as repo from './contact-points.repo.js';

const LINK = '联系点';
const VISIT = '走访记录';

async function readScope(ctx: AppContext, actor: Actor, orgId: number | undefined): Promise<Scope> {
  const scope = scopeOf(actor, 'tasks:read');
  if (orgId === undefined) return scope;
  return narrowScope(scope, (await getOrgInScope(ctx, actor, 'tasks:read', orgId)).path);
}

/** Read scope → 404 when outside; write wanted but only readable → 403. */
function inScope<T extends { orgPath: string }>(
  actor: Actor,
  row: T | undefined,
  what: string,
  want: 'read' | 'write',
): T {
  // The permission first: without it the answer is 403 whether or not the record exists.
  const readable = scopeOf(actor, 'tasks:read');
  if (!row || !isPathInScope(readable, row.orgPath)) throw notFound(what);
  if (want === 'write' && !isPathInScope(scopeOf(actor, 'tasks:write'), row.orgPath)) {
    throw new AppError('FORBIDDEN', `您没有修改该${what}的权限`);
  }
  return row;
}

const periodText = (l: { validFrom: string; validTo: string | null }) => `${l.validFrom}至${l.validTo ?? '今'}`;

// ---- links

export async function listLinks(ctx: AppContext, actor: Actor, q: TContactLinkQuery): Promise<Page<ContactLinkDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { orgId, page, pageSize, ...f } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findLinks(ctx.db, whereInScope(scope, 'k.orgPath'), f, page, pageSize);
  const day = today();
  return { items: items.map((l) => toLinkDto(l, day)), total, page, pageSize };
}

export async function getLink(ctx: AppContext, actor: Actor, id: number) {
  return toLinkDto(inScope(actor, await repo.findLinkById(ctx.db, id), LINK, 'read'), today());
}

/** The period ends on or after it starts, and still covers every visit already logged under the link. */
async function checkPeriod(ctx: AppContext, linkId: number | null, validFrom: string, validTo: string | null) {
  if (validTo !== null && validTo < validFrom) throw validationFailed({ validTo: '联系结束日期不能早于开始日期' });
  if (linkId === null) return;
  const span = await repo.visitSpan(ctx.db, linkId);
  if ((span.first && span.first < validFrom) || (span.last && validTo !== null && span.last > validTo)) {
    const message = `联系期须包含已有的走访记录（${span.first}至${span.last}）`;
    const field = span.first && span.first < validFrom ? 'validFrom' : 'validTo';
    throw new AppError('CONTACT_OUTSIDE_PERIOD', message, { [field]: message });
  }
}

export async function createLink(ctx: AppContext, actor: Actor, input: TContactLinkCreate) {
  const org = await getOrgInScope(ctx, actor, 'tasks:write', input.orgId);
  await checkPeriod(ctx, null, input.validFrom, input.validTo ?? null);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const newId = await repo.insertLink(trx, {
      orgId: org.id,
      orgPath: org.path,
      leaderName: input.leaderName,
      leaderPosition: input.leaderPosition,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'contact_link',
      entityId: newId,
      orgPath: org.path,
      after: linkAudit((await repo.findLinkById(trx, newId))!),
    });
    return newId;
  });
  return getLink(ctx, actor, id);
}

export async function updateLink(ctx: AppContext, actor: Actor, id: number, patch: TContactLinkUpdate) {
  const current = inScope(actor, await repo.findLinkById(ctx.db, id), LINK, 'write');
  if (current.version !== patch.version) throw staleVersion(LINK, toLinkDto(current, today()));
  const { version, ...fields } = patch;
  await checkPeriod(
    ctx,
    id,
    fields.validFrom ?? current.validFrom,
    fields.validTo === undefined ? current.validTo : fields.validTo,
  );
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateLinkVersioned(trx, id, version, { ...fields, updatedAt: nowIso() }))) {
      throw staleVersion(LINK, toLinkDto(current, today()));
    }
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'contact_link',
      entityId: id,
      orgPath: current.orgPath,
      before: linkAudit(current),
      after: linkAudit((await repo.findLinkById(trx, id))!),
    });
  });
  return getLink(ctx, actor, id);
}

// ---- visits

async function problemsByVisit(ctx: AppContext, visitIds: readonly number[]) {
  const byVisit = new Map<number, ProblemDto[]>();
  for (const p of await repo.findProblems(ctx.db, visitIds)) {
    const list = byVisit.get(Number(p.visitId)) ?? [];
    list.push({ text: p.text, solved: p.solvedOn !== null, solvedOn: p.solvedOn });
    byVisit.set(Number(p.visitId), list);
  }
  return byVisit;
}

export async function listVisits(ctx: AppContext, actor: Actor, q: TContactVisitQuery): Promise<Page<ContactVisitDto>> {
  const scope = await readScope(ctx, actor, q.orgId);
  const { orgId, page, pageSize, ...f } = q;
  if (scope.length === 0) return { items: [], total: 0, page, pageSize };
  const { items, total } = await repo.findVisits(ctx.db, whereInScope(scope, 'v.orgPath'), f, page, pageSize);
  const problems = await problemsByVisit(
    ctx,
    items.map((v) => v.id),
  );
  return { items: items.map((v) => toVisitDto(v, problems.get(v.id) ?? [])), total, page, pageSize };
}

export async function getVisit(ctx: AppContext, actor: Actor, id: number) {
  const row = inScope(actor, await repo.findVisitById(ctx.db, id), VISIT, 'read');
  return toVisitDto(row, (await problemsByVisit(ctx, [id])).get(id) ?? []);
}

/** A visit falls within its link's period and is not in the future; a problem is solved on or after the visit. */
function checkVisit(
  link: { validFrom: string; validTo: string | null },
  visitedOn: string,
  problems: readonly TContactProblem[],
) {
  if (visitedOn < link.validFrom || (link.validTo !== null && visitedOn > link.validTo)) {
    const message = `走访日期不在联系期内（${periodText(link)}）`;
    throw new AppError('CONTACT_OUTSIDE_PERIOD', message, { visitedOn: message });
  }
  const day = today();
  if (visitedOn > day) throw validationFailed({ visitedOn: '走访日期不能晚于今天' });
  problems.forEach((p, i) => {
    if (p.solvedOn && p.solvedOn < visitedOn) {
      throw validationFailed({ [`problems.${i}.solvedOn`]: '解决日期不能早于走访日期' });
    }
    if (p.solvedOn && p.solvedOn > day) throw validationFailed({ [`problems.${i}.solvedOn`]: '解决日期不能晚于今天' });
  });
}

const problemRows = (problems: readonly TContactProblem[]) =>
  problems.map((p) => ({ text: p.text, solvedOn: p.solvedOn ?? null }));

export async function createVisit(ctx: AppContext, actor: Actor, input: TContactVisitCreate) {
  const link = inScope(actor, await repo.findLinkById(ctx.db, input.linkId), LINK, 'write');
  checkVisit(link, input.visitedOn, input.problems);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const newId = await repo.insertVisit(trx, {
      linkId: link.id,
      orgId: link.orgId,
      orgPath: link.orgPath,
      visitedOn: input.visitedOn,
      content: input.content,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceProblems(trx, newId, problemRows(input.problems));
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'contact_visit',
      entityId: newId,
      orgPath: link.orgPath,
      after: visitAudit((await repo.findVisitById(trx, newId))!, problemRows(input.problems).map(toProblemDto)),
    });
    return newId;
  });
  return getVisit(ctx, actor, id);
}

const toProblemDto = (p: { text: string; solvedOn: string | null }): ProblemDto => ({
  text: p.text,
  solved: p.solvedOn !== null,
  solvedOn: p.solvedOn,
});

export async function updateVisit(ctx: AppContext, actor: Actor, id: number, patch: TContactVisitUpdate) {
  const current = inScope(actor, await repo.findVisitById(ctx.db, id), VISIT, 'write');
  const before = (await problemsByVisit(ctx, [id])).get(id) ?? [];
  if (current.version !== patch.version) throw staleVersion(VISIT, toVisitDto(current, before));
  const link = (await repo.findLinkById(ctx.db, current.linkId))!;
  const problems = patch.problems ?? before.map((p) => ({ text: p.text, solvedOn: p.solvedOn }));
  checkVisit(link, patch.visitedOn ?? current.visitedOn, problems);
  await ctx.db.transaction().execute(async (trx) => {
    const fields = {
      ...(patch.visitedOn !== undefined ? { visitedOn: patch.visitedOn } : {}),
      ...(patch.content !== undefined ? { content: patch.content } : {}),
      updatedAt: nowIso(),
    };
    if (!(await repo.updateVisitVersioned(trx, id, patch.version, fields))) {
      throw staleVersion(VISIT, toVisitDto(current, before));
    }
    if (patch.problems) await repo.replaceProblems(trx, id, problemRows(patch.problems));
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'contact_visit',
      entityId: id,
      orgPath: current.orgPath,
      before: visitAudit(current, before),
      after: visitAudit((await repo.findVisitById(trx, id))!, problemRows(problems).map(toProblemDto)),
    });
  });
  return getVisit(ctx, actor, id);
}

// ---- figures

export async function contactFigures(ctx: AppContext, actor: Actor, q: TContactFiguresQuery) {
  const scope = await readScope(ctx, actor, q.orgId);
  if (scope.length === 0) return toFiguresDto(q.year, { visits: 0, raised: 0, solved: 0, orgsCovered: 0, leaders: 0 });
  const r = await repo.contactFigures(
    ctx.db,
    whereInScope(scope, 'v.orgPath'),
    whereInScope(scope, 'k.orgPath'),
    q.year,
  );
  return toFiguresDto(q.year, r);
}

export { rewriteContactPaths } from './contact-points.repo.js';
