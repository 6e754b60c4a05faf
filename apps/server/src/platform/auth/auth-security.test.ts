// Sessions and passwords beyond the auth routes' contract (auth.routes.test.ts): every login attempt leaves exactly
// one audit row with its outcome, the session cookie's attributes and lifetime, a presented cookie never becomes the
// session (fixation), and the password policy at the API (not the username, not a common password, long enough).
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, seedSmallTree, seedUser, TEST_PASSWORD } from '../../test/factories.js';
import { MAX_FAILED_LOGINS, resetLoginThrottle, SESSION_COOKIE } from './auth.service.js';

describeEachDb('sessions and passwords', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
  });

  const login = (username: string, password: string, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const sessionRows = () =>
    getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['action', 'username', 'userId', 'after'])
      .where('entity', '=', 'session')
      .orderBy('id')
      .execute();

  it('audits every login attempt exactly once, with its outcome: success, unknown user, wrong password, locked, disabled, no grants', async () => {
    resetLoginThrottle();
    const { ctx } = getDb();
    const locked = await seedUser(ctx, { role: 'grid_worker', org: tree.orgs.group });
    const disabled = await seedUser(ctx, { role: 'grid_worker', org: tree.orgs.group });
    const expired = await seedUser(ctx, { role: 'grid_worker', org: tree.orgs.group, validTo: '2020-12-31' });
    await ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const attempts: Array<[string, string, number, string, string | null]> = [
      [tree.users.town.username, TEST_PASSWORD, 200, 'login', null],
      ['no-such-user', TEST_PASSWORD, 401, 'login_failed', 'unknown_user'],
      [tree.users.viewer.username, 'Wrong#2026pass', 401, 'login_failed', 'password'],
      [disabled.username, TEST_PASSWORD, 403, 'login_failed', 'disabled'],
      [expired.username, TEST_PASSWORD, 403, 'login_failed', 'no_grants'],
    ];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      attempts.push([
        locked.username,
        `Bad#${i}pass`,
        i < MAX_FAILED_LOGINS - 1 ? 401 : 429,
        'login_failed',
        'password',
      ]);
    attempts.push([locked.username, TEST_PASSWORD, 429, 'login_failed', 'locked']);
    for (const [username, password, status, action, reason] of attempts) {
      const before = (await sessionRows()).length;
      const res = await login(username, password);
      expect(res.statusCode, `${username} ${res.body}`).toBe(status);
      const rows = await sessionRows();
      expect(rows.length, username).toBe(before + 1);
      const last = rows.at(-1)!;
      expect(last).toMatchObject({ action, username });
      expect(last.after === null ? null : JSON.parse(last.after).reason).toBe(reason);
    }
    resetLoginThrottle();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for the whole site that ends with the absolute lifetime', async () => {
    const before = Date.now();
    const res = await login(tree.users.branch.username, TEST_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(40);
    const lifetime = (cookie.expires as Date).getTime() - before;
    const hours = getDb().config.sessionAbsoluteHours;
    expect(lifetime).toBeGreaterThan((hours - 0.1) * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(hours * 3600_000 + 60_000);
    // The cookie is not readable by scripts, and the session id is only ever a hash of it in the database.
    const stored = await getDb().ctx.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
  });

  it('never adopts a cookie the browser presented: a fixed value gets a fresh session, and stays unknown', async () => {
    const planted = `${SESSION_COOKIE}=attacker-chosen-value-0123456789abcdef`;
    const res = await login(tree.users.branch.username, TEST_PASSWORD, planted);
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(issued).not.toBe('attacker-chosen-value-0123456789abcdef');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: planted } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses at the API a password equal to the username, a common one, and a short one, naming the field', async () => {
    const admin = await loginAs(app, tree.users.county.username);
    const create = (username: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { username, name: '测试', password, grants: [{ role: 'grid_worker', orgId: tree.orgs.group.id }] },
      });
    for (const [username, password, says] of [
      ['Zhang.San1', 'zhang.san1', '密码不能与用户名相同'],
      ['lisi', 'P@ssw0rd', '密码过于常见，请更换'],
      ['wangwu', 'Ab#1', '密码至少8位'],
    ] as const) {
      const res = await create(username, password);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.fields.password).toBe(says);
    }
    const own = await loginAs(app, tree.users.grid.username);
    const change = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: own.write,
      payload: { oldPassword: TEST_PASSWORD, newPassword: tree.users.grid.username },
    });
    expect(change.statusCode).toBe(422);
    expect(change.json().error.fields.newPassword).toBeDefined();
  });
});
