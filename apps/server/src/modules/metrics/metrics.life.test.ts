// 组织生活 metrics against meetings recorded through the life API, counted by hand for the second quarter of 2025
// (branches without a committee owe 支部党员大会 and 党课 quarterly, 主题党日 monthly, 组织生活会 and 民主评议 yearly;
// 党小组 owe 党小组会 monthly). 红旗村 meets everything, 第一党小组 too (its June meeting on the quarter's last day),
// 东街社区 only holds one 支部党员大会, 石桥村 (青石镇, outside the township) one 主题党日.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { seedMember, smallTreeSuite } from '../../test/factories.js';
import { LIFE_METRICS } from '../life/life.metrics.js';
import { expectRecordsAddUp } from './metrics.test-support.js';

const Q2 = 'from=2025-04-01&to=2025-06-30';

describeEachDb('metrics of 组织生活', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county']);
  const { county } = sessions;

  /** Members present at each org's meetings (陈静 joined 东街社区 only in 2026: 周敏 is there in 2025). */
  const present = new Map<number, number[]>();
  const record = async (orgId: number, kind: string, date: string) => {
    const res = await send(county, 'POST', '/api/life/meetings', {
      orgId,
      kind,
      date,
      topic: '学习贯彻党的二十届三中全会精神',
      host: '书记',
      attendees: present.get(orgId),
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const values = async (orgId: number, query: string) => {
    const keys = LIFE_METRICS.map((d) => d.key).join(',');
    const res = await get(county, `/api/metrics/values?keys=${keys}&orgId=${orgId}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().values.map((v: { key: string; value: number }) => [v.key, v.value]));
  };

  beforeAll(async () => {
    const { village, group, community, otherVillage } = tree.orgs;
    const zhou = await seedMember(getDb().ctx, community, { name: '周敏', joinedOn: '2015-07-01' });
    present.set(
      village.id,
      tree.members.village.map((m) => m.id),
    );
    present.set(
      group.id,
      tree.members.group.map((m) => m.id),
    );
    present.set(community.id, [zhou.id]);
    present.set(
      otherVillage.id,
      tree.members.otherVillage.map((m) => m.id),
    );
    for (const [kind, date] of [
      ['general_meeting', '2025-05-10'],
      ['party_lecture', '2025-05-10'],
      ['theme_day', '2025-04-15'],
      ['theme_day', '2025-05-15'],
      ['theme_day', '2025-06-15'],
      ['life_meeting', '2025-12-20'],
      ['member_review', '2025-12-20'],
      // The first day of the third quarter: not in the second.
      ['general_meeting', '2025-07-01'],
    ])
      await record(village.id, kind!, date!);
    for (const date of ['2025-04-08', '2025-05-08', '2025-06-30']) await record(group.id, 'group_meeting', date);
    await record(community.id, 'general_meeting', '2025-06-01');
    await record(otherVillage.id, 'theme_day', '2025-04-20');
  });

  it('counts the meetings held in the period, in all and by kind, within the subtree', async () => {
    const town = await values(tree.orgs.town.id, Q2);
    expect(town['life.meetings.held']).toBe(9);
    expect(town['life.meetings.kind.theme_day']).toBe(3);
    expect(town['life.meetings.kind.general_meeting']).toBe(2);
    expect(town['life.meetings.kind.group_meeting']).toBe(3);
    expect(town['life.meetings.kind.life_meeting']).toBe(0);
    const countyValues = await values(tree.orgs.county.id, Q2);
    expect(countyValues['life.meetings.held']).toBe(10);
    expect(countyValues['life.meetings.kind.theme_day']).toBe(4);
    expect((await values(tree.orgs.town.id, 'from=2025-01-01&to=2025-12-31'))['life.meetings.kind.life_meeting']).toBe(
      1,
    );
  });

  it('computes compliance as the 完成情况 page does: 东街社区 short in the township, 石桥村 too in the county', async () => {
    const town = await values(tree.orgs.town.id, Q2);
    expect(town['life.orgs.owing']).toBe(3);
    expect(town['life.orgs.compliant']).toBe(2);
    expect(town['life.orgs.short']).toBe(1);
    expect(town['life.meetings.compliance']).toBeCloseTo(2 / 3);
    const countyValues = await values(tree.orgs.county.id, Q2);
    expect(countyValues['life.orgs.short']).toBe(2);
    expect(countyValues['life.meetings.compliance']).toBeCloseTo(0.5);

    for (const org of [tree.orgs.town, tree.orgs.county]) {
      const page = (await get(county, `/api/orgs/${org.id}/life/compliance?period=2025-Q2&pageSize=200`)).json();
      const metric = await values(org.id, Q2);
      expect(page.orgs.total).toBe(metric['life.orgs.owing']);
      expect(page.orgs.items.filter((o: { status: string }) => o.status === 'short')).toHaveLength(
        metric['life.orgs.short'],
      );
    }
    const short = await get(county, `/api/metrics/life.orgs.short/records?orgId=${tree.orgs.town.id}&${Q2}`);
    expect(short.json().items).toEqual([
      expect.objectContaining({ name: '城关镇东街社区党支部', orgKind: '党支部', status: '未完成' }),
    ]);
    expect(short.json().items[0].shortfalls).toContain('2025年4月主题党日应召开1次，实际召开0次');
  });

  it('lists records that add up to every figure', async () => {
    const queries = [tree.orgs.county.id, tree.orgs.town.id, tree.orgs.group.id].flatMap((id) =>
      [Q2, 'from=2025-01-01&to=2025-12-31', 'from=2025-06-01'].map((p) => `orgId=${id}&${p}`),
    );
    await expectRecordsAddUp(get, county, LIFE_METRICS, queries);
  });
});
