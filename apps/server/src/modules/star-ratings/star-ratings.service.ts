// 星级评定: the county's scorecard (the nearest one set on an org or its ancestors, else the default), and each org's
// yearly rating by the level above it, with the distribution of stars over a subtree.
import {
  AppError,
  DEFAULT_SCORECARD,
  type Scorecard,
  STARS,
  type Stars,
  scorecardFieldErrors,
  scorecardMaxTotal,
  scoreRating,
  type TScorecardSave,
  type TStarRatingCreate,
  type TStarRatingListQuery,
  type TStarRatingUpdate,
} from '@grassroots/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.js';
import { hasPermission, isPathBelowScopeAnchor, narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import type { OrgRow } from '../orgs/orgs.table.js';
import { type StarRatingDto, toStarRatingAuditSnapshot, toStarRatingDto } from './star-ratings.mapper.js';
import * as repo from './star-ratings.repo.js';

const RATING = '星级评定';
const all = sql<boolean>`1 = 1`;

const ancestorIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The scorecard in force for an org: set on the org itself or the nearest ancestor, else the default. */
async function effectiveScorecard(ctx: AppContext, org: Pick<OrgRow, 'path'>) {
  const [nearest] = await repo.findScorecardsOf(ctx.db, ancestorIds(org.path));
  if (!nearest) return { card: DEFAULT_SCORECARD, owner: null };
  const card: Scorecard = { items: JSON.parse(nearest.items), thresholds: JSON.parse(nearest.thresholds) };
  return { card, owner: nearest };
}

export async function getScorecard(ctx: AppContext, actor: Actor, orgId: number) {
  const org = await getOrgInScope(ctx, actor, 'ratings:read', orgId);
  const { card, owner } = await effectiveScorecard(ctx, org);
  const aboveSet = owner !== null && owner.orgId !== org.id;
  const canSet =
    hasPermission(actor, 'ratings:write') &&
    scopeOf(actor, 'ratings:write').some((a) => a.includeSubtree && org.path.startsWith(a.path)) &&
    isScorecardLevel(org) &&
    !aboveSet;
  return {
    orgId: org.id,
    ownerOrgId: owner?.orgId ?? null,
    ownerOrgName: owner?.orgName ?? null,
    isDefault: owner === null,
    items: card.items,
    thresholds: card.thresholds,
    maxTotal: scorecardMaxTotal(card),
    /** The version to send back when saving this org's own scorecard; null when it has none yet. */
    version: owner?.orgId === org.id ? owner.version : null,
    editable: canSet,
  };
}

/** Scorecards are the county's: set on a 党委/党工委 that no ancestor's scorecard already governs. */
function isScorecardLevel(org: Pick<OrgRow, 'kind'>) {
  return org.kind === 'committee' || org.kind === 'working_committee';
}

export async function saveScorecard(ctx: AppContext, actor: Actor, input: TScorecardSave) {
  await getOrgInScope(ctx, actor, 'ratings:read', input.orgId);
  const org = await getOrgInScope(ctx, actor, 'ratings:write', input.orgId);
  if (!scopeOf(actor, 'ratings:write').some((a) => a.includeSubtree && org.path.startsWith(a.path))) {
    throw new AppError('UPPER_LEVEL_REQUIRED', '评分标准须由负责本级及下级评定的管理员制定');
  }
  if (!isScorecardLevel(org)) {
    throw new AppError('BUSINESS_RULE', '评分标准由县（市、区）委等党委制定', { orgId: '评分标准由党委制定' });
  }
  const { owner } = await effectiveScorecard(ctx, org);
  if (owner !== null && owner.orgId !== org.id) {
    throw new AppError('SCORECARD_SET_ABOVE', `${owner.orgName}已制定评分标准，下级沿用，不能另行制定`);
  }
  const card: Scorecard = { items: input.items, thresholds: input.thresholds };
  const fields = scorecardFieldErrors(card);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  const now = nowIso();
  const values = {
    items: JSON.stringify(input.items),
    thresholds: JSON.stringify(input.thresholds),
    updatedByName: actor.name,
    updatedAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (owner === null) {
      await repo.insertScorecard(trx, { orgId: org.id, ...values, createdAt: now });
    } else {
      const stale = () =>
        staleVersion('评分标准', { items: JSON.parse(owner.items), thresholds: JSON.parse(owner.thresholds) });
      if (input.version !== owner.version) throw stale();
      if (!(await repo.updateScorecardVersioned(trx, org.id, owner.version, values))) throw stale();
    }
    await recordAudit(trx, actor, {
      action: owner === null ? 'create' : 'update',
      entity: 'star_rating_scorecard',
      entityId: org.id,
      orgPath: org.path,
      ...(owner ? { before: { items: JSON.parse(owner.items), thresholds: JSON.parse(owner.thresholds) } } : {}),
      after: card,
    });
  });
  return getScorecard(ctx, actor, org.id);
}

