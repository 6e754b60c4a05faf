// 组织建设 metrics on the small tree, counted by hand: today's figures of a whole subtree (counters) and a past date
// or a partial scope (records) — an org founded later and one closed later count only on the right side of the date.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';
import { ORG_METRICS } from '../orgs/orgs.metrics.js';
import { expectRecordsAddUp } from './metrics.test-support.js';

const PAST = 'to=2026-03-31';

describeEachDb('metrics of 组织建设', (getDb) => {
  const { tree, sessions, get, send, app } = smallTreeSuite(getDb, ['county']);
  const { county } = sessions;
  let villageOnly: Session;

  const value = async (key: string, orgId: number, query = '', s = county) => {
    const res = await get(s, `/api/metrics/${key}?orgId=${orgId}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().value as number;
  };

  beforeAll(async () => {
    // 新村: founded on 1 May 2026. 旧厂: a private-enterprise branch founded in 2020 and closed today.
    const created = await send(county, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '城关镇新村党支部',
      kind: 'branch',
      sector: 'rural',
      code: 'XC01',
      foundedOn: '2026-05-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const factory = await send(county, 'POST', '/api/orgs', {
      parentId: tree.orgs.town.id,
      name: '城关镇旧厂党支部',
      kind: 'branch',
      sector: 'private_enterprise',
      code: 'JC01',
      foundedOn: '2020-01-01',
    });
    expect(factory.statusCode, factory.body).toBe(201);
    const closed = await send(county, 'POST', `/api/orgs/${factory.json().id}/close`, {
      version: factory.json().version,
      reason: '企业关停',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    // A branch secretary of the village alone (not its 党小组): a partial scope, counted from the records.
    const user = await seedUser(getDb().ctx, {
      role: 'branch_secretary',
      org: tree.orgs.village,
      includeSubtree: false,
    });
    villageOnly = await loginAs(app(), user.username);
  });

  it('counts open orgs without 党小组 today, by kind and by sector', async () => {
    const c = tree.orgs.county.id;
    // 县委, 城关镇, 红旗村, 东街社区, 青石镇, 石桥村 and 新村; 第一党小组 and the closed 旧厂 are left out.
    expect(await value('orgs.total', c)).toBe(7);
    expect(await value('orgs.total', tree.orgs.town.id)).toBe(4);
    expect(await value('orgs.kind.committee', c)).toBe(3);
    expect(await value('orgs.kind.branch', c)).toBe(4);
    expect(await value('orgs.kind.group', c)).toBe(1);
    expect(await value('orgs.sector.rural', c)).toBe(5);
    expect(await value('orgs.sector.urban_community', c)).toBe(1);
    expect(await value('orgs.sector.government', c)).toBe(1);
    expect(await value('orgs.sector.private_enterprise', c)).toBe(0);
  });

  it('counts the orgs that existed on a past date: not yet founded, closed since', async () => {
    const c = tree.orgs.county.id;
    expect(await value('orgs.total', c, PAST)).toBe(7);
    expect(await value('orgs.total', tree.orgs.town.id, PAST)).toBe(4);
    expect(await value('orgs.sector.rural', c, PAST)).toBe(4);
    expect(await value('orgs.sector.private_enterprise', c, PAST)).toBe(1);
    const records = await get(county, `/api/metrics/orgs.total/records?orgId=${tree.orgs.town.id}&${PAST}`);
    expect(records.json().items.map((r: { name: string }) => r.name)).toEqual([
      '城关镇党委',
      '城关镇红旗村党支部',
      '城关镇东街社区党支部',
      '城关镇旧厂党支部',
    ]);
    expect(records.json().items[3]).toMatchObject({ kind: '党支部', sector: '非公企业', parentName: '城关镇党委' });
  });

  it('counts only the orgs a partial scope reaches, never the subtree counters', async () => {
    expect(await value('orgs.total', tree.orgs.village.id, '', villageOnly)).toBe(1);
    expect(await value('orgs.kind.group', tree.orgs.village.id, '', villageOnly)).toBe(0);
    expect(await value('orgs.kind.group', tree.orgs.village.id)).toBe(1);
  });

  it('lists records that add up to every figure', async () => {
    const queries = [tree.orgs.county.id, tree.orgs.town.id].flatMap((id) => [`orgId=${id}`, `orgId=${id}&${PAST}`]);
    await expectRecordsAddUp(get, county, ORG_METRICS, queries);
    await expectRecordsAddUp(get, villageOnly, ORG_METRICS, [`orgId=${tree.orgs.village.id}`]);
  });
});
