// Audit integrity beyond audit.routes.test.ts (one edit, one deletion): every kind of tampering made directly in the
// database — a field of a row changed, two rows swapped, a row forged at the end — makes verify name the first row
// that no longer holds; and the route table offers no way to change an audit row.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { routeKeys } from '../../test/route-policy.js';

describeEachDb('audit chain integrity', (getDb) => {
  const {
    tree,
    sessions: { admin, town },
    app,
    get,
  } = smallTreeSuite(getDb, ['admin', 'town']);
  let ids: number[];

  beforeAll(async () => {
    // A few audited writes beyond the logins.
    for (const m of tree.members.village) {
      const cur = (await get(town, `/api/members/${m.id}`)).json();
      await app().inject({
        method: 'PATCH',
        url: `/api/members/${m.id}`,
        headers: town.write,
        payload: { address: `地址${m.id}`, version: cur.version },
      });
    }
    ids = (await getDb().ctx.db.selectFrom('auditLog').select('id').orderBy('id').execute()).map((r) => r.id);
  });

  const verify = async () => (await get(admin, '/api/audit/verify')).json() as { ok: boolean; firstBrokenId?: number };
  /** Runs `tamper` on the database, expects verify to name `broken`, then puts the rows back as they were. */
  async function expectDetected(tamper: () => Promise<unknown>, broken: number) {
    const { db } = getDb().ctx;
    const saved = await db.selectFrom('auditLog').selectAll().orderBy('id').execute();
    expect((await verify()).ok).toBe(true);
    await tamper();
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: broken });
    await db.deleteFrom('auditLog').execute();
    for (const row of saved) await db.insertInto('auditLog').values(row).execute();
    expect((await verify()).ok).toBe(true);
  }

  it.each([
    ['username', "'someone-else'"],
    ['ip', "'10.0.0.1'"],
    ['action', "'delete'"],
    ['entity_id', '999'],
    ['org_path', "'/1/'"],
    ['before', "'{}'"],
    ['at', "'2000-01-01T00:00:00.000Z'"],
  ])('names the row whose %s was changed', async (column, value) => {
    const target = ids[2]!;
    await expectDetected(
      () =>
        sql`update audit_log set ${sql.ref(column)} = ${sql.raw(value)} where id = ${target}`.execute(getDb().ctx.db),
      target,
    );
  });

  it('names the first of two rows whose contents were swapped (reordered history)', async () => {
    const [a, b] = [ids[3]!, ids[4]!];
    const { db } = getDb().ctx;
    await expectDetected(async () => {
      const rows = await db.selectFrom('auditLog').selectAll().where('id', 'in', [a, b]).orderBy('id').execute();
      const { id: _a, ...first } = rows[0]!;
      const { id: _b, ...second } = rows[1]!;
      await db.updateTable('auditLog').set(second).where('id', '=', a).execute();
      await db.updateTable('auditLog').set(first).where('id', '=', b).execute();
    }, a);
  });

  it('names a row forged at the end of the chain, and the row after a deleted first row', async () => {
    const { db } = getDb().ctx;
    const last = await db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const forgedId = last.id + 1;
    await expectDetected(
      () =>
        db
          .insertInto('auditLog')
          .values({ ...last, id: forgedId, prevHash: last.hash, action: 'delete', hash: 'f'.repeat(64) })
          .execute(),
      forgedId,
    );
    await expectDetected(() => db.deleteFrom('auditLog').where('id', '=', ids[0]!).execute(), ids[1]!);
  });

  it('offers no route that writes to the audit log: only GET under /api/audit', async () => {
    const audit = (await routeKeys(app())).filter((k) => k.split(' ')[1]!.startsWith('/api/audit'));
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.filter((k) => !k.startsWith('GET '))).toEqual([]);
  });
});
