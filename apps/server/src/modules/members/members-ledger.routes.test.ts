// 党员台账: template with drop-down lists; an import with bad rows reports exactly those rows and writes nothing; the
// corrected file imports; importing it again changes nothing; counters equal a recount; the export is the filtered
// list, masked; refusals (401, 403, 404, 400).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIdNumber } from '@grassroots/domain';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER_SOURCES } from '../../db/counter-sources.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { findActiveGrants } from '../../platform/auth/auth.repo.js';
import { today } from '../../platform/clock.js';
import { rebuildCounters } from '../../platform/counters.js';
import { type ImportResult, runLedgerImport } from '../../platform/excel-import.js';
import { scopeOf } from '../../platform/scope.js';
import { jobFilePath, UPLOAD_DIR } from '../../platform/uploads.js';
import { describeEachDb, openTestDb, TEST_DATABASE_URL, type TestDb, testConfig } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree } from '../../test/factories.js';
import {
  importFile,
  MEMBER_HEADER,
  memberSheetRow,
  multipart,
  readXlsx,
  type SheetCell,
  xlsxOf,
} from '../../test/ledger-files.js';
import { memberLedgerImport } from './members-ledger.service.js';

describeEachDb('member ledger (import, export)', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let town: Session;
  let grid: Session;
  let county: Session;
  let codes: Map<number, string>;
  const IMPORT = '/api/members/import';

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    town = await loginAs(app, tree.users.town.username);
    grid = await loginAs(app, tree.users.grid.username);
    county = await loginAs(app, tree.users.county.username);
    const orgs = await getDb().ctx.db.selectFrom('orgs').select(['id', 'code']).execute();
    codes = new Map(orgs.map((o) => [o.id, o.code]));
  });

  const db = () => getDb().ctx.db;
  const count = async (table: 'members' | 'auditLog') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const memberAuditRows = async () =>
    Number(
      (
        await db()
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity', '=', 'member')
          .where('entityId', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const noDrift = async () => {
    const r = await rebuildCounters(db(), COUNTER_SOURCES, today(), { write: false });
    expect(r.drift).toEqual([]);
    expect(r.driftCount).toBe(0);
  };
  const villageRows = () =>
    Array.from({ length: 10 }, (_, i) => memberSheetRow(codes.get(tree.orgs.village.id)!, 100 + i));

  it('gives a template with a comment on each header, drop-down lists of the labels, and a 说明 sheet', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/members/import-template', headers: town.read });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员导入模板.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '说明', '选项']);
    const ws = wb.getWorksheet('党员信息')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...MEMBER_HEADER.slice(0, 4), ...MEMBER_HEADER.slice(4)].filter((h) => header.includes(h)));
    expect(header).toEqual(expect.arrayContaining([...MEMBER_HEADER]));
    const idCell = ws.getRow(1).getCell(header.indexOf('身份证号码') + 1);
    expect(JSON.stringify(idCell.note)).toContain('18位');
    expect(JSON.stringify(ws.getRow(1).getCell(header.indexOf('入党时间') + 1).note)).toContain('YYYY-MM-DD');
    const lists = wb.getWorksheet('选项')!;
    const listValues = (formula: string) => {
      const m = /\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)/.exec(formula)!;
      const out: string[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(String(lists.getCell(`${m[1]}${r}`).value));
      return out;
    };
    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    const expected: Record<string, string[]> = {
      性别: ['男', '女'],
      学历: ['研究生', '大学本科', '大学专科', '中专/高中', '初中及以下'],
      党员类别: ['预备党员', '正式党员'],
    };
    for (const [column, values] of Object.entries(expected)) {
      const col = String.fromCharCode(65 + header.indexOf(column));
      const v = validations[`${col}2`];
      expect(v?.type, column).toBe('list');
      expect(listValues(v!.formulae[0] as string)).toEqual(values);
      expect(validations[`${col}5000`]).toEqual(v);
    }
    for (const column of ['民族', '职业类别']) {
      const v = validations[`${String.fromCharCode(65 + header.indexOf(column))}2`];
      expect(v?.type, column).toBe('list');
    }
    expect(listValues(validations[`${String.fromCharCode(65 + header.indexOf('民族'))}2`]!.formulae[0])).toHaveLength(
      56,
    );
    const help = wb.getWorksheet('说明')!;
    expect(help.getRow(1).getCell(1).value).toBe('列名');
    expect(help.rowCount).toBeGreaterThan(MEMBER_HEADER.length);

    expect((await app.inject({ method: 'GET', url: '/api/members/import-template' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/members/import-template', headers: grid.read })).statusCode,
    ).toBe(403);
  });

  it('reports exactly the 3 bad rows with row, column and reason, and writes nothing', async () => {
    const rows: Array<Record<string, SheetCell>> = villageRows();
    const goodId = rows[2]!.身份证号码 as string;
    rows[2] = { ...rows[2], 身份证号码: goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0') }; // Excel row 4
    rows[5] = { ...rows[5], 学历: '大专' }; // row 7
    rows[7] = { ...rows[7], 转正时间: null }; // row 9: a formal member without a date
    const before = { members: await count('members'), audit: await count('auditLog') };
    const job = await importFile(app, town, IMPORT, await xlsxOf(MEMBER_HEADER, rows));
    expect(job.state).toBe('failed');
    expect(job.error).toContain('3 处错误');
    expect(job.result?.errorCount).toBe(3);
    expect(job.result?.errors).toEqual([
      { row: 4, column: '身份证号码', reason: '身份证号码校验位错误' },
      { row: 7, column: '学历', reason: expect.stringContaining('“大专”不是有效的学历') },
      { row: 9, column: '转正时间', reason: '正式党员须填写转正时间' },
    ]);
    expect(job.total).toBe(10);
    expect(job.done).toBe(10);
    expect(await count('members')).toBe(before.members);
    expect(await count('auditLog')).toBe(before.audit);

    const annotated = await app.inject({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx`, headers: town.read });
    expect(annotated.statusCode).toBe(200);
    expect(annotated.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('党员台账-错误标注.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(MEMBER_HEADER.length + 1).value).toBe('错误说明');
    expect(ws.rowCount).toBe(11);
    expect(String(ws.getRow(4).getCell(MEMBER_HEADER.length + 1).value)).toContain('身份证号码：身份证号码校验位错误');
    expect(ws.getRow(5).getCell(MEMBER_HEADER.length + 1).value ?? '').toBe('');
    const idFill = ws.getRow(4).getCell(MEMBER_HEADER.indexOf('身份证号码') + 1).fill as ExcelJS.FillPattern;
    expect(idFill?.fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getRow(4).getCell(1).value).toBe('导入党员102');
    // Only its creator sees the job.
    expect((await app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: county.read })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx`, headers: county.read })).statusCode,
    ).toBe(404);
  });

  it('imports the corrected file in one go, audited per record, counters equal to a recount', async () => {
    const before = { members: await count('members'), audit: await memberAuditRows() };
    const job = await importFile(app, town, IMPORT, await xlsxOf(MEMBER_HEADER, villageRows()));
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 10, updated: 0, unchanged: 0, rows: 10 });
    expect(await count('members')).toBe(before.members + 10);
    expect(await memberAuditRows()).toBe(before.audit + 10);
    const one = await db()
      .selectFrom('members')
      .selectAll()
      .where('name', '=', '导入党员103')
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({ orgId: tree.orgs.village.id, orgPath: tree.orgs.village.path, education: 'bachelor' });
    const audit = await db()
      .selectFrom('auditLog')
      .select(['after'])
      .where('entity', '=', 'member')
      .where('entityId', '=', one.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toContain(`"idNumber":"${one.idNumber.slice(0, 3)}***********${one.idNumber.slice(-4)}"`);
    expect(audit.after).not.toContain(one.idNumber);
    const summary = await db()
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(summary.after!)).toMatchObject({ created: 10, updated: 0, unchanged: 0 });
    await noDrift();
    const chain = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: county.read });
    if (chain.statusCode === 200) expect(chain.json()).toMatchObject({ ok: true });
  });

  it('changes nothing when the same file is imported again; updates only the changed rows', async () => {
    const file = await xlsxOf(MEMBER_HEADER, villageRows());
    const before = { members: await count('members'), audit: await memberAuditRows() };
    const again = await importFile(app, town, IMPORT, file);
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect(await count('members')).toBe(before.members);
    expect(await memberAuditRows()).toBe(before.audit);

    const changed: Array<Record<string, SheetCell>> = villageRows();
    changed[0] = { ...changed[0], 学历: '研究生' };
    changed[4] = { ...changed[4], 标记: '流动党员、困难党员', 联系电话: '13911112222' };
    const job = await importFile(app, town, IMPORT, await xlsxOf(MEMBER_HEADER, changed));
    expect(job.result).toMatchObject({ created: 0, updated: 2, unchanged: 8 });
    expect(await memberAuditRows()).toBe(before.audit + 2);
    const m = await db().selectFrom('members').selectAll().where('name', '=', '导入党员104').executeTakeFirstOrThrow();
    expect(m).toMatchObject({ version: 1, isMobile: 1, isHardship: 1, phone: '13911112222' });
    await noDrift();
  });

  it('refuses an org outside the user scope, duplicates and members of another org, writing nothing', async () => {
    const before = await count('members');
    const other = codes.get(tree.orgs.otherVillage.id)!;
    const existingElsewhere = memberSheetRow(codes.get(tree.orgs.community.id)!, 101); // lives in the village
    const rows = [
      memberSheetRow(other, 300),
      memberSheetRow(codes.get(tree.orgs.group.id)!, 301),
      memberSheetRow(codes.get(tree.orgs.group.id)!, 301, { 姓名: '重复' }),
      existingElsewhere,
      memberSheetRow('NO-SUCH-ORG', 302),
    ];
    const job = await importFile(app, town, IMPORT, await xlsxOf(MEMBER_HEADER, rows));
    expect(job.state).toBe('failed');
    expect(job.result?.errors).toEqual([
      { row: 2, column: '组织代码', reason: '组织代码不存在或不在您的管辖范围内' },
      { row: 4, column: '身份证号码', reason: '与第3行的身份证号码重复' },
      { row: 5, column: '组织代码', reason: expect.stringContaining('组织关系转接') },
      { row: 6, column: '组织代码', reason: '组织代码不存在或不在您的管辖范围内' },
    ]);
    expect(await count('members')).toBe(before);
  });

  it('reads a sheet as people fill it: labels, dates as dates, gender and birth date from the ID number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员');
    ws.addRow([
      '姓名*',
      '身份证号码',
      '民族',
      '学历',
      '职业类别',
      '党员类别',
      '入党时间',
      '转正时间',
      '组织代码',
      '备注',
    ]);
    const id = makeIdNumber('650301', '1985-11-02', 7, 'female');
    ws.addRow([
      '日期党员',
      id,
      '汉',
      '大学专科',
      '农牧渔民',
      '正式党员',
      new Date(Date.UTC(2010, 6, 1)),
      '2011/7/1',
      codes.get(tree.orgs.village.id),
      '忽略',
    ]);
    ws.getCell('G2').numFmt = 'yyyy-mm-dd';
    const job = await importFile(app, town, IMPORT, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job.error).toBeNull();
    expect(job.result).toMatchObject({ created: 1 });
    const m = await db().selectFrom('members').selectAll().where('idNumber', '=', id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      gender: 'female',
      birthDate: '1985-11-02',
      ethnicity: '汉族',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
    });
  });

  it('refuses what is not an .xlsx with 400, a missing column, and users without the permission', async () => {
    const csv = multipart(Buffer.from('姓名,身份证号码\n张三,1\n'), '党员.csv', 'file', 'text/csv');
    let res = await app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { ...town.write, ...csv.headers },
      payload: csv.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('.xlsx');
    const fake = multipart(Buffer.from('not a zip at all'), '党员.xlsx');
    res = await app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { ...town.write, ...fake.headers },
      payload: fake.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不是有效的 .xlsx');
    res = await app.inject({ method: 'POST', url: IMPORT, headers: town.write, payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
    const ok = multipart(await xlsxOf(MEMBER_HEADER, []));
    res = await app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { ...grid.write, ...ok.headers },
      payload: ok.payload,
    });
    expect(res.statusCode).toBe(403);
    res = await app.inject({ method: 'POST', url: IMPORT, headers: { ...ok.headers }, payload: ok.payload });
    expect(res.statusCode).toBe(401);
    res = await app.inject({
      method: 'POST',
      url: `${IMPORT}?mode=partial`,
      headers: { ...town.write, ...ok.headers },
      payload: ok.payload,
    });
    expect(res.statusCode).toBe(400);

    const missing = await importFile(
      app,
      town,
      IMPORT,
      await xlsxOf(['姓名', '身份证号码'], [{ 姓名: '张三', 身份证号码: 'x' }]),
    );
    expect(missing.state).toBe('failed');
    expect(missing.result?.errors?.map((e) => e.column)).toEqual([
      '民族',
      '学历',
      '职业类别',
      '党员类别',
      '入党时间',
      '组织代码',
    ]);
    expect(missing.result?.errors?.[0]).toMatchObject({ row: 1, reason: expect.stringContaining('缺少此列') });
    const empty = await importFile(app, town, IMPORT, await xlsxOf(MEMBER_HEADER, []));
    expect(empty).toMatchObject({ state: 'failed', error: '文件中没有可导入的数据行' });
    expect((await app.inject({ method: 'GET', url: '/api/jobs/999999', headers: town.read })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/jobs/1' })).statusCode).toBe(401);
  });

  it('exports exactly the filtered list, in the chosen columns, PII masked, and audits the export', async () => {
    const url = `/api/members/export?orgId=${tree.orgs.town.id}&gender=female&status=full&columns=name,idNumberMasked,phoneMasked,orgName`;
    const res = await app.inject({ method: 'GET', url, headers: town.read });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('党员台账-城关镇党委'));
    const list = (
      await app.inject({
        method: 'GET',
        url: `/api/members?orgId=${tree.orgs.town.id}&gender=female&status=full&pageSize=200`,
        headers: town.read,
      })
    ).json() as { items: Array<{ name: string; idNumberMasked: string; phoneMasked: string | null }>; total: number };
    const sheet = (await readXlsx(res.rawPayload)).get('党员信息')!;
    expect(sheet[0]).toEqual(['姓名', '身份证号码', '联系电话', '所在组织']);
    expect(sheet.length - 1).toBe(list.total);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(list.items.map((m) => m.name));
    expect(sheet.slice(1).map((r) => r[1])).toEqual(list.items.map((m) => m.idNumberMasked));
    for (const r of sheet.slice(1)) {
      expect(r[1]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      if (r[2] !== undefined) expect(String(r[2])).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const audit = await db()
      .selectFrom('auditLog')
      .select(['after', 'orgPath'])
      .where('action', '=', 'export')
      .where('entity', '=', 'member')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.orgPath).toBe(tree.orgs.town.path);
    expect(JSON.parse(audit.after!)).toMatchObject({
      rows: list.total,
      completed: true,
      filters: { gender: 'female', status: 'full' },
    });

    // Many rows: the keyset batches cover every row once.
    const all = await app.inject({ method: 'GET', url: '/api/members/export?sort=-id', headers: county.read });
    const allRows = (await readXlsx(all.rawPayload)).get('党员信息')!;
    expect(allRows.length - 1).toBe(await count('members'));

    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/members/export?orgId=${tree.orgs.otherTown.id}`,
          headers: town.read,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/members/export?columns=name,idNumber', headers: town.read }))
        .statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/members/export' })).statusCode).toBe(401);
  });
});

// The server keeps answering while an import writes: the write transaction is held open (paused after its first chunk)
// and reads are served meanwhile, without the rows not yet committed. On a SQLite file (as deployed: reads go to a
// second connection, db/sqlite-read-split.ts) and on PostgreSQL (a pool).
for (const dialect of TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  describe(`[${dialect}] member import while the server is in use`, () => {
    let db: TestDb;
    let dir: string | null = null;
    beforeAll(async () => {
      if (dialect === 'postgres') db = await openTestDb('postgres');
      else {
        dir = mkdtempSync(join(tmpdir(), 'grassroots-import-'));
        const handle = openDatabase({ dialect: 'sqlite', file: join(dir, 'test.db') }, { backgroundCheckpoint: true });
        await migrateToLatest(handle.db);
        const config = testConfig();
        db = { handle, config, ctx: { db: handle.db, dialect: 'sqlite', config }, drop: () => handle.close() };
      }
    });
    afterAll(async () => {
      await db.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('answers reads during the write transaction, showing none of its rows until it commits', async () => {
      const { ctx } = db;
      const tree = await seedSmallTree(ctx);
      const app = await buildTestApp(db);
      const town = await loginAs(app, tree.users.town.username);
      const user = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', tree.users.town.id)
        .executeTakeFirstOrThrow();
      const grants = await findActiveGrants(ctx.db, user.id, today());
      const actor = { userId: user.id, username: user.username, name: user.name, grants, ip: null, sessionId: 'test' };
      const code = (
        await ctx.db.selectFrom('orgs').select('code').where('id', '=', tree.orgs.village.id).executeTakeFirstOrThrow()
      ).code;
      const fileKey = randomBytes(16).toString('hex');
      mkdirSync(UPLOAD_DIR, { recursive: true });
      writeFileSync(
        jobFilePath(fileKey, 'upload.xlsx'),
        await xlsxOf(
          MEMBER_HEADER,
          Array.from({ length: 700 }, (_, i) => memberSheetRow(code, 5000 + i)),
        ),
      );
      const spec = memberLedgerImport(ctx, actor, scopeOf(actor, 'members:write'), '党员台账.xlsx');
      let firstChunkWritten!: () => void;
      const paused = new Promise<void>((r) => {
        firstChunkWritten = r;
      });
      let resume!: () => void;
      const gate = new Promise<void>((r) => {
        resume = r;
      });
      const progress = { setTotal() {}, advance: async () => {}, phase: async () => {}, flush: async () => {} };
      let finished = false;
      const importing = runLedgerImport(
        ctx.db,
        fileKey,
        {
          ...spec,
          // The member ledger's own write, held after its first chunk (500 rows inserted, not committed).
          write: (trx, chunks) =>
            spec.write(
              trx,
              (async function* () {
                let n = 0;
                for await (const chunk of chunks) {
                  if (n++ === 1) {
                    firstChunkWritten();
                    await gate;
                  }
                  yield chunk;
                }
              })(),
            ),
        },
        progress,
      ).then((r: ImportResult) => {
        finished = true;
        return r;
      });
      await paused;

      const list = `/api/members?orgId=${tree.orgs.village.id}&pageSize=10`;
      const during = await app.inject({ method: 'GET', url: list, headers: town.read });
      const member = await app.inject({
        method: 'GET',
        url: `/api/members/${tree.members.village[0]!.id}`,
        headers: town.read,
      });
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(finished).toBe(false);
      expect([during.statusCode, member.statusCode, health.statusCode]).toEqual([200, 200, 200]);
      expect(during.json().total).toBe(4);

      resume();
      expect(await importing).toMatchObject({ rows: 700, created: 700 });
      expect((await app.inject({ method: 'GET', url: list, headers: town.read })).json().total).toBe(704);
      await app.close();
    });
  });
}
