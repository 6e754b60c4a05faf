// 清单导出: the list's tree and the filtered assignment list as .xlsx — the file opens, its rows are the records the
// actor may see (status, overdue, percent, responsible org and person), a list or org out of scope is 404, audited.
import { addDays } from '@grassroots/domain';
import { beforeAll, expect, it, vi } from 'vitest';
import { today } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { readXlsx } from '../../test/ledger-files.js';

describeEachDb('task exports (清单导出)', (getDb) => {
  const {
    tree,
    sessions: { county, town },
    app,
    send,
  } = smallTreeSuite(getDb, ['county', 'town']);
  const day = today();
  let listId: number;
  beforeAll(async () => {
    const list = await send(county, 'POST', '/api/task-lists', {
      orgId: tree.orgs.county.id,
      year: Number(day.slice(0, 4)),
      sector: 'rural',
      title: '导出测试清单',
    });
    listId = list.json().id;
    const taskId = (await send(county, 'POST', `/api/task-lists/${listId}/tasks`, { title: '抓基层强基础' })).json()
      .tasks[0].id;
    const measure = (title: string, deadline: string) =>
      send(county, 'POST', `/api/task-lists/${listId}/measures`, {
        taskId,
        title,
        deadline,
        responsiblePerson: '王强',
        orgIds: [tree.orgs.town.id, tree.orgs.otherTown.id],
      });
    await measure('整顿软弱涣散村', addDays(day, -1));
    const last = (await measure('规范组织生活', addDays(day, 30))).json();
    const mine = last.tasks[0].measures[1].assignments.find((a: { orgId: number }) => a.orgId === tree.orgs.town.id);
    await send(town, 'POST', `/api/task-assignments/${mine.id}/actions/report`, {
      version: mine.version,
      note: '已完成半数',
      percent: 50,
    });
  });
  const download = (s: typeof county, url: string) => app().inject({ method: 'GET', url, headers: s.read });

  it('exports the list tree: one row per assignment with status, overdue and percent', async () => {
    const res = await download(county, `/api/task-lists/${listId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('导出测试清单'));
    const rows = (await readXlsx(res.rawPayload)).get('任务清单')!;
    expect(rows[0]!.slice(0, 10)).toEqual([
      '序号',
      '重点任务',
      '推进措施',
      '完成时限',
      '责任单位',
      '责任人',
      '状态',
      '是否逾期',
      '逾期天数',
      '完成进度(%)',
    ]);
    expect(rows.length - 1).toBe(4);
    const row = (measure: string, org: string) => rows.find((r) => r[2] === measure && r[4] === org)!;
    expect(row('整顿软弱涣散村', '城关镇党委').slice(6, 9)).toEqual(['逾期', '是', 1]);
    expect(row('规范组织生活', '城关镇党委').slice(5, 10)).toEqual(['王强', '推进中', '否', undefined, 50]);
    // A township sees its own side only.
    const own = (await readXlsx((await download(town, `/api/task-lists/${listId}/export`)).rawPayload)).get(
      '任务清单',
    )!;
    expect(own.slice(1).map((r) => r[4])).toEqual(['城关镇党委', '城关镇党委']);
  });

  it('exports the assignment list under the same filters, sorted by deadline', async () => {
    const res = await download(county, `/api/task-assignments/export?listId=${listId}&overdue=true`);
    expect(res.statusCode).toBe(200);
    const rows = (await readXlsx(res.rawPayload)).get('任务')!;
    expect(rows.slice(1).map((r) => [r[2], r[4], r[6]])).toEqual([
      ['整顿软弱涣散村', '城关镇党委', '逾期'],
      ['整顿软弱涣散村', '青石镇党委', '逾期'],
    ]);
    const all = (
      await readXlsx((await download(town, `/api/task-assignments/export?listId=${listId}`)).rawPayload)
    ).get('任务')!;
    expect(all.slice(1).map((r) => r[2])).toEqual(['整顿软弱涣散村', '规范组织生活']);
    // The audit row is written once the file has gone out.
    await vi.waitFor(async () => {
      const audited = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select('after')
        .where('entity', '=', 'task_assignment')
        .where('action', '=', 'export')
        .execute();
      expect(audited.map((a) => JSON.parse(String(a.after)).rows)).toContain(2);
    });
  });

  it('answers 404 for a list or an org out of scope', async () => {
    const other = await send(county, 'POST', '/api/task-lists', {
      orgId: tree.orgs.otherTown.id,
      year: 2026,
      sector: 'rural',
      title: '青石镇清单',
    });
    expect((await download(town, `/api/task-lists/${other.json().id}/export`)).statusCode).toBe(404);
    expect((await download(town, `/api/task-assignments/export?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(404);
  });
});
