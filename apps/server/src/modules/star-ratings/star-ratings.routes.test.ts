import { DEFAULT_SCORECARD } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';

describeEachDb('star-ratings routes (星级评定)', (getDb) => {
  const {
    tree,
    sessions: { town, county, viewer, branch },
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'county', 'viewer', 'branch']);
  /** Full marks on every item but the last, which gets `last`. */
  const scoresWith = (items: { key: string; maxPoints: number }[], last: number) =>
    Object.fromEntries(items.map((i, n) => [i.key, n === items.length - 1 ? last : i.maxPoints]));
  const card = {
    items: [
      { key: 'team', label: '班子建设', maxPoints: 40 },
      { key: 'life', label: '组织生活', maxPoints: 40 },
      { key: 'service', label: '服务群众', maxPoints: 20 },
    ],
    thresholds: [60, 70, 80, 95],
  };

  it('uses the default scorecard until the county sets one, which its subtree then follows', async () => {
    const byDefault = (await get(town, `/api/star-ratings/scorecard?orgId=${tree.orgs.village.id}`)).json();
    expect(byDefault).toMatchObject({ isDefault: true, maxTotal: 100, thresholds: [60, 70, 80, 90], editable: false });
    expect(byDefault.items).toHaveLength(DEFAULT_SCORECARD.items.length);
    expect((await get(county, `/api/star-ratings/scorecard?orgId=${tree.orgs.county.id}`)).json().editable).toBe(true);

    const bad = await send(county, 'PUT', '/api/star-ratings/scorecard', {
      orgId: tree.orgs.county.id,
      ...card,
      thresholds: [60, 60, 80, 120],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      'thresholds.1': '星级分数线应逐级升高',
      'thresholds.3': '星级分数线不能高于满分100分',
    });
    const saved = await send(county, 'PUT', '/api/star-ratings/scorecard', { orgId: tree.orgs.county.id, ...card });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, ownerOrgName: '测试县委', version: 0, maxTotal: 100 });
    const stale = await send(county, 'PUT', '/api/star-ratings/scorecard', {
      orgId: tree.orgs.county.id,
      ...card,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);

    const inherited = (await get(town, `/api/star-ratings/scorecard?orgId=${tree.orgs.town.id}`)).json();
    expect(inherited).toMatchObject({ ownerOrgName: '测试县委', thresholds: [60, 70, 80, 95], editable: false });
    const own = await send(town, 'PUT', '/api/star-ratings/scorecard', { orgId: tree.orgs.town.id, ...card });
    expect(own.statusCode).toBe(422);
    expect(own.json().error).toMatchObject({
      code: 'SCORECARD_SET_ABOVE',
      message: '测试县委已制定评分标准，下级沿用，不能另行制定',
    });
    expect(
      (await send(branch, 'PUT', '/api/star-ratings/scorecard', { orgId: tree.orgs.village.id, ...card })).statusCode,
    ).toBe(403);
  });

  it('rates by the level above: total from the item scores, stars at each threshold exactly', async () => {
    const rate = (orgId: number, last: number, year = 2025) =>
      send(town, 'POST', '/api/star-ratings', { orgId, year, scores: scoresWith(card.items, last), note: '年度评定' });
    const five = await rate(tree.orgs.village.id, 15);
    expect(five.statusCode).toBe(201);
    expect(five.json()).toMatchObject({ total: 95, stars: 5, starsLabel: '五星级', orgName: '城关镇红旗村党支部' });
    const four = await rate(tree.orgs.community.id, 14.5);
    expect(four.json()).toMatchObject({ total: 94.5, stars: 4 });

    const rescored = await send(town, 'PATCH', `/api/star-ratings/${four.json().id}`, {
      scores: { team: 30, life: 30, service: 0 },
      version: 0,
    });
    expect(rescored.json()).toMatchObject({ total: 60, stars: 2, version: 1 });
    const below = await send(town, 'PATCH', `/api/star-ratings/${four.json().id}`, {
      scores: { team: 30, life: 29.5, service: 0 },
      version: 1,
    });
    expect(below.json()).toMatchObject({ total: 59.5, stars: 1 });
    expect(
      (await send(town, 'PATCH', `/api/star-ratings/${four.json().id}`, { scores: card.items, version: 1 })).statusCode,
    ).toBe(400);
    expect(
      (
        await send(town, 'PATCH', `/api/star-ratings/${four.json().id}`, {
          scores: { team: 40, life: 40, service: 20 },
          version: 1,
        })
      ).statusCode,
    ).toBe(409);

    const missing = await send(town, 'POST', '/api/star-ratings', {
      orgId: tree.orgs.otherVillage.id,
      year: 2025,
      scores: { team: 41 },
    });
    expect(missing.statusCode).toBe(404);
    const fields = await send(county, 'POST', '/api/star-ratings', {
      orgId: tree.orgs.otherVillage.id,
      year: 2025,
      scores: { team: 41, life: 20 },
    });
    expect(fields.statusCode).toBe(400);
    expect(fields.json().error.fields).toEqual({
      'scores.team': '“班子建设”得分应在0至40分之间，以0.5分为单位',
      'scores.service': '请为“服务群众”打分',
    });
    expect((await rate(tree.orgs.village.id, 10)).statusCode).toBe(409);
  });

  it('refuses a rating by the org itself, by users without ratings:write, and of a 党小组', async () => {
    const scores = scoresWith(card.items, 20);
    const self = await send(town, 'POST', '/api/star-ratings', { orgId: tree.orgs.town.id, year: 2025, scores });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '星级评定须由上级党组织进行，本级组织不能评定本组织',
    });
    const village = (await get(branch, '/api/star-ratings?year=2025')).json().items[0];
    expect((await send(branch, 'PATCH', `/api/star-ratings/${village.id}`, { scores, version: 0 })).statusCode).toBe(
      403,
    );
    expect(
      (await send(viewer, 'POST', '/api/star-ratings', { orgId: tree.orgs.otherVillage.id, year: 2025, scores }))
        .statusCode,
    ).toBe(403);
    const group = await send(town, 'POST', '/api/star-ratings', { orgId: tree.orgs.group.id, year: 2025, scores });
    expect(group.json().error.message).toBe('党小组不参加星级评定');
    expect(
      (await send(county, 'POST', '/api/star-ratings', { orgId: tree.orgs.town.id, year: 2025, scores })).statusCode,
    ).toBe(201);
  });

  it('lists a year per subtree with the distribution of stars, and keeps past ratings when the scorecard changes', async () => {
    const county2025 = (await get(county, '/api/star-ratings?year=2025')).json();
    expect(county2025).toMatchObject({ total: 3, rated: 3, distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 2 } });
    expect(county2025.items.map((r: { orgName: string }) => r.orgName)).toEqual([
      '城关镇党委',
      '城关镇红旗村党支部',
      '城关镇东街社区党支部',
    ]);
    const town2025 = (
      await get(town, `/api/star-ratings?year=2025&orgId=${tree.orgs.town.id}&stars=5&sort=org`)
    ).json();
    expect(town2025.items.map((r: { orgName: string }) => r.orgName)).toEqual(['城关镇党委', '城关镇红旗村党支部']);
    expect(town2025.distribution).toMatchObject({ 1: 1, 5: 2 });
    expect((await get(branch, '/api/star-ratings?year=2025')).json().total).toBe(1);
    expect((await get(town, '/api/star-ratings?year=2024')).json()).toMatchObject({ total: 0, rated: 0 });
    expect((await get(town, '/api/star-ratings?year=2025&stars=6')).statusCode).toBe(400);

    const current = (await get(county, `/api/star-ratings/scorecard?orgId=${tree.orgs.county.id}`)).json();
    await send(county, 'PUT', '/api/star-ratings/scorecard', {
      orgId: tree.orgs.county.id,
      ...card,
      thresholds: [50, 60, 70, 80],
      version: current.version,
    });
    const village = county2025.items[1];
    const kept = (await get(town, `/api/star-ratings/${village.id}`)).json();
    expect(kept).toMatchObject({ total: 95, stars: 5, scorecard: { thresholds: [60, 70, 80, 95] } });
  });
});
