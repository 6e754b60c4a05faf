// 党费 metrics against bases and payments recorded through the dues API, counted by hand. Monthly dues from 2025-01:
// 张伟 40 元 (employed, 4000), 王芳 0.5 元 (farmer), 赵磊 240 元 (employed, 12000, 青石镇, outside the township);
// 李娜 60 元 from 2025-07 (retired, 6000). 张伟 paid all of 2025 on 2025-12-20 and 2026-01..07 on 2026-06-30 (July
// in advance); 李娜 paid 2025-10..2026-03 at 60 and 100 for 2026-04; 赵磊 paid 2026-01; 王芳 nothing.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { DUES_METRICS } from '../dues/dues.metrics.js';
import { expectRecordsAddUp } from './metrics.test-support.js';

const H1 = 'from=2026-01-01&to=2026-06-30';
const Y2025 = 'from=2025-01-01&to=2025-12-31';
const months = (from: number, to: number, year = 2026) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

describeEachDb('metrics of 党费', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county']);
  const { county } = sessions;

  const ok = async (url: string, payload: object) => {
    const res = await send(county, 'POST', url, payload);
    expect(res.statusCode, res.body).toBe(201);
  };
  const pay = (memberId: number, list: string[], amount: number, paidOn: string) =>
    ok('/api/dues/payments', { memberId, months: list.map((month) => ({ month, amount })), paidOn, payer: 'self' });
  const values = async (orgId: number, query: string) => {
    const keys = DUES_METRICS.map((d) => d.key).join(',');
    const res = await get(county, `/api/metrics/values?keys=${keys}&orgId=${orgId}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().values.map((v: { key: string; value: number }) => [v.key, v.value]));
  };
  const arrears = async (orgId: number, to: string) => (await values(orgId, `to=${to}`))['dues.arrears.members'];

  beforeAll(async () => {
    const [zhang, wang] = tree.members.village;
    const li = tree.members.group[0]!;
    const zhao = tree.members.otherVillage[0]!;
    const base = (id: number, body: object) => ok(`/api/dues/members/${id}/bases`, body);
    await base(zhang!.id, { category: 'employed', base: 4000, fromMonth: '2025-01' });
    await base(wang!.id, { category: 'farmer', fromMonth: '2025-01' });
    await base(li.id, { category: 'retired', base: 6000, fromMonth: '2025-07' });
    await base(zhao.id, { category: 'employed', base: 12000, fromMonth: '2025-01' });
    await pay(zhang!.id, months(1, 12, 2025), 40, '2025-12-20');
    await pay(zhang!.id, months(1, 7), 40, '2026-06-30');
    await pay(li.id, [...months(10, 12, 2025), ...months(1, 3)], 60, '2026-04-10');
    await pay(li.id, ['2026-04'], 100, '2026-04-10');
    await pay(zhao.id, ['2026-01'], 240, '2026-02-01');
  });

  it('sums 应缴 and 实缴 over the months of the period, by the month paid for', async () => {
    const town = await values(tree.orgs.town.id, H1);
    // 应缴: 张伟 6 × 40, 王芳 6 × 0.5, 李娜 6 × 60. 实缴: 张伟 6 × 40 (July is not in the period), 李娜 3 × 60 + 100.
    expect(town['dues.due.amount']).toBe(603);
    expect(town['dues.paid.amount']).toBe(520);
    expect(town['dues.paid.share']).toBeCloseTo(520 / 603);
    const countyH1 = await values(tree.orgs.county.id, H1);
    expect(countyH1['dues.due.amount']).toBe(603 + 1440);
    expect(countyH1['dues.paid.amount']).toBe(760);
    const year = await values(tree.orgs.town.id, Y2025);
    // 应缴 2025: 张伟 480, 王芳 6, 李娜 6 × 60; 实缴: 张伟 480, 李娜 3 × 60.
    expect(year['dues.due.amount']).toBe(846);
    expect(year['dues.paid.amount']).toBe(660);
  });

  it('agrees with the 党费 figures page for a year', async () => {
    const page = (await get(county, `/api/dues/figures?orgId=${tree.orgs.county.id}&year=2025`)).json();
    const metric = await values(tree.orgs.county.id, Y2025);
    expect(page.total.due).toBeCloseTo(metric['dues.due.amount']);
    expect(page.total.paid).toBeCloseTo(metric['dues.paid.amount']);
  });

  it('counts members with 6 unpaid months in a row up to the month before the date, by the payments made by then', async () => {
    // On 2025-06-30 the months counted end in May: 王芳 and 赵磊 owe five each; 张伟 had not paid 2025 yet either.
    expect(await arrears(tree.orgs.county.id, '2025-06-30')).toBe(0);
    expect(await arrears(tree.orgs.town.id, '2025-07-01')).toBe(2);
    expect(await arrears(tree.orgs.county.id, '2025-07-01')).toBe(3);
    // Once 张伟 paid (2025-12-20), only 王芳 stays flagged in the township; 李娜's three months never made a run of six.
    expect(await arrears(tree.orgs.town.id, '2026-06-30')).toBe(1);
    expect(await arrears(tree.orgs.county.id, '2026-06-30')).toBe(2);
    const listed = await get(
      county,
      `/api/metrics/dues.arrears.members/records?orgId=${tree.orgs.town.id}&to=2026-06-30`,
    );
    expect(listed.json().items).toEqual([
      expect.objectContaining({ name: '王芳', fromMonth: '2025-01', unpaid: 17, longest: 17, firstUnpaid: '2025-01' }),
    ]);
  });

  it('lists records that add up to every figure', async () => {
    const queries = [tree.orgs.county.id, tree.orgs.town.id, tree.orgs.village.id].flatMap((id) =>
      [H1, Y2025, 'to=2025-07-01', 'from=2025-06-01'].map((p) => `orgId=${id}&${p}`),
    );
    await expectRecordsAddUp(get, county, DUES_METRICS, queries);
  });
});
