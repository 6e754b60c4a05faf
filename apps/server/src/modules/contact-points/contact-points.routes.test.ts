// 党建联系点: a link's validity period bounds its visits (both ends inclusive); the year's figures equal a hand count
// of the records; rows outside the actor's subtree are 404.
import { addDays } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

describeEachDb('contact points (党建联系点)', (getDb) => {
  const {
    tree,
    sessions: { county, town, branch },
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town', 'branch']);
  const day = today();
  const year = Number(day.slice(0, 4));
  // A period inside this year that has already ended, so every boundary is a past day.
  const from = `${year}-01-10`;
  const to = `${year}-01-20`;

  const link = async (orgId: number, validFrom: string, validTo: string | null) => {
    const res = await send(county, 'POST', '/api/contact-links', {
      orgId,
      leaderName: '李书记',
      leaderPosition: '县委副书记',
      validFrom,
      validTo,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('refuses a visit outside the link period, to the day, naming visitedOn', async () => {
    const l = await link(tree.orgs.village.id, from, to);
    expect(l).toMatchObject({ orgName: '城关镇红旗村党支部', validTo: to, visits: 0 });
    const visit = (visitedOn: string) =>
      send(county, 'POST', '/api/contact-visits', { linkId: l.id, visitedOn, content: '召开座谈会', problems: [] });
    for (const inside of [from, to]) expect((await visit(inside)).statusCode).toBe(201);
    for (const outside of [addDays(from, -1), addDays(to, 1)]) {
      const res = await visit(outside);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('CONTACT_OUTSIDE_PERIOD');
      expect(res.json().error.fields.visitedOn).toBe(`走访日期不在联系期内（${from}至${to}）`);
    }
    const late = await send(county, 'POST', '/api/contact-visits', {
      linkId: l.id,
      visitedOn: from,
      content: '回访',
      problems: [{ text: '活动场所漏雨', solvedOn: addDays(from, -1) }],
    });
    expect(late.json().error.fields['problems.0.solvedOn']).toBe('解决日期不能早于走访日期');
    const bad = await send(county, 'POST', '/api/contact-links', {
      orgId: tree.orgs.village.id,
      leaderName: '王部长',
      leaderPosition: '组织部部长',
      validFrom: to,
      validTo: from,
    });
    expect(bad.json().error.fields.validTo).toBe('联系结束日期不能早于开始日期');
    // Shrinking the period past a logged visit is refused; a stale version is 409.
    const shrink = await send(county, 'PATCH', `/api/contact-links/${l.id}`, { validTo: addDays(to, -1), version: 0 });
    expect(shrink.statusCode).toBe(422);
    expect(shrink.json().error.fields.validTo).toBe(`联系期须包含已有的走访记录（${from}至${to}）`);
    const ok = await send(county, 'PATCH', `/api/contact-links/${l.id}`, { leaderPosition: '县委书记', version: 0 });
    expect(ok.json()).toMatchObject({ leaderPosition: '县委书记', version: 1, visits: 2 });
    expect((await send(county, 'PATCH', `/api/contact-links/${l.id}`, { note: 'x', version: 0 })).statusCode).toBe(409);
  });

  it('counts visits, problems raised and solved, and covered orgs as a hand count does', async () => {
    const figuresOf = async (orgId: number) =>
      (await get(county, `/api/contact-points/figures?orgId=${orgId}&year=${year}`)).json();
    const before = await figuresOf(tree.orgs.county.id);
    const a = await link(tree.orgs.community.id, `${year - 1}-03-01`, null);
    const b = await link(tree.orgs.otherVillage.id, `${year}-01-01`, `${year}-01-31`);
    // Ended last year: covers nothing this year.
    await link(tree.orgs.otherTown.id, `${year - 2}-01-01`, `${year - 1}-12-31`);
    const visit = (linkId: number, visitedOn: string, problems: object[]) =>
      send(county, 'POST', '/api/contact-visits', { linkId, visitedOn, content: '调研', problems });
    await visit(a.id, `${year - 1}-12-31`, [{ text: '去年的问题', solvedOn: null }]);
    const v1 = (
      await visit(a.id, `${year}-01-02`, [
        { text: '党员活动室缺少设备', solvedOn: `${year}-01-05` },
        { text: '软弱涣散', solvedOn: null },
      ])
    ).json();
    expect(v1).toMatchObject({ raised: 2, solved: 1 });
    await visit(b.id, `${year}-01-31`, [{ text: '换届准备', solvedOn: `${year}-01-31` }]);
    const after = await figuresOf(tree.orgs.county.id);
    expect(after.visits - before.visits).toBe(2);
    expect(after.raised - before.raised).toBe(3);
    expect(after.solved - before.solved).toBe(2);
    expect(after.orgsCovered - before.orgsCovered).toBe(2);
    // The community alone: its one link, the one visit of this year.
    expect(await figuresOf(tree.orgs.community.id)).toMatchObject({
      year,
      visits: 1,
      raised: 2,
      solved: 1,
      unsolved: 1,
      solvedRate: 50,
      orgsCovered: 1,
    });
    // Solving the second problem later replaces the list and moves the rate.
    const solved = await send(county, 'PATCH', `/api/contact-visits/${v1.id}`, {
      problems: [
        { text: '党员活动室缺少设备', solvedOn: `${year}-01-05` },
        { text: '软弱涣散', solvedOn: `${year}-01-06` },
      ],
      version: 0,
    });
    expect(solved.json()).toMatchObject({ solved: 2, version: 1 });
    expect((await figuresOf(tree.orgs.community.id)).solvedRate).toBe(100);
    const listed = (await get(county, `/api/contact-visits?linkId=${a.id}&year=${year}`)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0].problems.map((p: { solved: boolean }) => p.solved)).toEqual([true, true]);
  });

  it('hides links and visits outside the subtree (404) and lets a reader only read', async () => {
    const l = await link(tree.orgs.otherVillage.id, `${year}-01-01`, null);
    expect((await get(town, `/api/contact-links/${l.id}`)).statusCode).toBe(404);
    const visit = await send(town, 'POST', '/api/contact-visits', {
      linkId: l.id,
      visitedOn: `${year}-01-01`,
      content: '越权',
    });
    expect(visit.statusCode).toBe(404);
    expect(
      (await get(town, `/api/contact-points/figures?orgId=${tree.orgs.otherTown.id}&year=${year}`)).statusCode,
    ).toBe(404);
    const own = await link(tree.orgs.village.id, `${year}-01-01`, null);
    expect((await get(branch, `/api/contact-links/${own.id}`)).json().active).toBe(true);
    const listed = (await get(town, `/api/contact-links?year=${year}`)).json();
    expect(listed.items.every((i: { orgName: string }) => i.orgName.startsWith('城关镇'))).toBe(true);
  });
});
