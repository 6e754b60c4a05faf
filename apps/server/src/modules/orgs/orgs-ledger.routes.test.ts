// 组织台账: template lists; every error of a bad file reported, nothing written; new orgs under existing ones and
// under rows earlier in the file; re-import changes nothing; the subtree export (member counts) imports back as is.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { COUNTER_SOURCES } from '../../db/counter-sources.js';
import { today } from '../../platform/clock.js';
import { rebuildCounters } from '../../platform/counters.js';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree } from '../../test/factories.js';
import { importFile, readXlsx, type SheetCell, xlsxOf } from '../../test/ledger-files.js';

const HEADER = [
  '组织名称',
  '组织代码',
  '上级组织代码',
  '组织类别',
  '所属领域',
  '简称',
  '书记姓名',
  '委员',
  '成立日期',
  '本届任期开始日期',
  '任期年限',
  '联系电话',
  '地址',
];

const org = (name: string, code: string, parent: string, more: Record<string, SheetCell> = {}) => ({
  组织名称: name,
  组织代码: code,
  上级组织代码: parent,
  组织类别: '党支部',
  所属领域: '农村',
  ...more,
});

describeEachDb('org ledger (import, export)', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let town: Session;
  let grid: Session;
  let code: (id: number) => string;
  const IMPORT = '/api/orgs/import';

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    town = await loginAs(app, tree.users.town.username);
    grid = await loginAs(app, tree.users.grid.username);
    const codes = new Map(
      (await getDb().ctx.db.selectFrom('orgs').select(['id', 'code']).execute()).map((o) => [o.id, o.code]),
    );
    code = (id) => codes.get(id)!;
  });
  const db = () => getDb().ctx.db;
  const orgCount = async () =>
    Number(
      (
        await db()
          .selectFrom('orgs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const goodRows = () => [
    org('新建第一党支部', 'NEW-A', code(tree.orgs.town.id), { 书记姓名: '张伟', 委员: '张伟、王芳、李娜' }),
    org('新建第一党支部第一党小组', 'NEW-A-1', 'NEW-A', { 组织类别: '党小组' }),
    org('红旗村第二党小组', 'NEW-V-2', code(tree.orgs.village.id), {
      组织类别: '党小组',
      成立日期: '2019-05-04',
      联系电话: '0571-87654321',
    }),
    org('城关镇东街社区党支部', code(tree.orgs.community.id), code(tree.orgs.town.id), {
      所属领域: '城市社区',
      书记姓名: '陈静',
      本届任期开始日期: '2023-01-01',
      任期年限: '5',
    }),
  ];

  it('gives a template with the kind, sector and term lists', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/orgs/import-template', headers: town.read });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织信息', '说明', '选项']);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(HEADER);
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    const lists = wb.getWorksheet('选项')!;
    const values = (column: string) => {
      const v = model[`${String.fromCharCode(65 + header.indexOf(column))}2`]!;
      expect(v.type).toBe('list');
      const m = /\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)/.exec(v.formulae[0] as string)!;
      const out: string[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(String(lists.getCell(`${m[1]}${r}`).value));
      return out;
    };
    expect(values('组织类别')).toEqual(['党委', '党工委', '党总支', '党支部', '联合党支部', '临时党支部', '党小组']);
    expect(values('所属领域')).toContain('非公企业');
    expect(values('任期年限')).toEqual(['3', '5']);
    expect((await app.inject({ method: 'GET', url: '/api/orgs/import-template', headers: grid.read })).statusCode).toBe(
      403,
    );
  });

  it('reports every error of a bad file (parent later, out of scope, duplicate code, bad kind) and writes nothing', async () => {
    const before = await orgCount();
    const rows = [
      org('甲支部', 'BAD-A', code(tree.orgs.town.id)),
      org('乙支部', 'BAD-B', 'BAD-D'),
      org('丙支部', 'BAD-C', code(tree.orgs.otherTown.id)),
      org('丁支部', 'BAD-D', 'BAD-A'),
      org('重复', 'BAD-A', code(tree.orgs.town.id)),
      org('戊支部', 'BAD-E', code(tree.orgs.town.id), { 组织类别: '支部', 任期年限: '4' }),
    ];
    const job = await importFile(app, town, IMPORT, await xlsxOf(HEADER, rows), '组织.xlsx');
    expect(job.state).toBe('failed');
    expect(job.result?.errors).toEqual([
      { row: 3, column: '上级组织代码', reason: expect.stringContaining('排在本行之前') },
      { row: 4, column: '上级组织代码', reason: expect.stringContaining('不在您的管辖范围内') },
      { row: 6, column: '组织代码', reason: '与第2行的组织代码重复' },
      { row: 7, column: '组织类别', reason: expect.stringContaining('“支部”不是有效的组织类别') },
      { row: 7, column: '任期年限', reason: '任期应为3年或5年' },
    ]);
    expect(job.result?.errorCount).toBe(5);
    expect(await orgCount()).toBe(before);
  });

  it('creates orgs under existing ones and under earlier rows, updates a changed one, in one transaction', async () => {
    const before = await orgCount();
    const job = await importFile(app, town, IMPORT, await xlsxOf(HEADER, goodRows()), '组织.xlsx');
    expect(job.error).toBeNull();
    expect(job.result).toMatchObject({ created: 3, updated: 1, unchanged: 0, rows: 4 });
    expect(await orgCount()).toBe(before + 3);
    const a = await db().selectFrom('orgs').selectAll().where('code', '=', 'NEW-A').executeTakeFirstOrThrow();
    const a1 = await db().selectFrom('orgs').selectAll().where('code', '=', 'NEW-A-1').executeTakeFirstOrThrow();
    expect(a).toMatchObject({ parentId: tree.orgs.town.id, path: `${tree.orgs.town.path}${a.id}/`, depth: 2 });
    expect(JSON.parse(a.committee)).toEqual(['张伟', '王芳', '李娜']);
    expect(a1).toMatchObject({ parentId: a.id, path: `${a.path}${a1.id}/`, depth: 3, kind: 'group' });
    const community = await db()
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', tree.orgs.community.id)
      .executeTakeFirstOrThrow();
    expect(community).toMatchObject({ secretaryName: '陈静', termYears: 5, termStart: '2023-01-01', version: 1 });
    const r = await rebuildCounters(db(), COUNTER_SOURCES, today(), { write: false });
    expect(r.drift).toEqual([]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await orgCount();
    const audit = await db()
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('entity', '=', 'org')
      .where('entityId', 'is not', null)
      .executeTakeFirstOrThrow();
    const job = await importFile(app, town, IMPORT, await xlsxOf(HEADER, goodRows()), '组织.xlsx');
    expect(job.result).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await orgCount()).toBe(before);
    const after = await db()
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('entity', '=', 'org')
      .where('entityId', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(audit.n));
  });

  it('refuses a changed parent of an existing org and an org of another township', async () => {
    const job = await importFile(
      app,
      town,
      IMPORT,
      await xlsxOf(HEADER, [
        org('城关镇红旗村党支部', code(tree.orgs.village.id), code(tree.orgs.community.id)),
        org('青石镇石桥村党支部', code(tree.orgs.otherVillage.id), code(tree.orgs.otherTown.id)),
      ]),
    );
    expect(job.result?.errors).toEqual([
      { row: 2, column: '上级组织代码', reason: expect.stringContaining('调整隶属关系') },
      { row: 3, column: '组织代码', reason: '该组织代码已被您管辖范围以外的组织使用' },
    ]);
  });

  it('exports the subtree in tree order with member counts; the exported file imports back unchanged', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.town.id}/export`, headers: town.read });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('组织台账-城关镇党委'));
    const rows = (await readXlsx(res.rawPayload)).get('组织信息')!;
    expect(rows[0]!.slice(0, HEADER.length)).toEqual(HEADER);
    const byCode = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(rows.length - 1).toBe(7); // town, village, group, community, NEW-A, NEW-A-1, NEW-V-2
    const total = (c: string) => byCode.get(c)![HEADER.length];
    const detail = (
      await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.town.id}`, headers: town.read })
    ).json() as { memberCount: number };
    expect(total(code(tree.orgs.town.id))).toBe(detail.memberCount);
    expect(total(code(tree.orgs.village.id))).toBe(4);
    expect(total(code(tree.orgs.group.id))).toBe(2);
    expect(rows[1]![1]).toBe(code(tree.orgs.town.id));

    const back = await importFile(app, town, IMPORT, res.rawPayload, '组织台账.xlsx');
    expect(back.error).toBeNull();
    expect(back.result).toMatchObject({ created: 0, updated: 0, unchanged: 7 });

    expect(
      (await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.otherTown.id}/export`, headers: town.read }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.orgs.town.id}/export` })).statusCode).toBe(401);
  });
});
