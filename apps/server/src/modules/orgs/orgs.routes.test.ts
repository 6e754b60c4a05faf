import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { seedMember, seedOrg, smallTreeSuite } from '../../test/factories.js';

describeEachDb('orgs routes', (getDb) => {
  const {
    tree,
    sessions: { town, county, viewer, branch },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'county', 'viewer', 'branch']);

  it('shows the tree from the user anchor: roots, lazy children with subtree member counts', async () => {
    const roots = (await get(town, '/api/orgs/roots')).json();
    expect(roots.items.map((o: { name: string }) => o.name)).toEqual(['城关镇党委']);
    expect(roots.items[0]).toMatchObject({ memberCount: 5, fullMemberCount: 4, hasChildren: true });
    const children = (await get(town, `/api/orgs/${tree.orgs.town.id}/children`)).json();
    const byName = Object.fromEntries(
      children.items.map((o: { name: string; memberCount: number }) => [o.name, o.memberCount]),
    );
    expect(byName).toEqual({ 城关镇红旗村党支部: 4, 城关镇东街社区党支部: 1 });
  });

  it('answers 404 for an org outside the scope, 401 without a session', async () => {
    expect((await get(town, `/api/orgs/${tree.orgs.otherTown.id}`)).statusCode).toBe(404);
    expect((await get(town, `/api/orgs/${tree.orgs.otherTown.id}/children`)).statusCode).toBe(404);
    expect((await get(town, `/api/orgs/${tree.orgs.county.id}/stats`)).statusCode).toBe(404);
    expect((await app().inject({ method: 'GET', url: `/api/orgs/${tree.orgs.town.id}` })).statusCode).toBe(401);
  });

  it('finds orgs by pinyin initials (csz style) and by name, within the scope only', async () => {
    const byInitials = (await get(county, '/api/orgs/search?q=cgz')).json();
    expect(byInitials.items[0].name).toBe('城关镇党委');
    const byName = (await get(town, '/api/orgs/search?q=石桥')).json();
    expect(byName.items).toEqual([]);
    expect((await get(county, '/api/orgs/search?q=石桥')).json().items[0].name).toBe('青石镇石桥村党支部');
  });

  it('creates a child org, edits it with the version (409 when stale), refuses a duplicate code', async () => {
    const res = await send(town, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '城关镇新建村党支部',
      kind: 'branch',
      sector: 'rural',
      code: 'NEW-001',
      termStart: '2024-01-01',
      termYears: 5,
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.path).toBe(`${tree.orgs.town.path}${org.id}/`);
    expect(org.termEnd).toBe('2029-01-01');
    const dup = await send(town, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '重复',
      kind: 'branch',
      sector: 'rural',
      code: 'NEW-001',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.code).toBe('组织代码已被使用');
    const bad = await send(town, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '',
      kind: 'x',
      sector: 'rural',
      code: 'A',
      termYears: 4,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name', 'kind', 'termYears']));
    const edited = await send(town, 'PATCH', `/api/orgs/${org.id}`, { secretaryName: '李书记', version: 0 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ secretaryName: '李书记', version: 1 });
    expect((await send(town, 'PATCH', `/api/orgs/${org.id}`, { secretaryName: '王书记', version: 0 })).statusCode).toBe(
      409,
    );
    expect(
      (await send(viewer, 'PATCH', `/api/orgs/${org.id}`, { secretaryName: '王书记', version: 1 })).statusCode,
    ).toBe(403);
    expect(
      (
        await send(branch, 'POST', '/api/orgs', {
          parentId: tree.orgs.village.id,
          name: '小组',
          kind: 'group',
          sector: 'rural',
          code: 'G-9',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('moves a subtree under another parent, rewriting member paths; refuses a cycle', async () => {
    const { ctx } = getDb();
    const moving = await seedOrg(ctx, { parent: tree.orgs.town, name: '城关镇待调整村党支部' });
    const inner = await seedOrg(ctx, { parent: moving, name: '待调整党小组', kind: 'group' });
    await seedMember(ctx, inner, { name: '周敏' });
    const current = (await get(county, `/api/orgs/${moving.id}`)).json();
    const cycle = await send(county, 'POST', `/api/orgs/${moving.id}/move`, {
      parentId: inner.id,
      version: current.version,
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.code).toBe('ORG_MOVE_CYCLE');
    // The township may not move it out of its own subtree.
    expect(
      (
        await send(town, 'POST', `/api/orgs/${moving.id}/move`, {
          parentId: tree.orgs.otherTown.id,
          version: current.version,
        })
      ).statusCode,
    ).toBe(404);
    const moved = await send(county, 'POST', `/api/orgs/${moving.id}/move`, {
      parentId: tree.orgs.otherTown.id,
      version: current.version,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path).toBe(`${tree.orgs.otherTown.path}${moving.id}/`);
    expect((await get(county, `/api/orgs/${inner.id}`)).json()).toMatchObject({
      path: `${tree.orgs.otherTown.path}${moving.id}/${inner.id}/`,
      depth: 3,
    });
    const members = (await get(county, `/api/members?orgId=${tree.orgs.otherTown.id}&q=周敏`)).json();
    expect(members.total).toBe(1);
    expect((await get(town, `/api/orgs/${moving.id}`)).statusCode).toBe(404);
    // Every row keeps knowing its province-level root (the sharding key), moved or not.
    const roots = await ctx.db.selectFrom('members').select('provinceId').distinct().execute();
    expect(roots.map((r) => Number(r.provinceId))).toEqual([tree.orgs.county.id]);
    const orgRoots = await ctx.db.selectFrom('orgs').select('provinceId').distinct().execute();
    expect(orgRoots.map((r) => Number(r.provinceId))).toEqual([tree.orgs.county.id]);
  });

  it('closes an org only when it has no open children and no members; never deletes it', async () => {
    const { ctx } = getDb();
    const empty = await seedOrg(ctx, { parent: tree.orgs.town, name: '城关镇待撤销党支部' });
    const withMembers = (await get(town, `/api/orgs/${tree.orgs.community.id}`)).json();
    const refused = await send(town, 'POST', `/api/orgs/${tree.orgs.community.id}/close`, {
      version: withMembers.version,
      reason: '合并',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('名党员');
    const closed = await send(town, 'POST', `/api/orgs/${empty.id}/close`, { version: 0, reason: '村庄合并' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect((await get(town, `/api/orgs/${empty.id}`)).statusCode).toBe(200);
    const open = (await get(town, `/api/orgs/${tree.orgs.town.id}/children`)).json();
    expect(open.items.map((o: { id: number }) => o.id)).not.toContain(empty.id);
    const all = (await get(town, `/api/orgs/${tree.orgs.town.id}/children?includeClosed=true`)).json();
    expect(all.items.map((o: { id: number }) => o.id)).toContain(empty.id);
  });

  it('gives stats by status, gender, education, age band, occupation and org kind, for the org and each child', async () => {
    const res = await get(town, `/api/orgs/${tree.orgs.town.id}/stats`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.members.total).toBe(5);
    expect(s.members.byStatus).toEqual({ probationary: 1, full: 4 });
    expect(s.members.byGender).toEqual({ male: 2, female: 3 });
    expect(Object.values(s.members.byAgeBand).reduce((a: number, b) => a + (b as number), 0)).toBe(5);
    expect(s.members.byOccupation.farmer).toBe(5);
    // Two seeded branches and the one created in the test above; the closed one is not counted.
    expect(s.orgs.byKind).toMatchObject({ committee: 1, branch: 3, group: 1 });
    const village = s.children.find((c: { name: string }) => c.name === '城关镇红旗村党支部');
    expect(village.members.total).toBe(4);
    expect(village.orgs.byKind.group).toBe(1);
  });

  it('refuses to close an org that oversees or covers units in the unit ledger, naming how many, until they move', async () => {
    const { ctx } = getDb();
    const overseer = await seedOrg(ctx, { parent: tree.orgs.town, name: '城关镇工业园区党委', kind: 'committee' });
    const coverer = await seedOrg(ctx, { parent: overseer, name: '城关镇联合党支部', kind: 'branch' });
    const unit = (name: string, coveringOrgId: number | null) =>
      send(town, 'POST', '/api/units', {
        orgId: overseer.id,
        name,
        unitType: 'private_enterprise',
        fullMembers: 4,
        coveringOrgId,
      });
    const a = (await unit('城关镇甲公司', coverer.id)).json();
    const b = (await unit('城关镇乙公司', coverer.id)).json();
    expect(b.id).toBeGreaterThan(0);
    const close = async (id: number) => {
      const org = (await get(town, `/api/orgs/${id}`)).json();
      return send(town, 'POST', `/api/orgs/${id}/close`, { version: org.version, reason: '合并' });
    };

    const covering = await close(coverer.id);
    expect(covering.statusCode).toBe(422);
    expect(covering.json().error).toMatchObject({
      code: 'ORG_HAS_UNITS',
      message: '该组织在单位台账中还覆盖2个单位，请先把这些单位调整到其他党组织',
    });
    // One unit re-covered, the other left with none (a choice made on the unit): now the branch may close.
    await send(town, 'PATCH', `/api/units/${a.id}`, { version: a.version, coveringOrgId: overseer.id });
    await send(town, 'PATCH', `/api/units/${b.id}`, { version: b.version, coveringOrgId: null });
    expect((await close(coverer.id)).statusCode).toBe(200);

    const overseeing = await close(overseer.id);
    expect(overseeing.statusCode).toBe(422);
    expect(overseeing.json().error.message).toBe(
      '该组织在单位台账中还管理2个单位、覆盖1个单位，请先把这些单位调整到其他党组织',
    );
    expect((await get(town, `/api/orgs/${overseer.id}`)).json().closedAt).toBeNull();

    // The units are handed to another overseeing org (open, one the user may write), then the committee may close.
    const unitNow = async (id: number) => (await get(town, `/api/units/${id}`)).json();
    const toClosed = await send(town, 'PATCH', `/api/units/${a.id}`, {
      version: (await unitNow(a.id)).version,
      orgId: coverer.id,
    });
    expect(toClosed.statusCode).toBe(422);
    expect(toClosed.json().error.fields).toEqual({ orgId: '该组织已撤销，不能管理单位' });
    const outside = await send(town, 'PATCH', `/api/units/${a.id}`, {
      version: (await unitNow(a.id)).version,
      orgId: tree.orgs.otherTown.id,
    });
    expect(outside.statusCode).toBe(404);
    const moved = await send(town, 'PATCH', `/api/units/${a.id}`, {
      version: (await unitNow(a.id)).version,
      orgId: tree.orgs.town.id,
      coveringOrgId: tree.orgs.community.id,
    });
    expect(moved.json()).toMatchObject({ orgId: tree.orgs.town.id, orgName: '城关镇党委' });
    await send(town, 'PATCH', `/api/units/${b.id}`, {
      version: (await unitNow(b.id)).version,
      orgId: tree.orgs.town.id,
    });
    expect((await get(town, `/api/units?orgId=${overseer.id}`)).json().total).toBe(0);
    expect((await close(overseer.id)).statusCode).toBe(200);
  });
});
