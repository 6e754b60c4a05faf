import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

describeEachDb('units routes (应建未建)', (getDb) => {
  const {
    tree,
    sessions: { town, county, viewer },
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'county', 'viewer']);

  it('lists a unit with 3 formal members and no party org as 应建未建, and not once an org covers it', async () => {
    const created = await send(town, 'POST', '/api/units', {
      orgId: tree.orgs.town.id,
      name: '城关镇宏达商贸有限公司',
      unitType: 'private_enterprise',
      fullMembers: 3,
      employees: 40,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ isOrgGap: true, unitTypeLabel: '非公企业', orgName: '城关镇党委' });
    const small = await send(town, 'POST', '/api/units', {
      orgId: tree.orgs.town.id,
      name: '城关镇小店',
      unitType: 'private_enterprise',
      fullMembers: 2,
    });
    expect(small.json().isOrgGap).toBe(false);

    const gaps = (await get(town, '/api/units?gap=true')).json();
    expect(gaps.items.map((u: { name: string }) => u.name)).toEqual(['城关镇宏达商贸有限公司']);
    const warnings = (await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=org_gap`)).json();
    expect(warnings.counts.org_gap).toBe(1);
    expect(warnings.items[0]).toMatchObject({
      kind: 'org_gap',
      subject: '城关镇宏达商贸有限公司',
      orgId: tree.orgs.town.id,
    });

    const covered = await send(town, 'PATCH', `/api/units/${created.json().id}`, {
      coveringOrgId: tree.orgs.community.id,
      version: 0,
    });
    expect(covered.statusCode).toBe(200);
    expect(covered.json()).toMatchObject({ isOrgGap: false, coveringOrgName: '城关镇东街社区党支部', version: 1 });
    expect((await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=org_gap`)).json().counts.org_gap).toBe(0);
    expect(
      (await send(town, 'PATCH', `/api/units/${created.json().id}`, { fullMembers: 9, version: 0 })).statusCode,
    ).toBe(409);
  });

  it('refuses bad input naming the field, out-of-scope orgs (404) and read-only users (403)', async () => {
    const bad = await send(town, 'POST', '/api/units', {
      orgId: tree.orgs.town.id,
      name: '',
      unitType: 'x',
      fullMembers: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name', 'unitType', 'fullMembers']));
    expect(
      (
        await send(town, 'POST', '/api/units', {
          orgId: tree.orgs.otherTown.id,
          name: '外镇公司',
          unitType: 'private_enterprise',
          fullMembers: 5,
        })
      ).statusCode,
    ).toBe(404);
    const foreignCover = await send(town, 'POST', '/api/units', {
      orgId: tree.orgs.town.id,
      name: '跨镇覆盖',
      unitType: 'private_enterprise',
      fullMembers: 5,
      coveringOrgId: tree.orgs.otherVillage.id,
    });
    expect(foreignCover.statusCode).toBe(400);
    expect(foreignCover.json().error.fields.coveringOrgId).toBeDefined();
    expect(
      (
        await send(viewer, 'POST', '/api/units', {
          orgId: tree.orgs.town.id,
          name: '只读',
          unitType: 'private_enterprise',
          fullMembers: 5,
        })
      ).statusCode,
    ).toBe(403);
    const other = await send(county, 'POST', '/api/units', {
      orgId: tree.orgs.otherTown.id,
      name: '青石镇公司',
      unitType: 'social_organization',
      fullMembers: 4,
    });
    expect((await get(town, `/api/units/${other.json().id}`)).statusCode).toBe(404);
  });
});