export async function listStarRatings(ctx: AppContext, actor: Actor, query: TStarRatingListQuery) {
  let scope = scopeOf(actor, 'ratings:read');
  if (query.orgId !== undefined)
    scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', query.orgId)).path);
  const { orgId, page, pageSize, sort, ...filter } = query;
  const distribution = Object.fromEntries(STARS.map((s) => [s, 0])) as Record<Stars, number>;
  if (scope.length === 0) return { items: [] as StarRatingDto[], total: 0, page, pageSize, distribution, rated: 0 };
  const where = whereInScope(scope, 'r.orgPath');
  const [{ items, total }, byStars] = await Promise.all([
    repo.findStarRatings(ctx.db, where, filter, sort, page, pageSize),
    repo.countByStars(ctx.db, where, filter),
  ]);
  for (const r of byStars) distribution[r.stars as Stars] = Number(r.n);
  const rated = byStars.reduce((s, r) => s + Number(r.n), 0);
  return { items: items.map(toStarRatingDto), total, page, pageSize, distribution, rated };
}

async function getRow(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findStarRatingById(ctx.db, id, whereInScope(scopeOf(actor, 'ratings:read'), 'r.orgPath'));
  if (!row) throw notFound(RATING);
  return row;
}

export async function getStarRating(ctx: AppContext, actor: Actor, id: number) {
  return toStarRatingDto(await getRow(ctx, actor, id));
}

function requireRater(actor: Actor, orgPath: string) {
  if (!isPathBelowScopeAnchor(scopeOf(actor, 'ratings:write'), orgPath)) {
    throw new AppError('UPPER_LEVEL_REQUIRED', '星级评定须由上级党组织进行，本级组织不能评定本组织');
  }
}

function scored(card: Scorecard, scores: Record<string, number>) {
  const r = scoreRating(card, scores);
  if (Object.keys(r.fields).length > 0) throw validationFailed(r.fields);
  return r;
}

export async function createStarRating(ctx: AppContext, actor: Actor, input: TStarRatingCreate) {
  const org = await getOrgInScope(ctx, actor, 'ratings:write', input.orgId);
  requireRater(actor, org.path);
  if (org.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销', { orgId: '该组织已撤销' });
  if (org.kind === 'group')
    throw new AppError('BUSINESS_RULE', '党小组不参加星级评定', { orgId: '党小组不参加星级评定' });
  if (await repo.findStarRatingByOrgYear(ctx.db, org.id, input.year)) {
    const message = `${org.name}${input.year}年度已评定`;
    throw new AppError('DUPLICATE', message, { year: message });
  }
  const { card } = await effectiveScorecard(ctx, org);
  const { total, stars } = scored(card, input.scores);
  const now = nowIso();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertStarRating(trx, {
      orgId: org.id,
      orgPath: org.path,
      year: input.year,
      scorecard: JSON.stringify({ items: card.items, thresholds: card.thresholds }),
      scores: JSON.stringify(input.scores),
      total,
      stars,
      note: input.note ?? null,
      ratedByName: actor.name,
      createdAt: now,
      updatedAt: now,
    });
    const created = await repo.findStarRatingById(trx, newId, all);
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'star_rating',
      entityId: newId,
      orgPath: org.path,
      after: toStarRatingAuditSnapshot(created!),
    });
    return newId;
  });
  return getStarRating(ctx, actor, id);
}

/** Re-scores on the scorecard the rating was made with. */
export async function updateStarRating(ctx: AppContext, actor: Actor, id: number, input: TStarRatingUpdate) {
  const current = await getRow(ctx, actor, id);
  requireRater(actor, current.orgPath);
  if (current.version !== input.version) throw staleVersion(RATING, toStarRatingDto(current));
  const { total, stars } = scored(JSON.parse(current.scorecard) as Scorecard, input.scores);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateStarRatingVersioned(trx, id, input.version, {
      scores: JSON.stringify(input.scores),
      total,
      stars,
      note: input.note ?? null,
      ratedByName: actor.name,
      updatedAt: nowIso(),
    });
    if (!ok) throw staleVersion(RATING, toStarRatingDto(current));
    const after = await repo.findStarRatingById(trx, id, all);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'star_rating',
      entityId: id,
      orgPath: current.orgPath,
      before: toStarRatingAuditSnapshot(current),
      after: toStarRatingAuditSnapshot(after!),
    });
  });
  return getStarRating(ctx, actor, id);
}

export { rewriteStarRatingPaths } from './star-ratings.repo.js';
