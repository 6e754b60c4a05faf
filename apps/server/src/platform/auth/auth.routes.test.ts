import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, seedSmallTree, seedUser, TEST_PASSWORD } from '../../test/factories.js';
import { resetLoginThrottle } from './auth.service.js';

describeEachDb('auth routes', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
  });

  it('logs in with the contract shape and sets an HttpOnly cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: tree.users.town.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ id: tree.users.town.id, username: tree.users.town.username });
    expect(body.user.grants).toEqual([
      expect.objectContaining({
        role: 'township_admin',
        orgId: tree.orgs.town.id,
        includeSubtree: true,
        validFrom: null,
        validTo: null,
      }),
    ]);
    const cookie = res.cookies.find((c) => c.name === 'grs_session');
    expect(cookie?.httpOnly).toBe(true);
  });

  it('answers 401 with a Chinese message for a wrong password and an unknown user', async () => {
    for (const username of [tree.users.viewer.username, 'nobody']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong-Pass1' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toContain('用户名或密码错误');
    }
  });

  it('answers 400 naming the field when the username is missing', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.username).toBe('请输入用户名');
  });

  it('locks the account after 5 wrong passwords (429) and refuses the right one while locked', async () => {
    resetLoginThrottle();
    const username = tree.users.grid.username;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: `bad-${i}Aa` } }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    resetLoginThrottle();
  });

  it('me answers for a live session, 401 without one; logout ends the session on the server', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const s = await loginAs(app, tree.users.branch.username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: s.read });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(tree.users.branch.username);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.read })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.write })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: s.read })).statusCode).toBe(401);
  });

  it('rotates the session on login: the old cookie stops working', async () => {
    const first = await loginAs(app, tree.users.county.username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: tree.users.county.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: first.read })).statusCode).toBe(401);
  });

  it('ends a session idle longer than the idle timeout, and one older than the absolute lifetime', async () => {
    const { db } = getDb().ctx;
    const idle = await loginAs(app, tree.users.county.username);
    const long = new Date(Date.now() - 31 * 60_000).toISOString();
    await db.updateTable('sessions').set({ lastSeenAt: long }).where('userId', '=', tree.users.county.id).execute();
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: idle.read });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('登录已过期，请重新登录');
    const old = await loginAs(app, tree.users.county.username);
    await db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('userId', '=', tree.users.county.id)
      .execute();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: old.read })).statusCode).toBe(401);
  });

  // Sessions are cached in the process for a few seconds (auth.service resolveSession); every change below must
  // still hold from the very next request.
  const me = (s: { read: Record<string, string> }) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers: s.read });
  const freshUser = () => seedUser(getDb().ctx, { role: 'branch_secretary', org: tree.orgs.village });
  const versionOf = async (admin: { read: Record<string, string> }, id: number) =>
    (await app.inject({ method: 'GET', url: `/api/users/${id}`, headers: admin.read })).json().version as number;

  it('refuses the next request of a user disabled while their session was in use', async () => {
    const admin = await loginAs(app, tree.users.county.username);
    const u = await freshUser();
    const s = await loginAs(app, u.username);
    expect((await me(s)).statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(200);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: admin.write,
      payload: { disabled: true, version: await versionOf(admin, u.id) },
    });
    expect(res.statusCode).toBe(200);
    const after = await me(s);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('登录已过期，请重新登录');
  });

  it('refuses the next request after an administrator resets the password', async () => {
    const admin = await loginAs(app, tree.users.county.username);
    const u = await freshUser();
    const s = await loginAs(app, u.username);
    expect((await me(s)).statusCode).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: admin.write,
      payload: { password: 'Reset#2026pass' },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(401);
  });

  it('acts with the new grants from the next request after they change', async () => {
    const admin = await loginAs(app, tree.users.county.username);
    const u = await freshUser();
    const s = await loginAs(app, u.username);
    expect((await me(s)).json().user.grants.map((g: { orgId: number }) => g.orgId)).toEqual([tree.orgs.village.id]);
    const otherStats = `/api/orgs/${tree.orgs.otherVillage.id}/stats`;
    expect((await app.inject({ method: 'GET', url: otherStats, headers: s.read })).statusCode).toBe(404);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: admin.write,
      payload: {
        grants: [
          {
            role: 'branch_secretary',
            orgId: tree.orgs.otherVillage.id,
            includeSubtree: true,
            validFrom: null,
            validTo: null,
          },
        ],
        version: await versionOf(admin, u.id),
      },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(s)).json().user.grants.map((g: { orgId: number }) => g.orgId)).toEqual([
      tree.orgs.otherVillage.id,
    ]);
    expect((await app.inject({ method: 'GET', url: otherStats, headers: s.read })).statusCode).toBe(200);
    const own = await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.village.id}/stats`, headers: s.read });
    expect(own.statusCode).toBe(404);
  });

  it('ends a session in use at once when its row is deleted or times out in the database', async () => {
    const { db } = getDb().ctx;
    const u = await freshUser();
    const deleted = await loginAs(app, u.username);
    expect((await me(deleted)).statusCode).toBe(200);
    await db.deleteFrom('sessions').where('userId', '=', u.id).execute();
    expect((await me(deleted)).statusCode).toBe(401);
    const idle = await loginAs(app, u.username);
    expect((await me(idle)).statusCode).toBe(200);
    const long = new Date(Date.now() - 31 * 60_000).toISOString();
    await db.updateTable('sessions').set({ lastSeenAt: long }).where('userId', '=', u.id).execute();
    expect((await me(idle)).statusCode).toBe(401);
  });

  it('records every login success and failure in the audit log', async () => {
    const { db } = getDb().ctx;
    const rows = await db
      .selectFrom('auditLog')
      .select(['action', 'username'])
      .where('entity', '=', 'session')
      .execute();
    expect(rows.some((r) => r.action === 'login' && r.username === tree.users.town.username)).toBe(true);
    expect(rows.some((r) => r.action === 'login_failed' && r.username === 'nobody')).toBe(true);
  });
});
