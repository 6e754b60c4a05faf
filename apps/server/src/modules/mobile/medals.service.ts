// 光荣在党50年纪念章: recorded once per member, from the year the member's party standing (from 转正) reaches 50.
import { AppError, medalAwardableOn, medalDueOn, type TMedalCreate } from '@grassroots/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { validationFailed } from '../../platform/errors.js';
import { narrowScope, scopeOf, whereInScope } from '../../platform/scope.js';
import { getMemberRow } from '../members/members.service.js';
import { getOrgInScope } from '../orgs/orgs.service.js';
import * as repo from './medals.repo.js';
import { toMedalDto } from './mobile.mapper.js';

export async function awardMedal(ctx: AppContext, actor: Actor, input: TMedalCreate) {
  const member = await getMemberRow(ctx, actor, 'members:write', input.memberId);
  if (input.awardedOn > today()) throw validationFailed({ awardedOn: '颁发日期不能晚于今天' });
  const fullOn = member.status === 'full' ? member.fullOn : null;
  if (!medalAwardableOn(fullOn, input.awardedOn)) {
    const why =
      fullOn === null
        ? '预备党员尚无党龄，不能颁发'
        : `党龄自转正（${fullOn}）起算，${medalDueOn(fullOn)}满50年，${medalDueOn(fullOn).slice(0, 4)}年起方可颁发`;
    throw new AppError('MEDAL_NOT_DUE', `党龄不足50年：${why}`, { awardedOn: why });
  }
  if (await repo.findMedalOfMember(ctx.db, member.id)) {
    throw new AppError('MEDAL_ALREADY_AWARDED', '该党员已颁发"光荣在党50年"纪念章');
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertMedal(trx, {
      memberId: member.id,
      awardedOn: input.awardedOn,
      note: input.note ?? null,
      createdBy: actor.userId,
      createdAt: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'medal_award',
      entity: 'member',
      entityId: member.id,
      orgPath: member.orgPath,
      after: { medalId: newId, awardedOn: input.awardedOn, note: input.note ?? null },
    });
    return newId;
  });
  const { items } = await repo.findMedals(ctx.db, sql<boolean>`f.id = ${id}`, 1, 1);
  return toMedalDto(items[0]!);
}

export async function listMedals(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: number | undefined; memberId?: number | undefined; page: number; pageSize: number },
) {
  let scope = scopeOf(actor, 'members:read');
  if (q.orgId !== undefined) scope = narrowScope(scope, (await getOrgInScope(ctx, actor, 'orgs:read', q.orgId)).path);
  if (scope.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const where = whereInScope(scope, 'm.orgPath');
  const { items, total } = await repo.findMedals(
    ctx.db,
    q.memberId === undefined ? where : sql<boolean>`${where} and f.member_id = ${q.memberId}`,
    q.page,
    q.pageSize,
  );
  return { items: items.map(toMedalDto), total, page: q.page, pageSize: q.pageSize };
}
