// 清单管理: assignments only below the issuer; overdue at the deadline boundary; acceptance only by the issuer;
// roll-ups against a hand count; the Excel import (unmatched units reported, nothing written); scope; the warning.
import { addDays } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';
import { importFile, xlsxOf } from '../../test/ledger-files.js';

describeEachDb('task lists (清单管理)', (getDb) => {
  const {
    tree,
    sessions: { county, town, viewer },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town', 'viewer']);
  let otherTown: Session;
  let listId: number;
  let taskId: number;
  const day = today();
  beforeAll(async () => {
    const otherTownUser = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    otherTown = await loginAs(app(), otherTownUser.username);
    const list = await send(county, 'POST', '/api/task-lists', {
      orgId: tree.orgs.county.id,
      year: Number(day.slice(0, 4)),
      sector: 'rural',
      title: `${day.slice(0, 4)}年基层党建重点任务清单`,
    });
    expect(list.statusCode).toBe(201);
    listId = list.json().id;
    const withTask = await send(county, 'POST', `/api/task-lists/${listId}/tasks`, { title: '抓基层强基础' });
    expect(withTask.statusCode).toBe(201);
    taskId = withTask.json().tasks[0].id;
  });
  const towns = () => [tree.orgs.town.id, tree.orgs.otherTown.id];
  /** Adds a measure for both townships; returns its assignments by org id. */
  const addMeasure = async (title: string, deadline: string) => {
    const res = await send(county, 'POST', `/api/task-lists/${listId}/measures`, {
      taskId,
      title,
      method: '逐村排查',
      deadline,
      responsiblePerson: '王强',
      orgIds: towns(),
    });
    expect(res.statusCode).toBe(201);
    const measure = res
      .json()
      .tasks.flatMap((t: { measures: unknown[] }) => t.measures)
      .find((m: { title: string }) => m.title === title);
    const byOrg = new Map<number, { id: number; version: number }>(
      measure.assignments.map((a: { orgId: number; id: number; version: number }) => [a.orgId, a]),
    );
    return { town: byOrg.get(tree.orgs.town.id)!, otherTown: byOrg.get(tree.orgs.otherTown.id)! };
  };
  const act = (s: Session, id: number, action: string, body: object) =>
    send(s, 'POST', `/api/task-assignments/${id}/actions/${action}`, body);

  it('assigns a measure only to orgs below the issuer, each tracked on its own', async () => {
    const outside = await send(town, 'POST', '/api/task-lists', {
      orgId: tree.orgs.town.id,
      year: 2026,
      sector: 'rural',
      title: '城关镇清单',
    });
    const townList = outside.json();
    const townTask = (await send(town, 'POST', `/api/task-lists/${townList.id}/tasks`, { title: '村级任务' })).json()
      .tasks[0].id;
    const measure = (orgIds: number[]) => ({
      taskId: townTask,
      title: '规范村级组织生活',
      deadline: '2026-12-31',
      orgIds,
    });
    for (const orgIds of [
      [tree.orgs.otherVillage.id],
      [tree.orgs.town.id],
      [tree.orgs.village.id, tree.orgs.county.id],
    ]) {
      const refused = await send(county, 'POST', `/api/task-lists/${townList.id}/measures`, measure(orgIds));
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({
        code: 'TASK_ASSIGNEE_OUTSIDE_ISSUER',
        fields: { orgIds: '责任单位须是清单下达单位的下级组织（且未撤销）' },
      });
    }
    const ok = await send(
      town,
      'POST',
      `/api/task-lists/${townList.id}/measures`,
      measure([tree.orgs.village.id, tree.orgs.community.id]),
    );
    expect(ok.statusCode).toBe(201);
    const assignments = ok.json().tasks[0].measures[0].assignments;
    expect(assignments.map((a: { orgName: string }) => a.orgName).sort()).toEqual(
      ['城关镇东街社区党支部', '城关镇红旗村党支部'].sort(),
    );
    expect(
      assignments.every((a: { statusLabel: string; percent: number }) => a.statusLabel === '未开始' && a.percent === 0),
    ).toBe(true);
    // A list with nothing for the township is not there for it.
    expect((await get(otherTown, `/api/task-lists/${listId}`)).statusCode).toBe(404);
  });

  it('derives 逾期 from the deadline: on time on the day, overdue the day after', async () => {
    const dueToday = await addMeasure('今天到期的措施', day);
    const dueYesterday = await addMeasure('昨天到期的措施', addDays(day, -1));
    const a = (await get(town, `/api/task-assignments/${dueToday.town.id}`)).json();
    expect(a).toMatchObject({ overdue: false, statusLabel: '未开始', daysOverdue: 0, deadline: day });
    const b = (await get(town, `/api/task-assignments/${dueYesterday.town.id}`)).json();
    expect(b).toMatchObject({ overdue: true, statusLabel: '逾期', daysOverdue: 1 });
    const overdueOnly = (await get(town, `/api/task-assignments?overdue=true&listId=${listId}`)).json();
    expect(overdueOnly.items.map((x: { id: number }) => x.id)).toContain(dueYesterday.town.id);
    expect(overdueOnly.items.map((x: { id: number }) => x.id)).not.toContain(dueToday.town.id);
  });

  it('lets the responsible org report and the issuer accept or return; never the responsible org itself', async () => {
    const m = await addMeasure('建立党员积分管理制度', addDays(day, 30));
    const first = await act(town, m.town.id, 'report', {
      version: 0,
      note: '已起草制度',
      percent: 40,
      milestone: '起草',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: 'in_progress', statusLabel: '推进中', percent: 40, milestone: '起草' });
    const noNote = await act(town, m.town.id, 'report', { version: 1, percent: 50 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields.note).toBe('请填写进展情况');
    expect((await act(town, m.town.id, 'report', { version: 0, note: '旧版本' })).statusCode).toBe(409);
    const done = await act(town, m.town.id, 'report', { version: 1, note: '制度已印发', complete: true });
    expect(done.json()).toMatchObject({ state: 'submitted', statusLabel: '待验收', percent: 100, version: 2 });

    const self = await act(town, m.town.id, 'accept', { version: 2 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({
      code: 'UPPER_LEVEL_REQUIRED',
      message: '验收或退回须由下达清单的单位进行，责任单位不能验收自己的任务',
    });
    const noReason = await act(county, m.town.id, 'return', { version: 2 });
    expect(noReason.json().error.fields.note).toBe('请填写退回原因');
    const returned = await act(county, m.town.id, 'return', { version: 2, note: '缺少印发文件' });
    expect(returned.json()).toMatchObject({ state: 'in_progress', statusLabel: '推进中' });
    await act(town, m.town.id, 'report', { version: 3, note: '补充印发文件', complete: true });
    const accepted = await act(county, m.town.id, 'accept', { version: 4, note: '验收通过' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'completed', statusLabel: '已完成', canDecide: true });
    expect(accepted.json().events.map((e: { actionLabel: string }) => e.actionLabel)).toEqual([
      '下达',
      '报告进展',
      '报告进展',
      '退回',
      '报告进展',
      '验收通过',
    ]);
    const wrongState = await act(county, m.town.id, 'accept', { version: 5 });
    expect(wrongState.statusCode).toBe(422);
    expect(wrongState.json().error.code).toBe('TASK_WRONG_STATE');
    expect((await act(viewer, m.otherTown.id, 'report', { version: 0, note: '只读' })).statusCode).toBe(403);
    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'task_assignment')
      .where('entityId', '=', m.town.id)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['report', 'report', 'return', 'report', 'accept']);
  });

  it('keeps another township out of the assignments of others (404) and shows it only its own', async () => {
    const m = await addMeasure('开展软弱涣散排查', addDays(day, 10));
    expect((await get(otherTown, `/api/task-assignments/${m.town.id}`)).statusCode).toBe(404);
    expect((await act(otherTown, m.town.id, 'report', { version: 0, note: '越权' })).statusCode).toBe(404);
    const detail = (await get(otherTown, `/api/task-lists/${listId}`)).json();
    const orgs = new Set(
      detail.tasks.flatMap((t: { measures: Array<{ assignments: Array<{ orgId: number }> }> }) =>
        t.measures.flatMap((x) => x.assignments.map((a) => a.orgId)),
      ),
    );
    expect([...orgs]).toEqual([tree.orgs.otherTown.id]);
    const mine = (await get(otherTown, '/api/task-assignments?pageSize=200')).json();
    expect(mine.items.every((a: { orgId: number }) => a.orgId === tree.orgs.otherTown.id)).toBe(true);
    // Holding an assignment, it sees the list but only the issuing side edits it.
    const edit = await send(otherTown, 'PATCH', `/api/task-lists/${listId}`, { title: '改', version: 0 });
    expect(edit.json().error).toMatchObject({
      code: 'FORBIDDEN',
      message: '只有下达清单的单位可以修改清单、任务和措施',
    });
    const grid = await loginAs(app(), tree.users.grid.username);
    expect((await get(grid, `/api/task-lists/${listId}`)).statusCode).toBe(403);
  });

  it('rolls up tasks, measures and assignments by state, overdue, domain and org as counted by hand', async () => {
    const stats = async (s: Session, q: string) => (await get(s, `/api/task-lists/stats?${q}`)).json();
    const rows = await getDb()
      .ctx.db.selectFrom('taskAssignments')
      .select(['orgId', 'state', 'deadline', 'measureId', 'taskId'])
      .where('listId', '=', listId)
      .execute();
    const hand = (rs: typeof rows) => ({
      assignments: rs.length,
      completed: rs.filter((r) => r.state === 'completed').length,
      submitted: rs.filter((r) => r.state === 'submitted').length,
      inProgress: rs.filter((r) => r.state === 'in_progress').length,
      notStarted: rs.filter((r) => r.state === 'not_started').length,
      overdue: rs.filter((r) => r.state !== 'completed' && r.deadline < day).length,
    });
    const all = await stats(county, `listId=${listId}`);
    expect(all).toMatchObject({
      ...hand(rows),
      lists: 1,
      tasks: 1,
      measures: new Set(rows.map((r) => r.measureId)).size,
      completionRate: Math.round((hand(rows).completed / rows.length) * 1000) / 10,
    });
    expect(all.completed).toBe(1);
    expect(all.overdue).toBe(2);
    expect(all.bySector).toEqual([expect.objectContaining({ sector: 'rural', sectorLabel: '农村', ...hand(rows) })]);
    const townRows = rows.filter((r) => Number(r.orgId) === tree.orgs.town.id);
    expect(all.byOrg.find((o: { orgId: number }) => o.orgId === tree.orgs.town.id)).toMatchObject({
      orgName: '城关镇党委',
      ...hand(townRows),
    });
    const narrowed = await stats(county, `listId=${listId}&orgId=${tree.orgs.otherTown.id}`);
    expect(narrowed).toMatchObject(hand(rows.filter((r) => Number(r.orgId) === tree.orgs.otherTown.id)));
    expect(narrowed.byOrg).toHaveLength(1);
    const lists = (await get(county, `/api/task-lists?year=${day.slice(0, 4)}`)).json();
    expect(lists.items.find((l: { id: number }) => l.id === listId).figures).toMatchObject(hand(rows));
  });

  it('lists overdue assignments as warnings until they are accepted', async () => {
    const m = await addMeasure('完成阵地建设', addDays(day, -3));
    const warnings = async () =>
      (await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=task_overdue&pageSize=200`)).json();
    const before = await warnings();
    const item = before.items.find((w: { link: string }) => w.link.startsWith(`/tasks/assignments/${m.town.id}?`));
    expect(item).toMatchObject({
      kind: 'task_overdue',
      subject: '完成阵地建设',
      orgId: tree.orgs.town.id,
      dueDate: addDays(day, -3),
      link: `/tasks/assignments/${m.town.id}?org=${tree.orgs.town.id}`,
    });
    expect(item.message).toContain('逾期3天');
    await act(town, m.town.id, 'report', { version: 0, note: '已完成', complete: true });
    expect((await warnings()).items.some((w: { link: string }) => w.link.includes(`/${m.town.id}?`))).toBe(true);
    await act(county, m.town.id, 'accept', { version: 1 });
    const after = await warnings();
    expect(after.items.some((w: { link: string }) => w.link.includes(`/${m.town.id}?`))).toBe(false);
    expect(after.counts.task_overdue).toBe(before.counts.task_overdue - 1);
    // Another township sees only its own overdue items.
    const other = (await get(otherTown, `/api/orgs/${tree.orgs.otherTown.id}/warnings?kind=task_overdue`)).json();
    expect(other.items.every((w: { orgId: number }) => w.orgId === tree.orgs.otherTown.id)).toBe(true);
  });

  it('imports a whole list from Excel; unmatched units are reported with row and column and nothing is written', async () => {
    const header = ['重点任务', '推进措施', '具体举措', '完成时限', '责任单位', '责任人'];
    const query = `orgId=${tree.orgs.county.id}&year=2026&sector=rural&title=${encodeURIComponent('导入的清单')}`;
    const count = async () =>
      Number(
        (
          await getDb()
            .ctx.db.selectFrom('taskLists')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await xlsxOf(header, [
      {
        重点任务: '强化政治功能',
        推进措施: '开展主题党日',
        完成时限: '2026-06-30',
        责任单位: '城关镇党委、青石镇党委',
      },
      {
        重点任务: '强化政治功能',
        推进措施: '规范三会一课',
        完成时限: '2026-07-31',
        责任单位: '城关镇党委、白云镇党委',
      },
      { 重点任务: '提升组织力', 推进措施: '整顿软弱涣散', 完成时限: '2026-13-01', 责任单位: '测试县委' },
    ]);
    const failed = await importFile(app(), county, `/api/task-lists/import?${query}`, bad, '清单.xlsx');
    expect(failed.state).toBe('failed');
    expect(failed.result?.errors).toEqual([
      {
        row: 3,
        column: '责任单位',
        reason: '未找到责任单位：白云镇党委（须是下达单位的下级组织，填写名称或组织代码）',
      },
      { row: 4, column: '完成时限', reason: '“2026-13-01”不是有效日期（如 2026-06-30）' },
      {
        row: 4,
        column: '责任单位',
        reason: '未找到责任单位：测试县委（须是下达单位的下级组织，填写名称或组织代码）',
      },
    ]);
    expect(await count()).toBe(before);

    const otherCode = (
      await getDb()
        .ctx.db.selectFrom('orgs')
        .select('code')
        .where('id', '=', tree.orgs.otherTown.id)
        .executeTakeFirstOrThrow()
    ).code;
    const good = await xlsxOf(header, [
      {
        重点任务: '强化政治功能',
        推进措施: '开展主题党日',
        完成时限: '2026-06-30',
        责任单位: `城关镇党委、${otherCode}`,
        责任人: '李明',
      },
      { 重点任务: '提升组织力', 推进措施: '整顿软弱涣散', 完成时限: '2026/9/30', 责任单位: '城关镇红旗村党支部' },
      {
        重点任务: '强化政治功能',
        推进措施: '规范三会一课',
        具体举措: '每月检查',
        完成时限: '2026-07-31',
        责任单位: '城关镇党委',
      },
    ]);
    const ok = await importFile(app(), county, `/api/task-lists/import?${query}`, good, '清单.xlsx');
    expect(ok.state).toBe('succeeded');
    expect(ok.result).toMatchObject({ rows: 3, created: 3 });
    const created = (await get(county, `/api/task-lists?q=${encodeURIComponent('导入的清单')}`)).json().items[0];
    const detail = (await get(county, `/api/task-lists/${created.id}`)).json();
    expect(
      detail.tasks.map(
        (t: { title: string; measures: Array<{ title: string; deadline: string; assignments: unknown[] }> }) => [
          t.title,
          t.measures.map((m) => [m.title, m.deadline, m.assignments.length]),
        ],
      ),
    ).toEqual([
      [
        '强化政治功能',
        [
          ['开展主题党日', '2026-06-30', 2],
          ['规范三会一课', '2026-07-31', 1],
        ],
      ],
      ['提升组织力', [['整顿软弱涣散', '2026-09-30', 1]]],
    ]);
    expect(detail.figures.assignments).toBe(4);
    // The township cannot import a list for the county.
    const refused = await app().inject({
      method: 'POST',
      url: `/api/task-lists/import?${query}`,
      headers: town.write,
    });
    expect(refused.statusCode).toBe(404);
  });
});
