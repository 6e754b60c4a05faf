// The load test's accounting (countWrites): writes made through the services and answers that match them pass; an
// answered write missing from the database, two 200s on one version, a creation nobody was answered for, or a
// creation answered 201 but absent, each fail it. Writes cut off by the end of the run may be in or not.
import { makeIdNumber } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { createMember, updateMember } from '../../../apps/server/src/modules/members/members.service.js';
import { describeEachDb } from '../../../apps/server/src/test/databases.js';
import { actorOf, seedSmallTree } from '../../../apps/server/src/test/factories.js';
import { CREATED_NAME, countWrites, type Edit } from './load.js';

describeEachDb('load test accounting', (getDb) => {
  it('passes matching answers and names each kind of wrong or missing write', async () => {
    const { ctx, handle } = getDb();
    const tree = await seedSmallTree(ctx);
    const actor = await actorOf(ctx, tree.users.town.id);
    const [a, b] = [tree.members.village[0]!, tree.members.village[1]!];
    const version = async (id: number) =>
      (await ctx.db.selectFrom('members').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const before = {
      versions: new Map([
        [a.id, await version(a.id)],
        [b.id, await version(b.id)],
      ]),
      auditMaxId: Number(
        (
          await ctx.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      ),
    };

    const v0 = before.versions.get(a.id)!;
    const first = await updateMember(ctx, actor, a.id, { phone: '13900000001', version: v0 });
    const second = await updateMember(ctx, actor, a.id, { phone: '13900000002', version: first.version });
    const idNumber = (n: number) => makeIdNumber('659001', '1975-01-01', n, 'male');
    await createMember(ctx, actor, {
      orgId: tree.orgs.village.id,
      name: CREATED_NAME,
      gender: 'male',
      ethnicity: '汉族',
      birthDate: '1975-01-01',
      idNumber: idNumber(0),
      education: 'bachelor',
      occupation: 'professional',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      status: 'full',
      phone: '13700000000',
    });

    const edits = (): Map<string, Edit> =>
      new Map([
        ['13900000001', { memberId: a.id, status: 200, version: first.version }],
        ['13900000002', { memberId: a.id, status: 200, version: second.version }],
        ['13900000003', { memberId: b.id, status: 409, version: null }],
      ]);
    const creates = (): Map<string, number | null> => new Map([[idNumber(0), 201]]);
    const count = (e: Map<string, Edit>, c: Map<string, number | null>) => countWrites(handle, before, e, c);

    const fine = await count(edits(), creates());
    expect(fine.ok).toBe(true);
    expect(fine.edits).toMatchObject({ ok_2xx: 2, conflicts_409: 1, applied: 2, lost: 0, audit_mismatch: 0 });
    expect(fine.creates).toMatchObject({ ok_2xx: 1, in_db: 1, lost: 0, phantom: 0 });

    // Cut off by the end of the run: an edit that never landed, a creation that never landed. Still fine.
    const cut = edits().set('13900000009', { memberId: b.id, status: null, version: null });
    expect((await count(cut, creates().set(idNumber(1), null))).ok).toBe(true);

    const lostEdit = edits().set('13900000004', { memberId: b.id, status: 200, version: 1 });
    expect((await count(lostEdit, creates())).edits).toMatchObject({ lost: 1 });
    expect((await count(lostEdit, creates())).ok).toBe(false);

    const sameVersion = edits().set('13900000002', { memberId: a.id, status: 200, version: first.version });
    const twice = await count(sameVersion, creates());
    expect(twice.edits.lost_updates).toBe(1);
    expect(twice.ok).toBe(false);

    const phantom = await count(edits(), new Map());
    expect(phantom.creates.phantom).toBe(1);
    expect(phantom.ok).toBe(false);

    const lostCreate = await count(edits(), creates().set(idNumber(2), 201));
    expect(lostCreate.creates.lost).toBe(1);
    expect(lostCreate.ok).toBe(false);
  });
});
