import { makeIdNumber } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

const validMember = (orgId: number, n: number) => ({
  orgId,
  name: '测试新党员',
  gender: 'male' as const,
  ethnicity: '汉族',
  birthDate: '1990-03-07',
  idNumber: makeIdNumber('110101', '1990-03-07', 400 + n, 'male'),
  education: 'bachelor',
  occupation: 'professional',
  joinedOn: '2015-07-01',
  fullOn: '2016-07-01',
  status: 'full',
  phone: '13912345678',
});

describeEachDb('members routes', (getDb) => {
  const {
    tree,
    sessions: { town, grid, viewer, admin },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'grid', 'viewer', 'admin']);

  it('lists only the members inside the user scope, masked, with the contract shape', async () => {
    const res = await get(town, '/api/members?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor', 'page', 'pageSize', 'total']);
    const names = body.items.map((m: { name: string }) => m.name).sort();
    expect(names).toEqual(['刘洋', '张伟', '李娜', '王芳', '陈静'].sort());
    expect(body.items[0].idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(body.items[0]).not.toHaveProperty('idNumber');
    expect(body.items[0].phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const gridList = (await get(grid, '/api/members')).json();
    expect(gridList.items.map((m: { name: string }) => m.name).sort()).toEqual(['刘洋', '李娜'].sort());
  });

  it('finds members by pinyin initials and by part of the name, filters and sorts in SQL', async () => {
    expect((await get(town, '/api/members?q=zw')).json().items.map((m: { name: string }) => m.name)).toEqual(['张伟']);
    expect((await get(town, '/api/members?q=ZW')).json().total).toBe(1);
    expect((await get(town, '/api/members?q=王')).json().items.map((m: { name: string }) => m.name)).toEqual(['王芳']);
    const women = (await get(town, '/api/members?gender=female&sort=name')).json();
    expect(women.total).toBe(3);
    expect(
      (await get(town, '/api/members?status=probationary')).json().items.map((m: { name: string }) => m.name),
    ).toEqual(['陈静']);
    const paged = (await get(admin, '/api/members?pageSize=2&page=2&sort=-id')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: 7 });
    expect(paged.items).toHaveLength(2);
    const byOrg = (await get(admin, `/api/members?orgId=${tree.orgs.otherVillage.id}`)).json();
    expect(byOrg.total).toBe(2);
  });

  it('pages deep with a keyset cursor: the same rows in the same order as offset pages, none twice', async () => {
    for (const sort of ['name', '-joinedOn', 'id']) {
      const all = (await get(admin, `/api/members?pageSize=200&sort=${sort}`))
        .json()
        .items.map((m: { id: number }) => m.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/members?pageSize=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await get(admin, url)).json();
        seen.push(...body.items.map((m: { id: number }) => m.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(all);
    }
    const bad = await get(admin, '/api/members?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.cursor).toBe('翻页标记无效，请从第一页重新查询');
  });

  it('rolls up a combined filter over the scope, grouped by a dimension', async () => {
    const res = await get(town, '/api/members/rollup?gender=female&education=bachelor&groupBy=status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      groups: expect.arrayContaining([
        { value: 'full', n: 2 },
        { value: 'probationary', n: 1 },
      ]),
    });
    const county = (await get(admin, '/api/members/rollup?groupBy=ageBand')).json();
    expect(county.total).toBe((await get(admin, '/api/members')).json().total);
    expect((await get(grid, '/api/members/rollup?groupBy=nothing')).statusCode).toBe(400);
    expect((await get(town, `/api/members/rollup?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(404);
  });

  it('refuses bad filters with 400 naming the field, and an org outside the scope with 404', async () => {
    const bad = await get(town, '/api/members?pageSize=500&gender=x');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['pageSize', 'gender']));
    expect((await get(town, `/api/members?orgId=${tree.orgs.otherVillage.id}`)).statusCode).toBe(404);
    expect((await app().inject({ method: 'GET', url: '/api/members' })).statusCode).toBe(401);
  });

  it('shows a member in scope, answers 404 for one outside the scope exactly as for a missing id', async () => {
    const ok = await get(town, `/api/members/${tree.members.village[0]!.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '张伟', orgName: '城关镇红旗村党支部' });
    const outside = await get(town, `/api/members/${tree.members.otherVillage[0]!.id}`);
    const missing = await get(town, '/api/members/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('reveals PII only with pii:reveal, and writes the reveal to the audit log', async () => {
    const id = tree.members.group[0]!.id;
    const res = await send(town, 'POST', `/api/members/${id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await send(grid, 'POST', `/api/members/${id}/reveal`)).statusCode).toBe(403);
    expect((await send(town, 'POST', `/api/members/${tree.members.otherVillage[0]!.id}/reveal`)).statusCode).toBe(404);
    const audit = (await get(admin, `/api/audit?entity=member&entityId=${id}&action=reveal`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].username).toBe(tree.users.town.username);
  });

  it('creates a member; refuses a wrong check digit, a birth date or gender that disagrees with the ID, and a duplicate', async () => {
    const body = validMember(tree.orgs.village.id, 1);
    const created = await send(town, 'POST', '/api/members', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '测试新党员', version: 0, orgId: tree.orgs.village.id });

    const wrongCheck = `${body.idNumber.slice(0, 17)}${body.idNumber[17] === '0' ? '1' : '0'}`;
    const r1 = await send(town, 'POST', '/api/members', { ...body, idNumber: wrongCheck });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.fields.idNumber).toBe('身份证号码校验位错误');

    const r2 = await send(town, 'POST', '/api/members', {
      ...validMember(tree.orgs.village.id, 2),
      birthDate: '1990-03-08',
      gender: 'female',
    });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.fields.birthDate).toContain('1990-03-07');
    expect(r2.json().error.fields.gender).toContain('男');

    const r3 = await send(town, 'POST', '/api/members', body);
    expect(r3.statusCode).toBe(409);
    expect(r3.json().error.fields.idNumber).toBe('该身份证号码已登记为党员');

    const r4 = await send(town, 'POST', '/api/members', {
      ...validMember(tree.orgs.village.id, 3),
      joinedOn: '2005-01-01',
    });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().error.fields.joinedOn).toBe('入党时应年满18周岁');
  });

  it('refuses creating outside the scope (404) and without members:write (403), and without CSRF token (403)', async () => {
    expect((await send(town, 'POST', '/api/members', validMember(tree.orgs.otherVillage.id, 4))).statusCode).toBe(404);
    expect((await send(viewer, 'POST', '/api/members', validMember(tree.orgs.village.id, 5))).statusCode).toBe(403);
    const noCsrf = await app().inject({
      method: 'POST',
      url: '/api/members',
      headers: town.read,
      payload: validMember(tree.orgs.village.id, 6),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('edits with the version; a stale version gets 409 with the current record and changes nothing', async () => {
    const id = tree.members.village[1]!.id;
    const before = (await get(town, `/api/members/${id}`)).json();
    const ok = await send(town, 'PATCH', `/api/members/${id}`, { phone: '13700001111', version: before.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(before.version + 1);
    expect(ok.json().phoneMasked).toBe('137****1111');
    const stale = await send(town, 'PATCH', `/api/members/${id}`, { phone: '13700002222', version: before.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.phoneMasked).toBe('137****1111');
    const history = (await get(town, `/api/members/${id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: 'update' });
    expect(history.items[0].after.phone).toBe('137****1111');
  });

  it('transfers a member two-sided: counted once in the old org while pending, moved on acceptance', async () => {
    const member = tree.members.village[0]!;
    const countIn = async (orgId: number) => (await get(admin, `/api/members?orgId=${orgId}`)).json().total as number;
    const fromBefore = await countIn(tree.orgs.village.id);
    const toBefore = await countIn(tree.orgs.otherVillage.id);
    const current = (await get(town, `/api/members/${member.id}`)).json();
    const req = await send(town, 'POST', `/api/members/${member.id}/transfers`, {
      toOrgId: tree.orgs.otherVillage.id,
      reason: '工作调动',
      version: current.version,
    });
    expect(req.statusCode).toBe(201);
    const transferId = req.json().id;
    expect(await countIn(tree.orgs.village.id)).toBe(fromBefore);
    expect(await countIn(tree.orgs.otherVillage.id)).toBe(toBefore);
    expect((await countIn(tree.orgs.county.id)) > 0).toBe(true);
    // The sending township cannot accept on behalf of the receiver.
    expect((await send(town, 'POST', `/api/transfers/${transferId}/accept`)).statusCode).toBe(403);
    const again = await send(town, 'POST', `/api/members/${member.id}/transfers`, {
      toOrgId: tree.orgs.otherVillage.id,
      version: current.version + 1,
    });
    expect(again.statusCode).toBe(422);
    const accepted = await send(admin, 'POST', `/api/transfers/${transferId}/accept`, { reason: '同意接收' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().state).toBe('completed');
    expect(await countIn(tree.orgs.village.id)).toBe(fromBefore - 1);
    expect(await countIn(tree.orgs.otherVillage.id)).toBe(toBefore + 1);
    expect((await get(town, `/api/members/${member.id}`)).statusCode).toBe(404);
    expect((await send(admin, 'POST', `/api/transfers/${transferId}/accept`)).statusCode).toBe(422);
  });

  it('lists transfers by direction for each side, lets the sender cancel and the receiver reject, 404 outside both sides', async () => {
    const member = tree.members.community[0]!;
    const cur = (await get(town, `/api/members/${member.id}`)).json();
    const targets = (await get(town, '/api/orgs/transfer-targets?q=石桥')).json();
    expect(targets.items.map((o: { name: string }) => o.name)).toContain('青石镇石桥村党支部');
    expect((await get(grid, '/api/orgs/transfer-targets?q=石桥')).statusCode).toBe(403);
    const t1 = (
      await send(town, 'POST', `/api/members/${member.id}/transfers`, {
        toOrgId: tree.orgs.otherVillage.id,
        version: cur.version,
      })
    ).json();
    const out = (await get(town, '/api/transfers?direction=out&state=pending')).json();
    expect(out.items.map((t: { id: number }) => t.id)).toContain(t1.id);
    expect(
      (await get(town, '/api/transfers?direction=in')).json().items.map((t: { id: number }) => t.id),
    ).not.toContain(t1.id);
    expect((await get(grid, `/api/transfers/${t1.id}`)).statusCode).toBe(404);
    expect((await get(town, `/api/transfers/${t1.id}`)).json()).toMatchObject({
      state: 'pending',
      toOrgName: '青石镇石桥村党支部',
    });
    const cancelled = await send(town, 'POST', `/api/transfers/${t1.id}/cancel`, { reason: '填错了' });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', decisionReason: '填错了' });
    const after = (await get(town, `/api/members/${member.id}`)).json();
    expect(after.pendingTransferId).toBeNull();
    const t2 = (
      await send(town, 'POST', `/api/members/${member.id}/transfers`, {
        toOrgId: tree.orgs.otherVillage.id,
        version: after.version,
      })
    ).json();
    expect((await send(town, 'POST', `/api/transfers/${t2.id}/reject`)).statusCode).toBe(403);
    expect((await send(admin, 'POST', `/api/transfers/${t2.id}/reject`, { reason: '不符合条件' })).json().state).toBe(
      'rejected',
    );
    expect((await get(town, `/api/members/${member.id}`)).json().orgId).toBe(tree.orgs.community.id);
    expect((await send(town, 'POST', `/api/transfers/${t2.id}/decide-later`)).statusCode).toBe(400);
  });

  it("lists one member's transfers for its detail page, 404 outside the scope", async () => {
    const member = tree.members.community[0]!;
    const res = await get(town, `/api/members/${member.id}/transfers`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((t: { state: string }) => t.state)).toEqual(['rejected', 'cancelled']);
    expect((await get(grid, `/api/members/${member.id}/transfers`)).statusCode).toBe(404);
  });

  it('two users editing the same member at once: one wins, the other gets 409, nothing is lost', async () => {
    const id = tree.members.group[1]!.id;
    const cur = (await get(admin, `/api/members/${id}`)).json();
    const [a, b] = await Promise.all([
      send(admin, 'PATCH', `/api/members/${id}`, { address: '甲的地址', version: cur.version }),
      send(town, 'PATCH', `/api/members/${id}`, { education: 'postgraduate', version: cur.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await get(admin, `/api/members/${id}`)).json();
    expect(after.version).toBe(cur.version + 1);
    const winner = a.statusCode === 200 ? { address: '甲的地址' } : { education: 'postgraduate' };
    expect(after).toMatchObject(winner);
  });
});
