// The one scope function against a brute-force walk of the generated demo county, for every demo user and
// permission, plus users holding several grants of different roles (the union must be per permission).
import { PERMISSIONS, type Permission, roleHasPermission } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../db/seed.js';
import { describeEachDb } from '../test/databases.js';
import { seedUser } from '../test/factories.js';
import type { Actor } from './actor.js';
import { findActiveGrants } from './auth/auth.repo.js';
import { today } from './clock.js';
import { silentProgress } from './progress.js';
import { scopeOf, whereInScope } from './scope.js';

describeEachDb('scope oracle over the demo county', (getDb) => {
  let orgs: Array<{ id: number; parentId: number | null; path: string }>;
  let usernames: string[];

  beforeAll(async () => {
    const { handle, config, ctx } = getDb();
    const r = await seedDemo(handle, config, { scale: 'county', seed: 7, progress: () => silentProgress });
    orgs = await ctx.db.selectFrom('orgs').select(['id', 'parentId', 'path']).execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const a = r.dataset.anchors;
    const other = byId.get(a.otherTownship)!;
    const otherChild = orgs.find((o) => o.parentId === other.id)!;
    // Several grants at once: a branch secretary who is also a grid worker elsewhere, and an expired leader grant.
    const multi = await seedUser(ctx, {
      username: 'multi',
      role: 'branch_secretary',
      org: { ...byId.get(a.villageBranch)!, name: '' },
    });
    await ctx.db
      .insertInto('userGrants')
      .values([
        {
          userId: multi.id,
          role: 'grid_worker',
          orgId: otherChild.id,
          includeSubtree: 0,
          validFrom: null,
          validTo: null,
        },
        {
          userId: multi.id,
          role: 'readonly_leader',
          orgId: a.root,
          includeSubtree: 1,
          validFrom: '2020-01-01',
          validTo: '2020-12-31',
        },
        {
          userId: multi.id,
          role: 'township_admin',
          orgId: other.id,
          includeSubtree: 1,
          validFrom: '2999-01-01',
          validTo: null,
        },
      ])
      .execute();
    usernames = ['admin', 'county', 'town', 'branch', 'grid', 'viewer', 'multi'];
  });

  async function actorOf(username: string): Promise<Actor> {
    const { db } = getDb().ctx;
    const user = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return {
      userId: user.id,
      username,
      name: user.name,
      grants: await findActiveGrants(db, user.id, today()),
      ip: null,
      sessionId: 'oracle',
    };
  }

  /** Brute force: walk up the parent pointers from every org, looking for a grant that covers it. */
  async function bruteForce(username: string, permission: Permission): Promise<Set<number>> {
    const { db } = getDb().ctx;
    const t = today();
    const grants = (
      await db
        .selectFrom('userGrants as g')
        .innerJoin('users as u', 'u.id', 'g.userId')
        .select(['g.role', 'g.orgId', 'g.includeSubtree', 'g.validFrom', 'g.validTo'])
        .where('u.username', '=', username)
        .execute()
    ).filter(
      (g) =>
        roleHasPermission(g.role, permission) &&
        (g.validFrom === null || g.validFrom <= t) &&
        (g.validTo === null || g.validTo >= t),
    );
    const parent = new Map(orgs.map((o) => [o.id, o.parentId]));
    const out = new Set<number>();
    for (const o of orgs) {
      for (const g of grants) {
        if (g.orgId === o.id) out.add(o.id);
        else if (g.includeSubtree === 1) {
          for (let p = parent.get(o.id) ?? null; p !== null; p = parent.get(p) ?? null) {
            if (p === g.orgId) {
              out.add(o.id);
              break;
            }
          }
        }
      }
    }
    return out;
  }

  it('selects exactly the brute-force set of orgs and members for every user and permission', async () => {
    const { db } = getDb().ctx;
    let compared = 0;
    for (const username of usernames) {
      const actor = await actorOf(username);
      for (const permission of PERMISSIONS) {
        const expected = await bruteForce(username, permission);
        let scope: ReturnType<typeof scopeOf> | null = null;
        try {
          scope = scopeOf(actor, permission);
        } catch {
          scope = null;
        }
        if (scope === null) {
          expect(expected.size, `${username} ${permission}`).toBe(0);
          continue;
        }
        const rows = await db.selectFrom('orgs').select('id').where(whereInScope(scope, 'path')).execute();
        expect(new Set(rows.map((r) => r.id)), `${username} ${permission}`).toEqual(expected);
        const memberCount = await db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(whereInScope(scope, 'orgPath'))
          .executeTakeFirstOrThrow();
        const memberOrgs = await db.selectFrom('members').select('orgId').execute();
        expect(Number(memberCount.n), `${username} ${permission} members`).toBe(
          memberOrgs.filter((m) => expected.has(m.orgId)).length,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('gives a multi-role user each permission only where a grant holding it applies', async () => {
    const actor = await actorOf('multi');
    const read = await bruteForce('multi', 'members:read');
    const write = await bruteForce('multi', 'members:write');
    expect(read.size).toBeGreaterThan(write.size);
    expect(() => scopeOf(actor, 'users:manage')).toThrow();
    expect(() => scopeOf(actor, 'audit:read')).toThrow();
  });
});
