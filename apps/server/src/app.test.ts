import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from './test/databases.js';
import { buildTestApp, loginAs, seedSmallTree } from './test/factories.js';

describeEachDb('platform HTTP surface', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
  });

  it('answers /api/health without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, database: getDb().handle.dialect });
  });

  it('publishes OpenAPI generated from the zod route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/orgs/{id}',
      '/api/orgs/{id}/children',
      '/api/members',
      '/api/members/{id}/reveal',
      '/api/audit/verify',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    const list = doc.paths['/api/members'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(
      expect.arrayContaining(['orgId', 'q', 'status', 'gender', 'education', 'page', 'pageSize', 'sort']),
    );
  });

  it('answers an unknown API path with the JSON error shape, and bad JSON with 400', async () => {
    // Without a session nothing under /api says whether it exists.
    expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(401);
    const s = await loginAs(app, tree.users.town.username);
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: s.read });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { ...s.write, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('请求内容不是有效的JSON');
  });

  it('sends security headers and never caches API answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
