// Property: after any sequence of member creates, edits and transfers, org creates, moves and closes, the subtree
// counters equal a fresh recount from the records — on both databases.
import { EDUCATIONS, makeIdNumber, OCCUPATIONS } from '@grassroots/domain';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { COUNTER_SOURCES } from '../db/counter-sources.js';
import * as members from '../modules/members/members.service.js';
import * as orgs from '../modules/orgs/orgs.service.js';
import { describeEachDb } from '../test/databases.js';
import { seedSmallTree } from '../test/factories.js';
import type { Actor } from './actor.js';
import { findActiveGrants } from './auth/auth.repo.js';
import { today } from './clock.js';
import { rebuildCounters } from './counters.js';
import { AppError } from './errors.js';

type Op =
  | {
      kind: 'createMember';
      org: number;
      gender: 'male' | 'female';
      year: number;
      edu: number;
      occ: number;
      probationary: boolean;
    }
  | { kind: 'editMember'; member: number; edu: number; occ: number; mobile: boolean }
  | { kind: 'transfer'; member: number; org: number }
  | { kind: 'createOrg'; parent: number }
  | { kind: 'moveOrg'; org: number; parent: number }
  | { kind: 'closeOrg'; org: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('createMember' as const),
    org: fc.nat(50),
    gender: fc.constantFrom('male' as const, 'female' as const),
    year: fc.integer({ min: 1940, max: 2005 }),
    edu: fc.nat(EDUCATIONS.length - 1),
    occ: fc.nat(OCCUPATIONS.length - 1),
    probationary: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('editMember' as const),
    member: fc.nat(200),
    edu: fc.nat(4),
    occ: fc.nat(7),
    mobile: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('transfer' as const), member: fc.nat(200), org: fc.nat(50) }),
  fc.record({ kind: fc.constant('createOrg' as const), parent: fc.nat(50) }),
  fc.record({ kind: fc.constant('moveOrg' as const), org: fc.nat(50), parent: fc.nat(50) }),
  fc.record({ kind: fc.constant('closeOrg' as const), org: fc.nat(50) }),
);

describeEachDb('subtree counters property', (getDb) => {
  let actor: Actor;
  let serial = 0;
  beforeAll(async () => {
    const { ctx } = getDb();
    const tree = await seedSmallTree(ctx);
    const grants = await findActiveGrants(ctx.db, tree.users.admin.id, today());
    actor = {
      userId: tree.users.admin.id,
      username: tree.users.admin.username,
      name: 'admin',
      grants,
      ip: null,
      sessionId: 'p',
    };
  });

  async function run(op: Op): Promise<void> {
    const { ctx } = getDb();
    const openOrgs = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'kind', 'version'])
      .where('closedAt', 'is', null)
      .orderBy('id')
      .execute();
    const nonGroups = openOrgs.filter((o) => o.kind !== 'group');
    const memberRows = await ctx.db
      .selectFrom('members')
      .select(['id', 'version', 'pendingTransferId'])
      .orderBy('id')
      .execute();
    const pick = <T>(list: T[], i: number) => list[i % list.length]!;
    switch (op.kind) {
      case 'createMember': {
        serial++;
        const birthDate = `${op.year}-05-${String(1 + (serial % 28)).padStart(2, '0')}`;
        await members.createMember(ctx, actor, {
          orgId: pick(openOrgs, op.org).id,
          name: `随机${serial}`,
          gender: op.gender,
          ethnicity: serial % 5 === 0 ? '回族' : '汉族',
          birthDate,
          idNumber: makeIdNumber(String(500000 + Math.floor(serial / 400)), birthDate, serial % 400, op.gender),
          education: EDUCATIONS[op.edu]!,
          occupation: OCCUPATIONS[op.occ]!,
          joinedOn: op.probationary ? today() : `${op.year + 20}-07-01`,
          fullOn: op.probationary ? null : `${op.year + 21}-07-01`,
          status: op.probationary ? 'probationary' : 'full',
          flags: serial % 3 === 0 ? ['hardship'] : [],
        });
        return;
      }
      case 'editMember': {
        if (memberRows.length === 0) return;
        const m = pick(memberRows, op.member);
        await members.updateMember(ctx, actor, m.id, {
          education: EDUCATIONS[op.edu]!,
          occupation: OCCUPATIONS[op.occ]!,
          flags: op.mobile ? ['mobile'] : [],
          version: m.version,
        });
        return;
      }
      case 'transfer': {
        const m = memberRows.filter((r) => r.pendingTransferId === null);
        if (m.length === 0) return;
        const member = pick(m, op.member);
        const t = await members.requestTransfer(ctx, actor, member.id, {
          toOrgId: pick(openOrgs, op.org).id,
          version: member.version,
        });
        await members.decideTransfer(ctx, actor, t.id, 'accept', null);
        return;
      }
      case 'createOrg': {
        serial++;
        await orgs.createOrg(ctx, actor, {
          parentId: pick(nonGroups, op.parent).id,
          name: `随机党支部${serial}`,
          kind: serial % 2 ? 'branch' : 'general_branch',
          sector: 'rural',
          code: `P-${serial}-${Date.now() % 100000}`,
        });
        return;
      }
      case 'moveOrg': {
        const org = pick(openOrgs, op.org);
        await orgs.moveOrg(ctx, actor, org.id, { parentId: pick(nonGroups, op.parent).id, version: org.version });
        return;
      }
      case 'closeOrg': {
        const org = pick(openOrgs, op.org);
        await orgs.closeOrg(ctx, actor, org.id, { version: org.version, reason: '测试撤销' });
        return;
      }
    }
  }

  it('counters equal a fresh recount after every random sequence of writes', async () => {
    const { ctx } = getDb();
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const op of ops) {
          try {
            await run(op);
          } catch (err) {
            // Refused operations (a cycle, an org with members, a transfer to the same org) must change nothing.
            if (!(err instanceof AppError)) throw err;
            refusals++;
          }
        }
        const r = await rebuildCounters(ctx.db, COUNTER_SOURCES, today(), { write: false });
        expect(r.drift).toEqual([]);
      }),
      { numRuns: 25, seed: 20261125 },
    );
    expect(refusals).toBeGreaterThan(0);
  });
});
