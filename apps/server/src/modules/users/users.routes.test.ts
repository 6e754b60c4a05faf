import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, smallTreeSuite } from '../../test/factories.js';

describeEachDb('users routes', (getDb) => {
  const {
    tree,
    sessions: { county, town },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town']);
  const grant = (orgId: number, role = 'branch_secretary') => ({
    role,
    orgId,
    includeSubtree: true,
    validFrom: null,
    validTo: null,
  });

  it('creates a user with a grant in scope; the new user logs in and sees only that subtree', async () => {
    const res = await send(county, 'POST', '/api/users', {
      username: 'shiqiao',
      name: '石桥村书记',
      password: 'Shiqiao#2026',
      grants: [grant(tree.orgs.otherVillage.id)],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().grants[0]).toMatchObject({
      role: 'branch_secretary',
      orgId: tree.orgs.otherVillage.id,
      roleLabel: '支部书记',
    });
    const s = await loginAs(app(), 'shiqiao', 'Shiqiao#2026');
    const list = (await get(s, '/api/members')).json();
    expect(list.items.map((m: { name: string }) => m.name).sort()).toEqual(['孙强', '赵磊'].sort());
  });

  it('refuses a weak password, a duplicate username and a grant outside the scope, naming the field', async () => {
    const weak = await send(county, 'POST', '/api/users', {
      username: 'weakling',
      name: '弱',
      password: 'password',
      grants: [grant(tree.orgs.town.id)],
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.fields.password).toBeDefined();
    const dup = await send(county, 'POST', '/api/users', {
      username: tree.users.town.username,
      name: '重复',
      password: 'Another#2026',
      grants: [grant(tree.orgs.town.id)],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.username).toBe('用户名已存在');
    const dates = await send(county, 'POST', '/api/users', {
      username: 'dated',
      name: '期限',
      password: 'Another#2026',
      grants: [{ ...grant(tree.orgs.town.id), validFrom: '2026-02-01', validTo: '2026-01-01' }],
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.fields['grants.0.validTo']).toBe('失效日期不能早于生效日期');
  });

  it('a township admin (no users:manage) cannot create users; an org department admin cannot grant system_admin', async () => {
    expect(
      (
        await send(town, 'POST', '/api/users', {
          username: 'x1234',
          name: 'x',
          password: 'Another#2026',
          grants: [grant(tree.orgs.village.id)],
        })
      ).statusCode,
    ).toBe(403);
    const res = await send(county, 'POST', '/api/users', {
      username: 'superx',
      name: 'x',
      password: 'Another#2026',
      grants: [grant(tree.orgs.county.id, 'system_admin')],
    });
    expect(res.statusCode).toBe(403);
  });

  it('disables a user (sessions end), resets a password, and honours time-bounded grants', async () => {
    const victim = await loginAs(app(), tree.users.branch.username);
    const user = (await get(county, `/api/users/${tree.users.branch.id}`)).json();
    const disabled = await send(county, 'PATCH', `/api/users/${tree.users.branch.id}`, {
      disabled: true,
      version: user.version,
    });
    expect(disabled.statusCode).toBe(200);
    expect((await get(victim, '/api/auth/me')).statusCode).toBe(401);
    const login = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: tree.users.branch.username, password: 'Test@2026pass' },
    });
    expect(login.statusCode).toBe(403);
    const enabled = await send(county, 'PATCH', `/api/users/${tree.users.branch.id}`, {
      disabled: false,
      version: user.version + 1,
    });
    expect(enabled.statusCode).toBe(200);
    expect(
      (await send(county, 'POST', `/api/users/${tree.users.branch.id}/password`, { password: 'NewPass#2026' }))
        .statusCode,
    ).toBe(200);
    await loginAs(app(), tree.users.branch.username, 'NewPass#2026');
    // An expired grant gives no access at all.
    const expired = await send(county, 'POST', '/api/users', {
      username: 'expired',
      name: '过期',
      password: 'Expired#2026',
      grants: [{ ...grant(tree.orgs.town.id), validFrom: '2020-01-01', validTo: '2020-12-31' }],
    });
    expect(expired.statusCode).toBe(201);
    const r = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'expired', password: 'Expired#2026' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('lists users whose grants lie in the scope; 404 for users outside it', async () => {
    const townList = (await get(town, '/api/users?pageSize=100')).json();
    const names = townList.items.map((u: { username: string }) => u.username);
    expect(names).toEqual(
      expect.arrayContaining([tree.users.town.username, tree.users.branch.username, tree.users.grid.username]),
    );
    expect(names).not.toContain(tree.users.county.username);
    expect((await get(town, `/api/users/${tree.users.county.id}`)).statusCode).toBe(404);
  });

  it('unlocks a locked user; a user changes their own password only with the old one', async () => {
    const { ctx } = getDb();
    await ctx.db
      .updateTable('users')
      .set({ lockedUntil: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', tree.users.viewer.id)
      .execute();
    const locked = await app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: tree.users.viewer.username, password: 'Test@2026pass' },
    });
    expect(locked.statusCode).toBe(429);
    // A township admin holds no users:manage at all.
    expect((await send(town, 'POST', `/api/users/${tree.users.viewer.id}/unlock`)).statusCode).toBe(403);
    expect((await send(county, 'POST', `/api/users/${tree.users.viewer.id}/unlock`)).statusCode).toBe(200);
    const viewer = await loginAs(app(), tree.users.viewer.username);
    const wrongOld = await send(viewer, 'POST', '/api/auth/password', {
      oldPassword: 'nope',
      newPassword: 'Viewer#2027',
    });
    expect(wrongOld.statusCode).toBe(400);
    expect(wrongOld.json().error.fields.oldPassword).toBe('原密码错误');
    const weak = await send(viewer, 'POST', '/api/auth/password', {
      oldPassword: 'Test@2026pass',
      newPassword: 'viewer',
    });
    expect(weak.json().error.fields.newPassword).toBeDefined();
    expect(
      (await send(viewer, 'POST', '/api/auth/password', { oldPassword: 'Test@2026pass', newPassword: 'Viewer#2027' }))
        .statusCode,
    ).toBe(200);
    await loginAs(app(), tree.users.viewer.username, 'Viewer#2027');
  });
});
