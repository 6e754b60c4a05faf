import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree } from '../../test/factories.js';

describeEachDb('dues rate route', (getDb) => {
  let app: FastifyInstance;
  let grid: Session;
  beforeAll(async () => {
    const tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    grid = await loginAs(app, tree.users.grid.username);
  });
  const rate = (q: string) => app.inject({ method: 'GET', url: `/api/dues/rate?${q}`, headers: grid.read });

  it('answers the 2008 brackets at their edges', async () => {
    expect((await rate('category=employed&base=3000')).json()).toEqual({ monthly: 15, rate: 0.005 });
    expect((await rate('category=employed&base=3000.01')).json()).toEqual({ monthly: 30, rate: 0.01 });
    expect((await rate('category=employed&base=12000')).json()).toEqual({ monthly: 240, rate: 0.02 });
    expect((await rate('category=retired&base=5001')).json()).toEqual({ monthly: 50.01, rate: 0.01 });
    expect((await rate('category=student')).json()).toEqual({ monthly: 0.2, rate: null });
  });

  it('refuses a missing or bad base and an unknown category naming the field; 401 without a session', async () => {
    const noBase = await rate('category=employed');
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().error.fields.base).toBeDefined();
    expect((await rate('category=employed&base=-1')).json().error.fields.base).toBe('计算基数不能为负');
    expect((await rate('category=boss&base=1')).json().error.fields.category).toBeDefined();
    expect((await app.inject({ method: 'GET', url: '/api/dues/rate?category=student' })).statusCode).toBe(401);
  });
});
