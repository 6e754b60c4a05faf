import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

describeEachDb('audit routes', (getDb) => {
  const {
    tree,
    sessions: { admin, town, grid },
    app,
    get,
  } = smallTreeSuite(getDb, ['admin', 'town', 'grid']);

  it('records every write with who, when, from where, before and after', async () => {
    const m = tree.members.village[0]!;
    const cur = (await get(town, `/api/members/${m.id}`)).json();
    await app().inject({
      method: 'PATCH',
      url: `/api/members/${m.id}`,
      headers: town.write,
      payload: { address: '红旗村3组', version: cur.version },
    });
    const rows = (await get(admin, `/api/audit?entity=member&entityId=${m.id}&action=update`)).json();
    expect(rows.total).toBe(1);
    expect(rows.items[0]).toMatchObject({
      username: tree.users.town.username,
      ip: expect.any(String),
      action: 'update',
    });
    expect(rows.items[0].before.address).toBeNull();
    expect(rows.items[0].after.address).toBe('红旗村3组');
    expect(rows.items[0].after.idNumber).toMatch(/\*{11}/);
  });

  it('shows a township auditor only its own subtree; users without audit:read get 403', async () => {
    const other = tree.members.otherVillage[0]!;
    const cur = (await get(admin, `/api/members/${other.id}`)).json();
    await app().inject({
      method: 'PATCH',
      url: `/api/members/${other.id}`,
      headers: admin.write,
      payload: { address: '石桥村', version: cur.version },
    });
    const townRows = (await get(town, '/api/audit?pageSize=200')).json();
    expect(townRows.items.some((r: { entityId: number }) => r.entityId === other.id)).toBe(false);
    expect((await get(grid, '/api/audit')).statusCode).toBe(403);
    expect((await get(town, '/api/audit?from=2026-13-01')).statusCode).toBe(400);
  });

  it('verifies the chain, and names the first row after a direct edit or deletion in the database', async () => {
    const ok = (await get(admin, '/api/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    const { db } = getDb().handle;
    const rows = await db.selectFrom('auditLog').select(['id']).orderBy('id').execute();
    const target = rows[3]!.id;
    await sql`update audit_log set after = '{"address":"forged"}' where id = ${target}`.execute(db);
    const broken = (await get(admin, '/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, firstBrokenId: target });
    const original = await db.selectFrom('auditLog').select(['id']).where('id', '=', target).executeTakeFirstOrThrow();
    expect(original.id).toBe(target);
    await sql`delete from audit_log where id = ${target}`.execute(db);
    const afterDelete = (await get(admin, '/api/audit/verify')).json();
    expect(afterDelete).toMatchObject({ ok: false, firstBrokenId: rows[4]!.id });
  });

  it('offers no route that changes an audit row', async () => {
    for (const method of ['PATCH', 'DELETE', 'PUT'] as const) {
      const res = await app().inject({ method, url: '/api/audit/1', headers: admin.write, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });
});
