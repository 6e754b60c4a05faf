// 换届选举: recording a completed election starts the org's new term — term start and length, secretary and committee
// are written through the orgs service (its version, counters and audit) in the same transaction as the election.
import {
  AppError,
  checkElection,
  committeeAfterElection,
  electionFieldErrors,
  type TElectionCreate,
} from '@grassroots/domain';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, today } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { staleVersion, validationFailed } from '../../platform/errors.js';
import type { Page } from '../../platform/paging.js';
import { getOrgDetail, getOrgInScope, writeOrgUpdate } from '../orgs/orgs.service.js';
import { type ElectionDto, toElectionDto } from './elections.mapper.js';
import * as repo from './elections.repo.js';

export async function listElections(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  q: { page: number; pageSize: number },
): Promise<Page<ElectionDto>> {
  const org = await getOrgInScope(ctx, actor, 'orgs:read', orgId);
  const { items, total } = await repo.findElectionsOfOrg(ctx.db, org.id, q.page, q.pageSize);
  return { items: items.map(toElectionDto), total, page: q.page, pageSize: q.pageSize };
}

/** Records the election and starts the new term on the org; answers the election and the org as it now stands. */
export async function recordElection(ctx: AppContext, actor: Actor, orgId: number, input: TElectionCreate) {
  await getOrgInScope(ctx, actor, 'orgs:read', orgId);
  const org = await getOrgInScope(ctx, actor, 'orgs:write', orgId);
  if (org.closedAt !== null) throw new AppError('ORG_CLOSED', '该组织已撤销，不能换届');
  if (org.kind === 'group') throw new AppError('BUSINESS_RULE', '党小组不进行换届选举');
  const fields = electionFieldErrors(input);
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  if (org.version !== input.orgVersion) throw staleVersion('组织', await getOrgDetail(ctx, actor, org.id));
  checkElection(input, org.termStart, today());
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertElection(trx, {
      orgId: org.id,
      orgPath: org.path,
      electedOn: input.electedOn,
      method: input.method,
      termYears: input.termYears,
      eligibleVoters: input.eligibleVoters,
      presentVoters: input.presentVoters,
      secretaryName: input.secretary.name,
      secretaryVotes: input.secretary.votes,
      committee: JSON.stringify(input.committee),
      approvalRef: input.approvalRef ?? null,
      note: input.note ?? null,
      previousTermStart: org.termStart,
      previousTermYears: org.termYears,
      previousSecretaryName: org.secretaryName,
      recordedByName: actor.name,
      createdAt: nowIso(),
    });
    await writeOrgUpdate(trx, actor, org, {
      termStart: input.electedOn,
      termYears: input.termYears,
      secretaryName: input.secretary.name,
      committee: committeeAfterElection(input),
      version: input.orgVersion,
    });
    const { orgVersion, ...recorded } = input;
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'election',
      entityId: newId,
      orgPath: org.path,
      after: recorded,
    });
    return newId;
  });
  return {
    election: toElectionDto(await repo.findElectionById(ctx.db, id)),
    org: await getOrgDetail(ctx, actor, org.id),
  };
}

export { rewriteElectionPaths } from './elections.repo.js';
