// 流动党员 metrics against records made through the mobile API, counted by hand: 张伟 away from 2026-02-01; 王芳 away
// 2025-10-01 and back 2026-05-01; 李娜 away from 2026-03-01 and marked 失联; 赵磊 (青石镇, outside the township) away
// from 2026-01-01.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { MOBILE_METRICS } from '../mobile/mobile.metrics.js';
import { expectRecordsAddUp } from './metrics.test-support.js';

describeEachDb('metrics of 流动党员', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county']);
  const { county } = sessions;

  const away = async (memberId: number, since: string) => {
    const res = await send(county, 'POST', '/api/mobile-members', {
      memberId,
      destinationRegion: '浙江省杭州市余杭区',
      workplace: '物流园',
      since,
      contactName: '本人',
      contactPhone: '13800138000',
      station: '余杭区流动党员服务站',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  /** The figure on `to` (today when not given). */
  const value = async (key: string, orgId: number, to?: string) => {
    const res = await get(county, `/api/metrics/${key}?orgId=${orgId}${to ? `&to=${to}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().value as number;
  };

  beforeAll(async () => {
    await away(tree.members.village[0]!.id, '2026-02-01');
    const wang = await away(tree.members.village[1]!.id, '2025-10-01');
    const back = await send(county, 'POST', `/api/mobile-members/${wang.id}/return`, {
      returnedOn: '2026-05-01',
      version: wang.version,
    });
    expect(back.statusCode, back.body).toBe(200);
    const li = await away(tree.members.group[0]!.id, '2026-03-01');
    const lost = await send(county, 'PATCH', `/api/mobile-members/${li.id}`, {
      lostContact: true,
      version: li.version,
    });
    expect(lost.statusCode, lost.body).toBe(200);
    await away(tree.members.otherVillage[0]!.id, '2026-01-01');
  });

  it('counts members away on the date: gone by then and not yet back', async () => {
    const town = tree.orgs.town.id;
    expect(await value('mobile.members', town, '2026-06-30')).toBe(2);
    expect(await value('mobile.members', town, '2026-04-30')).toBe(3);
    expect(await value('mobile.members', town, '2026-05-01')).toBe(2);
    expect(await value('mobile.members', town, '2026-01-31')).toBe(1);
    expect(await value('mobile.members', tree.orgs.county.id, '2026-06-30')).toBe(3);
    expect(await value('mobile.lost_contact', town, '2026-06-30')).toBe(1);
    expect(await value('mobile.lost_contact', tree.orgs.village.id, '2026-06-30')).toBe(1);
    expect(await value('mobile.lost_contact', town, '2026-02-28')).toBe(0);
    // Today's figures agree with the members' 流动党员 / 失联党员 flags.
    for (const [key, flag] of [
      ['mobile.members', 'mobile'],
      ['mobile.lost_contact', 'lost_contact'],
    ] as const) {
      const flagged = (await get(county, `/api/members?orgId=${town}&flag=${flag}`)).json();
      expect(await value(key, town), key).toBe(flagged.total);
    }
  });

  it('lists records that add up to every figure', async () => {
    const queries = [tree.orgs.county.id, tree.orgs.town.id, tree.orgs.group.id].flatMap((id) =>
      ['to=2026-06-30', 'to=2026-04-30', 'to=2025-12-31', ''].map((to) => `orgId=${id}&${to}`),
    );
    await expectRecordsAddUp(get, county, MOBILE_METRICS, queries);
  });
});
