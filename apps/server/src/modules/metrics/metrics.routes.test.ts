// The metric contract of issue 7 §1 on a real database: values against the small tree counted by hand, records that
// add up to their metric, past dates, compared periods, scope (404 / 403 / partial) and refused input.
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

describeEachDb('metrics routes', (getDb) => {
  const { tree, sessions, get } = smallTreeSuite(getDb, ['county', 'town', 'grid', 'branch']);
  // The factory gives unnamed genders by turn: count the women of a subtree by hand from the rows.
  const women = async (path: string) =>
    (await getDb().ctx.db.selectFrom('members').select(['gender', 'orgPath']).execute()).filter(
      (m) => m.gender === 'female' && m.orgPath.startsWith(path),
    ).length;
  const value = async (key: string, query: string, s = sessions.county) => {
    const res = await get(s, `/api/metrics/${key}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { value: number; unit: string; label: string; compare?: { value: number; change: number; rate: number | null } };
  };

  it('lists the catalogue with label, unit and how each figure is computed', async () => {
    const res = await get(sessions.county, '/api/metrics');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ key: string; label: string; unit: string; description: string }>;
    const total = items.find((m) => m.key === 'members.total');
    expect(total).toMatchObject({ label: '党员总数', unit: '名' });
    expect(total!.description).toMatch(/党员/);
    expect(items.find((m) => m.key === 'members.female.share')?.unit).toBe('%');
  });

  it('counts the members of a subtree today (from counters) and on a past date (from records)', async () => {
    const county = tree.orgs.county.id;
    expect(await value('members.total', `orgId=${county}`)).toMatchObject({ value: 7, unit: '名', label: '党员总数' });
    expect((await value('members.total', `orgId=${tree.orgs.town.id}`)).value).toBe(5);
    // 陈静 joined on 2026-03-01: not yet a member at the end of 2025.
    expect((await value('members.total', `orgId=${county}&to=2025-12-31`)).value).toBe(6);
    const countyWomen = await women(tree.orgs.county.path);
    expect(countyWomen).toBeGreaterThanOrEqual(3);
    expect((await value('members.gender.female', `orgId=${county}`)).value).toBe(countyWomen);
    expect((await value('members.female.share', `orgId=${county}`)).value).toBeCloseTo(countyWomen / 7);
    expect((await value('members.status.probationary', `orgId=${county}`)).value).toBe(1);
    // The factory's members are all 汉族: today from the counter, and on a past date from the records.
    expect((await value('members.han', `orgId=${county}`)).value).toBe(7);
    expect((await value('members.han', `orgId=${county}&to=2025-12-31`)).value).toBe(6);
    expect((await value('members.minority', `orgId=${county}`)).value).toBe(0);
  });

  it('compares two periods with change and rate (同比)', async () => {
    const v = await value(
      'members.total',
      `orgId=${tree.orgs.county.id}&to=2026-11-01&compareFrom=2025-01-01&compareTo=2025-11-01`,
    );
    expect(v.value).toBe(7);
    expect(v.compare).toMatchObject({ value: 6, change: 1 });
    expect(v.compare?.rate).toBeCloseTo(1 / 6);
  });

  it('lists the records behind a figure, and they add up to it', async () => {
    for (const key of ['members.total', 'members.gender.female', 'members.female.share']) {
      const res = await get(sessions.county, `/api/metrics/${key}/records?orgId=${tree.orgs.town.id}&pageSize=2`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      const expected = key === 'members.total' ? 5 : await women(tree.orgs.town.path);
      expect(page.total, key).toBe(expected);
      expect(page.items).toHaveLength(2);
      expect(page.columns.map((c: { label: string }) => c.label)).toContain('姓名');
    }
    const female = await get(sessions.county, `/api/metrics/members.gender.female/records?orgId=${tree.orgs.town.id}`);
    expect(new Set(female.json().items.map((r: { gender: string }) => r.gender))).toEqual(new Set(['女']));
  });

  it('answers several metrics at once and the per-child comparison with its total', async () => {
    const res = await get(
      sessions.county,
      `/api/metrics/children?orgId=${tree.orgs.county.id}&keys=members.total,members.gender.female`,
    );
    expect(res.statusCode).toBe(200);
    const table = res.json();
    expect(table.total).toEqual({ 'members.total': 7, 'members.gender.female': await women(tree.orgs.county.path) });
    const byName = Object.fromEntries(table.children.map((c: { name: string; values: object }) => [c.name, c.values]));
    expect(byName.城关镇党委).toEqual({
      'members.total': 5,
      'members.gender.female': await women(tree.orgs.town.path),
    });
    expect(byName.青石镇党委).toEqual({
      'members.total': 2,
      'members.gender.female': await women(tree.orgs.otherTown.path),
    });
    const many = await get(sessions.county, `/api/metrics/values?orgId=${tree.orgs.town.id}&keys=members.total`);
    expect(many.json().values[0].value).toBe(5);
  });

  it('keeps a township to its own subtree and refuses unknown metrics and bad periods with the field named', async () => {
    expect((await get(sessions.town, `/api/metrics/members.total?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(
      404,
    );
    expect((await value('members.total', `orgId=${tree.orgs.town.id}`, sessions.town)).value).toBe(5);
    const unknown = await get(sessions.county, `/api/metrics/members.nonsense?orgId=${tree.orgs.county.id}`);
    expect(unknown.statusCode).toBe(404);
    const bad = await get(sessions.county, `/api/metrics/members.total?orgId=${tree.orgs.county.id}&from=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.from).toMatch(/起始日期/);
    const reversed = await get(
      sessions.county,
      `/api/metrics/members.total?orgId=${tree.orgs.county.id}&from=2026-05-01&to=2026-01-01`,
    );
    expect(reversed.json().error.fields.to).toMatch(/不能早于/);
  });

  it('gives a monthly trend ending at the chosen date', async () => {
    const res = await get(
      sessions.county,
      `/api/metrics/members.total/trend?orgId=${tree.orgs.county.id}&to=2026-04-15&months=3`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().points).toEqual([
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28', value: 6 },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', value: 7 },
      { month: '2026-04', from: '2026-04-01', to: '2026-04-15', value: 7 },
    ]);
  });
});
