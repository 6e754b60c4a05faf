import { addDays, todayIso } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';

describeEachDb('weak-orgs routes (软弱涣散整顿)', (getDb) => {
  const {
    tree,
    sessions: { town, county, viewer, branch },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'county', 'viewer', 'branch']);
  /** ratings:write anchored at the village itself: the org's own level. */
  let villageAdmin: Session;
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  beforeAll(async () => {
    const own = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.village });
    villageAdmin = await loginAs(app(), own.username);
  });
  const record = (orgId: number, o: object = {}) => ({
    orgId,
    year,
    reasons: ['life_irregular', 'secretary_unfit'],
    reasonDetail: '组织生活长期不正常，书记常年外出务工',
    plan: '调整充实村党组织班子，县乡两级包联，每月研判一次',
    leaderName: '李卫东',
    leaderTitle: '城关镇党委副书记',
    measures: ['选派第一书记', '规范三会一课', '化解信访积案'],
    deadline: addDays(today, 30),
    ...o,
  });
  const overdueWarnings = async (orgId: number) =>
    (await get(county, `/api/orgs/${orgId}/warnings?kind=weak_org_overdue`)).json();

  it('is designated by the upper level; refused to the org itself, to users without ratings:write, out of scope', async () => {
    const created = await send(town, 'POST', '/api/weak-orgs', record(tree.orgs.village.id));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      orgName: '城关镇红旗村党支部',
      status: 'rectifying',
      statusLabel: '整顿中',
      reasonLabels: ['组织制度形同虚设、组织生活不正常', '书记不胜任现职、工作不在状态'],
      measures: ['选派第一书记', '规范三会一课', '化解信访积案'],
      overdue: false,
      version: 0,
      events: [{ action: 'create', actionLabel: '列为软弱涣散', toStatus: 'rectifying' }],
    });

    const self = await send(town, 'POST', '/api/weak-orgs', record(tree.orgs.town.id));
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '软弱涣散党组织须由上级党组织认定',
    });
    expect((await send(branch, 'POST', '/api/weak-orgs', record(tree.orgs.group.id))).statusCode).toBe(403);
    expect((await send(viewer, 'POST', '/api/weak-orgs', record(tree.orgs.village.id))).statusCode).toBe(403);
    expect((await send(town, 'POST', '/api/weak-orgs', record(tree.orgs.otherVillage.id))).statusCode).toBe(404);

    const again = await send(town, 'POST', '/api/weak-orgs', record(tree.orgs.village.id));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.year).toBe(`城关镇红旗村党支部已列入${year}年度软弱涣散党组织`);
    const bad = await send(
      town,
      'POST',
      '/api/weak-orgs',
      record(tree.orgs.community.id, { reasons: [], deadline: '2025-02-30', measures: [] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['reasons', 'deadline', 'measures']));
    const group = await send(town, 'POST', '/api/weak-orgs', record(tree.orgs.group.id));
    expect(group.json().error).toMatchObject({ code: 'BUSINESS_RULE', message: '党小组不列为软弱涣散党组织' });
  });

  it('is accepted only by a level above: refused to the org itself (403) and without ratings:write; acceptance closes the overdue warning', async () => {
    const created = (
      await send(county, 'POST', '/api/weak-orgs', record(tree.orgs.community.id, { deadline: addDays(today, -1) }))
    ).json();
    const id = created.id;
    expect(created.overdue).toBe(true);
    const before = await overdueWarnings(tree.orgs.county.id);
    expect(before.counts.weak_org_overdue).toBe(1);
    expect(before.items[0]).toMatchObject({
      kind: 'weak_org_overdue',
      orgId: tree.orgs.community.id,
      orgName: '城关镇东街社区党支部',
      subject: '城关镇东街社区党支部',
      dueDate: addDays(today, -1),
      link: `/weak-orgs/${id}?org=${tree.orgs.community.id}`,
    });

    const early = await send(town, 'POST', `/api/weak-orgs/${id}/accept`, { version: 0 });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: 'WEAK_ORG_WRONG_STATUS',
      message: '整顿记录当前为“整顿中”，不能验收通过',
    });

    // The town (the community's upper level) submits on its behalf; the record is then closed to edits.
    const submitted = await send(town, 'POST', `/api/weak-orgs/${id}/submit`, { version: 0, note: '整顿材料已齐' });
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 1, can: { edit: false, decide: true } });
    expect((await send(town, 'PATCH', `/api/weak-orgs/${id}`, { plan: '改', version: 1 })).statusCode).toBe(422);

    expect((await send(branch, 'POST', `/api/weak-orgs/${id}/accept`, { version: 1 })).statusCode).toBe(404);
    expect((await send(viewer, 'POST', `/api/weak-orgs/${id}/accept`, { version: 1 })).json().error.code).toBe(
      'FORBIDDEN',
    );
    const noReason = await send(town, 'POST', `/api/weak-orgs/${id}/return`, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.note).toBe('请填写退回原因');

    const returned = await send(town, 'POST', `/api/weak-orgs/${id}/return`, {
      version: 1,
      note: '群众满意度测评未达标',
    });
    expect(returned.json()).toMatchObject({ status: 'returned', decisionNote: '群众满意度测评未达标', version: 2 });
    expect((await overdueWarnings(tree.orgs.county.id)).counts.weak_org_overdue).toBe(1);
    await send(town, 'POST', `/api/weak-orgs/${id}/submit`, { version: 2 });
    expect((await send(town, 'POST', `/api/weak-orgs/${id}/accept`, { version: 2 })).statusCode).toBe(409);

    const accepted = await send(town, 'POST', `/api/weak-orgs/${id}/accept`, { version: 3, note: '验收合格' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', overdue: false, decisionNote: '验收合格' });
    expect(accepted.json().events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'submit',
      'accept',
    ]);
    expect((await overdueWarnings(tree.orgs.county.id)).counts.weak_org_overdue).toBe(0);

    const audit = (await get(county, `/api/audit?entity=weak_org_rectification&entityId=${id}&action=return`)).json();
    expect(audit.items[0]).toMatchObject({ username: tree.users.town.username });
    expect(JSON.stringify(audit.items[0])).toContain('群众满意度测评未达标');
  });

  it('refuses acceptance by the org itself even with ratings:write, which may still submit its own work', async () => {
    const village = (await get(town, `/api/weak-orgs?orgId=${tree.orgs.village.id}`)).json().items[0];
    const noWrite = await send(branch, 'POST', `/api/weak-orgs/${village.id}/submit`, { version: village.version });
    expect(noWrite.statusCode).toBe(403);
    expect(noWrite.json().error).toMatchObject({ code: 'FORBIDDEN', message: '您没有执行此操作的权限' });
    const own = await send(villageAdmin, 'POST', `/api/weak-orgs/${village.id}/submit`, { version: village.version });
    expect(own.json()).toMatchObject({ status: 'submitted', can: { decide: false } });
    const self = await send(villageAdmin, 'POST', `/api/weak-orgs/${village.id}/accept`, {
      version: own.json().version,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '整顿验收须由上级党组织进行，本级组织不能验收或退回本组织的整顿',
    });
    const back = await send(villageAdmin, 'POST', `/api/weak-orgs/${village.id}/return`, {
      version: own.json().version,
      note: '自己退回',
    });
    expect(back.statusCode).toBe(403);
    expect((await get(villageAdmin, `/api/weak-orgs/${village.id}`)).json().status).toBe('submitted');
  });

  it('is overdue from the day after its deadline, not on the deadline day itself', async () => {
    const onTime = (
      await send(county, 'POST', '/api/weak-orgs', record(tree.orgs.otherVillage.id, { deadline: today }))
    ).json();
    expect(onTime.overdue).toBe(false);
    expect((await overdueWarnings(tree.orgs.otherTown.id)).counts.weak_org_overdue).toBe(0);
    const moved = await send(county, 'PATCH', `/api/weak-orgs/${onTime.id}`, {
      deadline: addDays(today, -1),
      version: 0,
    });
    expect(moved.json()).toMatchObject({ overdue: true, version: 1 });
    const w = await overdueWarnings(tree.orgs.otherTown.id);
    expect(w.counts.weak_org_overdue).toBe(1);
    expect(w.items[0].dueDate).toBe(addDays(today, -1));
    const list = (await get(county, `/api/weak-orgs?overdue=true&year=${year}`)).json();
    expect(list.items.map((r: { orgName: string }) => r.orgName)).toEqual(['青石镇石桥村党支部']);
    expect(list.counts).toMatchObject({ total: 3, overdue: 1, accepted: 1, submitted: 1, rectifying: 1 });
  });

  it('lists per subtree with filters and sorting, and follows an org that moves', async () => {
    const all = (await get(county, '/api/weak-orgs?sort=org')).json();
    expect(all.items.map((r: { orgName: string }) => r.orgName)).toEqual([
      '城关镇红旗村党支部',
      '城关镇东街社区党支部',
      '青石镇石桥村党支部',
    ]);
    const townList = (await get(town, '/api/weak-orgs?sort=-deadline')).json();
    expect(townList.total).toBe(2);
    expect(townList.counts.total).toBe(2);
    expect((await get(town, '/api/weak-orgs?status=accepted')).json().items[0].orgName).toBe('城关镇东街社区党支部');
    expect((await get(town, '/api/weak-orgs?q=红旗')).json().total).toBe(1);
    expect((await get(branch, '/api/weak-orgs')).json().items.map((r: { orgName: string }) => r.orgName)).toEqual([
      '城关镇红旗村党支部',
    ]);
    const other = all.items[2].id;
    expect((await get(town, `/api/weak-orgs/${other}`)).statusCode).toBe(404);
    expect((await get(town, `/api/weak-orgs?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(404);

    const org = (await get(county, `/api/orgs/${tree.orgs.community.id}`)).json();
    const move = await send(county, 'POST', `/api/orgs/${tree.orgs.community.id}/move`, {
      parentId: tree.orgs.otherTown.id,
      version: org.version,
    });
    expect(move.statusCode).toBe(200);
    expect((await get(town, '/api/weak-orgs')).json().total).toBe(1);
    expect((await get(county, `/api/weak-orgs?orgId=${tree.orgs.otherTown.id}`)).json().total).toBe(2);
  });
});
