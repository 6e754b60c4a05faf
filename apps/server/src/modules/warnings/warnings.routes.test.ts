// The one warning list: counts of every kind, items from every source within the actor's scope, due dates first,
// the kind filter, paging, and the .xlsx export with the same filter.
import { WARNING_KINDS } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { readXlsx } from '../../test/ledger-files.js';

describeEachDb('warnings routes', (getDb) => {
  const {
    tree,
    sessions: { county, town },
    app,
    get,
  } = smallTreeSuite(getDb, ['county', 'town']);
  beforeAll(async () => {
    // A unit under 青石镇 with 4 formal members and no party org: 应建未建.
    const unit = await app().inject({
      method: 'POST',
      url: '/api/units',
      headers: county.write,
      payload: {
        orgId: tree.orgs.otherTown.id,
        name: '青石镇宏达机械厂',
        unitType: 'private_enterprise',
        fullMembers: 4,
      },
    });
    expect(unit.statusCode).toBe(201);
  });

  it('lists org-setup warnings and 应建未建 for the subtree with a count for every kind', async () => {
    const res = await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?pageSize=100`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body.counts).sort()).toEqual([...WARNING_KINDS].sort());
    // 东街社区 has no full member, 石桥村 has 2: both below the 3 full members a branch needs.
    const small = body.items
      .filter((w: { kind: string }) => w.kind === 'branch_too_small')
      .map((w: { subject: string }) => w.subject);
    expect(small).toEqual(expect.arrayContaining(['城关镇东街社区党支部', '青石镇石桥村党支部']));
    expect(body.counts.branch_too_small).toBe(small.length);
    const gap = body.items.find((w: { kind: string }) => w.kind === 'org_gap');
    expect(gap).toMatchObject({ subject: '青石镇宏达机械厂', orgName: '青石镇党委', orgId: tree.orgs.otherTown.id });
    expect(gap.link).toBe(`/units?org=${tree.orgs.otherTown.id}`);
    expect(body.total).toBe(body.items.length);
    expect(body.total).toBe(Object.values(body.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    // Dated items first, by due date.
    const dates = body.items.map((w: { dueDate: string | null }) => w.dueDate);
    const firstUndated = dates.indexOf(null);
    const dated = firstUndated === -1 ? dates : dates.slice(0, firstUndated);
    expect(dated).toEqual([...dated].sort());
    expect(dates.slice(dated.length).every((d: string | null) => d === null)).toBe(true);
  });

  it('filters by kind, pages, and refuses an unknown kind with the field named', async () => {
    const filtered = (await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=branch_too_small`)).json();
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((w: { kind: string }) => w.kind === 'branch_too_small')).toBe(true);
    expect(filtered.counts.org_gap).toBe(1);
    const page2 = (await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?pageSize=1&page=2`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.page).toBe(2);
    const bad = await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.kind).toBe('预警类别无效');
  });

  it("keeps a township to its own subtree: no other township's items or counts, 404 for another township", async () => {
    const body = (await get(town, `/api/orgs/${tree.orgs.town.id}/warnings?pageSize=100`)).json();
    expect(body.counts.org_gap).toBe(0);
    expect(body.items.map((w: { subject: string }) => w.subject)).not.toContain('青石镇石桥村党支部');
    expect((await get(town, `/api/orgs/${tree.orgs.otherTown.id}/warnings`)).statusCode).toBe(404);
    expect((await get(town, `/api/orgs/${tree.orgs.county.id}/warnings/export`)).statusCode).toBe(404);
    expect((await app().inject({ method: 'GET', url: `/api/orgs/${tree.orgs.town.id}/warnings` })).statusCode).toBe(
      401,
    );
  });

  it('exports the filtered list to .xlsx and audits the export', async () => {
    const res = await get(county, `/api/orgs/${tree.orgs.county.id}/warnings/export?kind=branch_too_small`);
    expect(res.statusCode).toBe(200);
    const rows = (await readXlsx(res.rawPayload)).get('预警清单')!;
    expect(rows[0]).toEqual(['类别', '组织', '对象', '说明', '到期日期']);
    const subjects = rows
      .slice(1)
      .filter((r) => r[0] === '正式党员不足3人')
      .map((r) => r[2]);
    expect(subjects).toEqual(expect.arrayContaining(['城关镇东街社区党支部', '青石镇石桥村党支部']));
    await expect
      .poll(async () => (await get(county, '/api/audit?entity=warning&action=export')).json().items.length)
      .toBe(1);
  });
});
