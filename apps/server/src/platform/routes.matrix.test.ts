// Generated from the route table (the OpenAPI document), not hand-listed: every route refuses a request without a
// session (401), and every state-changing route refuses a session without its CSRF token (403), changing nothing.
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../test/databases.js';
import { buildTestApp, loginAs, seedSmallTree } from '../test/factories.js';

const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/health']);

describeEachDb('route table matrix', (getDb) => {
  let app: FastifyInstance;
  let routes: Array<{ method: string; url: string; key: string }>;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => {
        const method = m.toUpperCase();
        const url = path.replace('{id}', String(tree.members.village[0]!.id)).replace('{decision}', 'accept');
        return { method, url, key: `${method} ${path}` };
      }),
    );
  });

  it('covers the whole API', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it('answers 401 without a session on every non-public route', async () => {
    for (const r of routes) {
      if (PUBLIC.has(r.key) || r.url.startsWith('/api/docs')) continue;
      const res = await app.inject({
        method: r.method as 'GET',
        url: r.url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, r.key).toBe(401);
      expect(res.json().error.code, r.key).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to a state-changing request without the CSRF token, and writes no audit row', async () => {
    const s = await loginAs(app, tree.users.admin.username);
    const auditRows = async () =>
      Number(
        (
          await getDb()
            .ctx.db.selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await auditRows();
    for (const r of routes) {
      if (r.method === 'GET' || PUBLIC.has(r.key)) continue;
      const res = await app.inject({ method: r.method as 'POST', url: r.url, headers: s.read, payload: {} });
      expect(res.statusCode, r.key).toBe(403);
      expect(res.json().error.code, r.key).toBe('CSRF_TOKEN_INVALID');
    }
    expect(await auditRows()).toBe(before);
  });
});
