// Two users editing the same record at once (optimistic versions, platform/versioned.ts): of many PATCHes sent in
// parallel with the version both read, exactly one is applied and the rest get 409 with the current record; the row
// holds the winner's change, one audit row is written per applied edit, and a loser who retries on the current
// version lands its change without undoing the winner's. A member and an org, on SQLite and PostgreSQL.
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachDb } from './test/databases.js';
import { smallTreeSuite } from './test/factories.js';

const PARALLEL = 8;

describeEachDb('concurrent edits of one record', (getDb) => {
  const {
    tree,
    sessions: { admin, town },
    get,
    send,
  } = smallTreeSuite(getDb, ['admin', 'town']);

  const auditRows = async (entity: 'member' | 'org', id: number) =>
    Number(
      (
        await getDb()
          .ctx.db.selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'update')
          .where('entity', '=', entity)
          .where('entityId', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Sends PATCH i with `body(i)`, alternating the two users, all at once. */
  const race = (url: string, body: (i: number) => object) =>
    Promise.all(Array.from({ length: PARALLEL }, (_, i) => send(i % 2 === 0 ? admin : town, 'PATCH', url, body(i))));
  const winnerOf = (responses: LightMyRequestResponse[]) => {
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(PARALLEL - 1);
    return codes.indexOf(200);
  };

  it('member: one of 8 parallel edits wins, 7 get 409 with the current record, the retry keeps both changes', async () => {
    const id = tree.members.village[0]!.id;
    const url = `/api/members/${id}`;
    const before = (await get(admin, url)).json();
    const auditBefore = await auditRows('member', id);
    const phone = (i: number) => `1390000000${i}`;
    const responses = await race(url, (i) => ({ phone: phone(i), version: before.version }));
    const w = winnerOf(responses);

    const row = await getDb()
      .ctx.db.selectFrom('members')
      .select(['phone', 'version', 'address'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phone: phone(w), version: before.version + 1 });
    expect(await auditRows('member', id)).toBe(auditBefore + 1);
    const loser = responses.findIndex((r) => r.statusCode === 409);
    const current = responses[loser]!.json().error.current;
    expect(current).toMatchObject({ version: before.version + 1, phoneMasked: `139****000${w}` });

    // The loser redoes its own change (another field) on the version it was shown: both changes are kept.
    const retried = await send(loser % 2 === 0 ? admin : town, 'PATCH', url, {
      address: '重试后的地址',
      version: current.version,
    });
    expect(retried.statusCode).toBe(200);
    expect(
      await getDb()
        .ctx.db.selectFrom('members')
        .select(['phone', 'address', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ phone: phone(w), address: '重试后的地址', version: before.version + 2 });
    expect(await auditRows('member', id)).toBe(auditBefore + 2);
  });

  it('org: one of 8 parallel edits wins, 7 get 409 with the current org, the retry on the current version applies', async () => {
    const id = tree.orgs.village.id;
    const url = `/api/orgs/${id}`;
    const before = (await get(admin, url)).json();
    const auditBefore = await auditRows('org', id);
    const secretary = (i: number) => `书记${'甲乙丙丁戊己庚辛'[i]}`;
    const responses = await race(url, (i) => ({ secretaryName: secretary(i), version: before.version }));
    const w = winnerOf(responses);

    const row = await getDb()
      .ctx.db.selectFrom('orgs')
      .select(['secretaryName', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ secretaryName: secretary(w), version: before.version + 1 });
    expect(await auditRows('org', id)).toBe(auditBefore + 1);
    // Every 409 shows the org as the winner left it, not as it was read before the race.
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.current).toMatchObject({ secretaryName: secretary(w), version: before.version + 1 });
    }

    const fresh = (await get(town, url)).json();
    expect(fresh).toMatchObject({ secretaryName: secretary(w), version: before.version + 1 });
    const retried = await send(town, 'PATCH', url, { phone: '0991-1234567', version: fresh.version });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ secretaryName: secretary(w), version: before.version + 2 });
    expect(await auditRows('org', id)).toBe(auditBefore + 2);
  });
});
