// The stats answer is cached in the process (orgs.service getOrgStatsJson): these read it, change what it counts,
// and read it again at once.
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree } from '../../test/factories.js';

describeEachDb('org stats answer', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let town: Session;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    town = await loginAs(app, tree.users.town.username);
  });
  const stats = (s: Session, orgId: number) =>
    app.inject({ method: 'GET', url: `/api/orgs/${orgId}/stats`, headers: s.read });
  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: object) =>
    app.inject({ method, url, headers: s.write, payload });

  it('answers JSON with the figures of a write made just after the same answer was read', async () => {
    const first = await stats(town, tree.orgs.town.id);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.json().members.byEducation).toMatchObject({ bachelor: 5, postgraduate: 0 });
    expect((await stats(town, tree.orgs.town.id)).json()).toEqual(first.json());

    const member = tree.members.village[0]!;
    const detail = (await app.inject({ method: 'GET', url: `/api/members/${member.id}`, headers: town.read })).json();
    const edited = await send(town, 'PATCH', `/api/members/${member.id}`, {
      education: 'postgraduate',
      version: detail.version,
    });
    expect(edited.statusCode).toBe(200);
    expect((await stats(town, tree.orgs.town.id)).json().members.byEducation).toMatchObject({
      bachelor: 4,
      postgraduate: 1,
    });

    const village = (
      await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.village.id}`, headers: town.read })
    ).json();
    const renamed = await send(town, 'PATCH', `/api/orgs/${tree.orgs.village.id}`, {
      name: '城关镇红旗村第一党支部',
      version: village.version,
    });
    expect(renamed.statusCode).toBe(200);
    const names = (await stats(town, tree.orgs.town.id)).json().children.map((c: { name: string }) => c.name);
    expect(names).toContain('城关镇红旗村第一党支部');
    expect(names).not.toContain('城关镇红旗村党支部');
  });

  it('answers each user by their own grants, whoever read the same org before', async () => {
    const branch = await loginAs(app, tree.users.branch.username);
    expect((await stats(town, tree.orgs.town.id)).statusCode).toBe(200);
    expect((await stats(branch, tree.orgs.town.id)).statusCode).toBe(404);
    const byBranch = await stats(branch, tree.orgs.village.id);
    expect(byBranch.statusCode).toBe(200);
    expect((await stats(town, tree.orgs.village.id)).json()).toEqual(byBranch.json());
    expect((await stats(town, tree.orgs.otherVillage.id)).statusCode).toBe(404);
  });
});
