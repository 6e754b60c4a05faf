// 书记项目 and 实事 exported to Excel: the file opens, its header and rows are what the list shows under the same
// filters and scope, an org out of scope is 404, and each export leaves an audit row.
import { addDays } from '@grassroots/domain';
import { beforeAll, expect, it, vi } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { readXlsx } from '../../test/ledger-files.js';

describeEachDb('project and matter exports (书记项目、实事导出)', (getDb) => {
  const {
    tree,
    sessions: { county, town },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town']);
  const day = today();
  const year = Number(day.slice(0, 4));
  beforeAll(async () => {
    const project = async (orgId: number, title: string, y = year) => {
      const res = await send(county, 'POST', '/api/secretary-projects', {
        orgId,
        year: y,
        title,
        secretaryName: '张伟',
        goal: '为民办实事',
        targetDate: addDays(day, 60),
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const road = await project(tree.orgs.village.id, '红旗村道路硬化');
    await project(tree.orgs.otherVillage.id, '青石村产业振兴');
    await project(tree.orgs.village.id, '去年的项目', year - 1);
    const matter = async (orgId: number, title: string, targetDate: string, projectId: number | null) => {
      const res = await send(county, 'POST', '/api/practical-matters', {
        orgId,
        year,
        kind: 'practical_matter',
        title,
        raisedBy: '村民代表会议',
        ownerName: '王芳',
        targetDate,
        projectId,
      });
      expect(res.statusCode).toBe(201);
    };
    await matter(tree.orgs.village.id, '安装路灯', addDays(day, -2), road.id);
    await matter(tree.orgs.village.id, '修缮自来水管网', addDays(day, 10), null);
    await matter(tree.orgs.otherVillage.id, '老人助餐', addDays(day, -1), null);
  });
  const download = (s: typeof county, url: string) => app().inject({ method: 'GET', url, headers: s.read });
  const sheet = async (s: typeof county, url: string, name: string) => {
    const res = await download(s, url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(name));
    return (await readXlsx(res.rawPayload)).get(name)!;
  };
  const audits = async (entity: string) =>
    (
      await getDb()
        .ctx.db.selectFrom('auditLog')
        .select('after')
        .where('entity', '=', entity)
        .where('action', '=', 'export')
        .execute()
    ).map((a) => JSON.parse(String(a.after)));

  it('exports the projects the list shows, with the same filters and scope', async () => {
    const filter = `orgId=${tree.orgs.county.id}&year=${year}`;
    const rows = await sheet(county, `/api/secretary-projects/export?${filter}`, '书记项目');
    expect(rows[0]).toEqual([
      '年度',
      '党组织',
      '项目名称',
      '书记',
      '项目目标',
      '计划完成时间',
      '阶段',
      '项目成效',
      '评比等次',
      '领办实事(件)',
      '已办结(件)',
    ]);
    const listed = (await get(county, `/api/secretary-projects?${filter}`)).json().items;
    expect(listed.length).toBe(2);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[6], r[9], r[10]])).toEqual(
      listed.map((p: Record<string, unknown>) => [year, p.orgName, p.title, p.stageLabel, p.matters, p.mattersDone]),
    );
    expect(rows.slice(1).find((r) => r[2] === '红旗村道路硬化')).toEqual([
      year,
      '城关镇红旗村党支部',
      '红旗村道路硬化',
      '张伟',
      '为民办实事',
      addDays(day, 60),
      '已立项',
      undefined,
      undefined,
      1,
      0,
    ]);
    // A township sees its own subtree only.
    const own = await sheet(town, `/api/secretary-projects/export?year=${year}`, '书记项目');
    expect(own.slice(1).map((r) => r[2])).toEqual(['红旗村道路硬化']);
    await vi.waitFor(async () => {
      expect((await audits('secretary_project')).map((a) => [a.rows, a.completed])).toEqual([
        [2, true],
        [1, true],
      ]);
    });
  });

  it('exports the matters the list shows, overdue filter included', async () => {
    const filter = `orgId=${tree.orgs.county.id}&year=${year}&overdue=true`;
    const rows = await sheet(county, `/api/practical-matters/export?${filter}`, '实事');
    expect(rows[0]).toEqual([
      '年度',
      '党组织',
      '类别',
      '事项',
      '提出人（来源）',
      '责任人',
      '承诺完成时间',
      '办理状态',
      '是否逾期',
      '办理结果',
      '办结日期',
      '群众满意度',
      '领办书记项目',
    ]);
    const listed = (await get(county, `/api/practical-matters?${filter}`)).json().items;
    expect(listed.length).toBe(2);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[7], r[8], r[12]])).toEqual(
      listed.map((m: Record<string, unknown>) => [
        m.orgName,
        m.title,
        m.statusLabel,
        '是',
        m.projectTitle ?? undefined,
      ]),
    );
    expect(rows.slice(1).map((r) => r[3])).toEqual(expect.arrayContaining(['安装路灯', '老人助餐']));
    const own = await sheet(town, `/api/practical-matters/export?year=${year}`, '实事');
    expect(
      own
        .slice(1)
        .map((r) => r[3])
        .sort(),
    ).toEqual(['修缮自来水管网', '安装路灯'].sort());
    await vi.waitFor(async () => {
      const audited = await audits('practical_matter');
      expect(audited.map((a) => a.rows)).toEqual([2, 2]);
      expect(audited[0].filter).toMatchObject({ overdue: 'true', year });
    });
  });

  it('answers 404 for an org out of scope, before any file starts', async () => {
    for (const path of ['/api/secretary-projects/export', '/api/practical-matters/export']) {
      const res = await download(town, `${path}?orgId=${tree.orgs.otherTown.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
    }
  });
});
