// 书记项目 (立项 → 推进 → 验收 → 评比, accepted and rated only by a level above) and 实事 with their figures.
import { addDays } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';

describeEachDb('secretary projects and practical matters (书记项目、实事)', (getDb) => {
  const {
    tree,
    sessions: { branch, town },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['branch', 'town']);
  let otherTown: Session;
  const day = today();
  beforeAll(async () => {
    const u = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    otherTown = await loginAs(app(), u.username);
  });

  it('runs a project from 立项 to 评比, with acceptance and rating only by the level above', async () => {
    const created = await send(branch, 'POST', '/api/secretary-projects', {
      orgId: tree.orgs.village.id,
      year: 2026,
      title: '红旗村道路硬化',
      secretaryName: '张伟',
      goal: '硬化村道3公里',
      targetDate: addDays(day, 60),
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ stage: 'approved', stageLabel: '已立项', canEdit: true, canDecide: false });
    const path = `/api/secretary-projects/${p.id}/actions`;
    const early = await send(town, 'POST', `${path}/accept`, { version: 0, result: '完成' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: 'PROJECT_WRONG_STAGE',
      message: '该书记项目当前为“已立项”，不能验收',
    });
    expect((await send(branch, 'POST', `${path}/start`, { version: 0 })).json().stage).toBe('in_progress');
    const self = await send(branch, 'POST', `${path}/accept`, { version: 1, result: '完成' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('UPPER_LEVEL_REQUIRED');
    expect((await send(town, 'POST', `${path}/accept`, { version: 1 })).json().error.fields.result).toBe(
      '请填写项目成效',
    );
    const accepted = await send(town, 'POST', `${path}/accept`, { version: 1, result: '硬化村道3.2公里' });
    expect(accepted.json()).toMatchObject({ stage: 'accepted', result: '硬化村道3.2公里', canDecide: true });
    expect((await send(town, 'POST', `${path}/rate`, { version: 1, grade: 'excellent' })).statusCode).toBe(409);
    const rated = await send(town, 'POST', `${path}/rate`, { version: 2, grade: 'excellent' });
    expect(rated.json()).toMatchObject({ stage: 'rated', gradeLabel: '优秀' });
    expect((await get(otherTown, `/api/secretary-projects/${p.id}`)).statusCode).toBe(404);
    const edit = await send(branch, 'PATCH', `/api/secretary-projects/${p.id}`, { title: '改名', version: 3 });
    expect(edit.json().error.code).toBe('PROJECT_WRONG_STAGE');
  });

  it('records practical matters and counts them straight from the records', async () => {
    const project = (
      await send(branch, 'POST', '/api/secretary-projects', {
        orgId: tree.orgs.village.id,
        year: 2026,
        title: '红旗村饮水安全',
        secretaryName: '张伟',
        goal: '解决饮水问题',
        targetDate: addDays(day, 90),
      })
    ).json();
    const matter = (title: string, targetDate: string, more: object = {}) =>
      send(branch, 'POST', '/api/practical-matters', {
        orgId: tree.orgs.village.id,
        year: 2026,
        kind: 'practical_matter',
        title,
        raisedBy: '村民代表会议',
        ownerName: '王芳',
        targetDate,
        projectId: project.id,
        ...more,
      });
    const a = (await matter('修缮自来水管网', addDays(day, 10))).json();
    await matter('安装路灯', addDays(day, -2));
    await matter('老人助餐', addDays(day, 5), { kind: 'urgent_need', projectId: null });
    const foreign = await send(town, 'POST', '/api/practical-matters', {
      orgId: tree.orgs.community.id,
      year: 2026,
      kind: 'practical_matter',
      title: '跨组织领办',
      raisedBy: '居民',
      ownerName: '陈静',
      targetDate: day,
      projectId: project.id,
    });
    expect(foreign.json().error.fields.projectId).toBe('书记项目不存在或不属于该党组织');

    const noResult = await send(branch, 'PATCH', `/api/practical-matters/${a.id}`, { status: 'done', version: 0 });
    expect(noResult.json().error.fields.result).toBe('办结时请填写办理结果');
    const early = await send(branch, 'PATCH', `/api/practical-matters/${a.id}`, {
      satisfaction: 'satisfied',
      version: 0,
    });
    expect(early.json().error.fields.satisfaction).toBe('办结后才能记录群众满意度');
    const done = await send(branch, 'PATCH', `/api/practical-matters/${a.id}`, {
      status: 'done',
      result: '更换管网800米',
      doneOn: day,
      satisfaction: 'satisfied',
      version: 0,
    });
    expect(done.json()).toMatchObject({ statusLabel: '已办结', satisfactionLabel: '满意', overdue: false });

    const figures = (await get(town, `/api/projects/figures?orgId=${tree.orgs.town.id}`)).json();
    expect(figures.matters).toMatchObject({
      total: 3,
      done: 1,
      open: 2,
      overdue: 1,
      ledByProject: 2,
      doneRate: 33.3,
      rated: 1,
      satisfied: 1,
      satisfactionRate: 100,
    });
    expect(figures.byKind.map((k: { kindLabel: string; total: number }) => [k.kindLabel, k.total]).sort()).toEqual(
      [
        ['为民办实事', 2],
        ['急难愁盼问题', 1],
      ].sort(),
    );
    expect(figures.projects).toMatchObject({ total: 2, approved: 1, rated: 1, excellent: 1 });
    expect((await get(otherTown, `/api/projects/figures?orgId=${tree.orgs.otherTown.id}`)).json().matters.total).toBe(
      0,
    );
    const listed = (await get(branch, `/api/secretary-projects?year=2026`)).json();
    expect(listed.items.find((p: { id: number }) => p.id === project.id)).toMatchObject({
      matters: 2,
      mattersDone: 1,
      mattersDoneRate: 50,
    });
    expect(
      (await get(town, '/api/practical-matters?overdue=true')).json().items.map((m: { title: string }) => m.title),
    ).toEqual(['安装路灯']);
  });
});
