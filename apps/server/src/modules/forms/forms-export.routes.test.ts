// Forms as Excel: an uploaded template becomes a form whose export writes the values into the template's own cells
// (merges, widths and styles kept), a wrong placeholder is refused naming its cell, a grid form exports in its layout
// with shares as %, and perChild gives one sheet per child org. Workbooks are made and read back with exceljs.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { multipart } from '../../test/ledger-files.js';

/** A county-style template: a merged title, labels, placeholders (one with a % format, one with a written format). */
async function templateOf(placeholders: { b3: string; b4: string; b5: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员情况');
  ws.mergeCells('A1:C1');
  ws.getCell('A1').value = '某县党员情况统计表';
  ws.getCell('A1').font = { bold: true, size: 18 };
  ws.getCell('A2').value = '项目';
  ws.getCell('B2').value = '数值';
  ws.getCell('C2').value = '备注';
  ws.getCell('A3').value = '党员总数';
  ws.getCell('B3').value = placeholders.b3;
  ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('A4').value = '女党员占比';
  ws.getCell('B4').value = placeholders.b4;
  ws.getCell('B4').numFmt = '0.00%';
  ws.getCell('A5').value = '预备党员占比';
  ws.getCell('B5').value = placeholders.b5;
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 17;
  wb.addWorksheet('填表说明').getCell('A1').value = '按截止日期填报';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describeEachDb('statistical forms as Excel', (getDb) => {
  const { tree, sessions, app, get } = smallTreeSuite(getDb, ['county', 'town']);

  const upload = async (buffer: Buffer, query: string, fileName = '党员情况模板.xlsx') => {
    const body = multipart(buffer, fileName);
    return app().inject({
      method: 'POST',
      url: `/api/forms/template?${query}`,
      headers: { ...sessions.county.write, ...body.headers },
      payload: body.payload,
    });
  };
  const download = async (url: string, s = sessions.county) => {
    const res = await app().inject({ method: 'GET', url, headers: s.read });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    return open(res.rawPayload);
  };
  const metric = async (key: string, orgId: number) =>
    (await get(sessions.county, `/api/metrics/${key}?orgId=${orgId}`)).json().value as number;

  it('turns an uploaded template into a form and exports the values into its own cells', async () => {
    const res = await upload(
      await templateOf({
        b3: '{{members.total}}',
        b4: '{{ members.female.share }}',
        b5: '{{members.status.probationary / members.total | 百分比}}',
      }),
      `orgId=${tree.orgs.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(201);
    const form = res.json();
    expect(form).toMatchObject({ name: '某县党员情况统计表', hasTemplate: true, rowCount: 5, columnCount: 3 });
    expect(form.definition.rows).toEqual(['1', '2', '3', '4', '5']);
    expect(form.definition.columns).toEqual(['A', 'B', 'C']);
    expect(form.definition.cells[2]).toEqual([{ text: '党员总数' }, { expr: 'members.total' }, null]);
    expect(form.definition.cells[3][1]).toEqual({ expr: 'members.female.share', format: 'percent' });
    expect(form.definition.cells[4][1]).toEqual({
      expr: 'members.status.probationary / members.total',
      format: 'percent',
    });
    expect(form.definition.template).toMatchObject({
      sheet: '党员情况',
      merges: ['A1:C1'],
      columnWidths: [26, 17, null],
    });

    const county = tree.orgs.county.id;
    const wb = await download(`/api/forms/${form.id}/fill/export?orgId=${county}`);
    const ws = wb.getWorksheet('党员情况')!;
    expect(ws.getCell('B3').value).toBe(7);
    expect(ws.getCell('B4').value).toBeCloseTo(await metric('members.female.share', county));
    expect(ws.getCell('B4').numFmt).toBe('0.00%');
    expect(ws.getCell('B5').value).toBeCloseTo(1 / 7);
    expect(ws.getCell('B5').numFmt).toContain('%');
    // The template's layout and styles, untouched.
    expect(ws.getCell('A1').value).toBe('某县党员情况统计表');
    expect(ws.getCell('A1').font.size).toBe(18);
    expect(ws.model.merges).toEqual(['A1:C1']);
    expect(ws.getColumn(1).width).toBe(26);
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    expect(wb.getWorksheet('填表说明')!.getCell('A1').value).toBe('按截止日期填报');

    const original = await app().inject({
      method: 'GET',
      url: `/api/forms/${form.id}/template`,
      headers: sessions.county.read,
    });
    expect(original.statusCode).toBe(200);
    expect((await open(original.rawPayload)).getWorksheet('党员情况')!.getCell('B3').value).toBe('{{members.total}}');

    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entity', '=', 'stat_form')
      .where('entityId', '=', form.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'export']);
  });

  it('writes one sheet per child org, each the template filled for that child (上级代填)', async () => {
    const form = (
      await upload(
        await templateOf({ b3: '{{members.total}}', b4: '{{members.female.share}}', b5: '{{members.minority}}' }),
        `orgId=${tree.orgs.county.id}&name=${encodeURIComponent('各镇党员情况')}`,
      )
    ).json();
    expect(form.name).toBe('各镇党员情况');
    const wb = await download(`/api/forms/${form.id}/fill/export?orgId=${tree.orgs.county.id}&perChild=1`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['城关镇党委', '青石镇党委']);
    const [town, otherTown] = wb.worksheets;
    expect(town!.getCell('B3').value).toBe(5);
    expect(otherTown!.getCell('B3').value).toBe(2);
    expect(otherTown!.getCell('B4').value).toBeCloseTo(await metric('members.female.share', tree.orgs.otherTown.id));
    expect(otherTown!.getCell('B4').numFmt).toBe('0.00%');
    for (const sheet of wb.worksheets) {
      expect(sheet.model.merges).toEqual(['A1:C1']);
      expect(sheet.getCell('A1').value).toBe('某县党员情况统计表');
      expect(sheet.getColumn(1).width).toBe(26);
    }
  });

  it('exports a grid form in its layout (shares as %), and per child for a built-in form', async () => {
    const county = tree.orgs.county.id;
    const wb = await download(`/api/forms/members-basic/fill/export?orgId=${county}`);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('党员基本情况');
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位：测试县委　　统计期间：\d{4}-01-01 至 \d{4}-\d\d-\d\d$/);
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('C3').value]).toEqual(['项目', '人数', '占比']);
    expect([ws.getCell('A4').value, ws.getCell('B4').value, ws.getCell('C4').value]).toEqual(['党员总数', 7, 1]);
    expect(ws.getCell('C4').numFmt).toBe('0.0%');
    expect(ws.getCell('A5').value).toBe('其中：女党员');
    expect(ws.getCell('C5').value).toBeCloseTo(await metric('members.female.share', county));

    const compared = await download(
      `/api/forms/members-basic/fill/export?orgId=${county}&to=2026-11-01&compareFrom=2025-01-01&compareTo=2025-11-01`,
    );
    const cws = compared.worksheets[0]!;
    expect([3, 4].map((r) => [2, 3, 4, 5].map((c) => cws.getRow(r).getCell(c).value))).toEqual([
      ['人数', '人数', '人数', '人数'],
      ['本期', '同期', '增减', '增幅'],
    ]);
    expect([2, 3, 4].map((c) => cws.getRow(5).getCell(c).value)).toEqual([7, 6, 1]);
    expect(cws.getRow(5).getCell(5).value).toBeCloseTo(1 / 6);

    const perChild = await download(`/api/forms/members-basic/fill/export?orgId=${county}&perChild=1`);
    expect(perChild.worksheets.map((w) => w.name)).toEqual(['城关镇党委', '青石镇党委']);
    expect(perChild.worksheets.map((w) => w.getCell('B4').value)).toEqual([5, 2]);

    // A township exports its own subtree only; a leaf has no children to fill for.
    const own = await download(
      `/api/forms/members-basic/fill/export?orgId=${tree.orgs.town.id}&perChild=1`,
      sessions.town,
    );
    expect(own.worksheets.map((w) => w.name)).toEqual(['城关镇红旗村党支部', '城关镇东街社区党支部']);
    const other = await app().inject({
      method: 'GET',
      url: `/api/forms/members-basic/fill/export?orgId=${tree.orgs.otherTown.id}`,
      headers: sessions.town.read,
    });
    expect(other.statusCode).toBe(404);
    const leaf = await get(
      sessions.county,
      `/api/forms/members-basic/fill/export?orgId=${tree.orgs.group.id}&perChild=1`,
    );
    expect(leaf.statusCode).toBe(422);
  });

  it('refuses a template whose placeholder is wrong, naming the cell, and a file that is not .xlsx', async () => {
    const unknown = await upload(
      await templateOf({ b3: '{{members.x}}', b4: '党员{{members.total}}名', b5: '{{members.total | 千分比}}' }),
      `orgId=${tree.orgs.county.id}`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({
      B4: '占位符须独占一个单元格（单元格中不能再有其他文字）',
      B5: '显示格式“千分比”无效，应为整数、小数或百分比',
    });
    const unknownKey = await upload(
      await templateOf({ b3: '{{members.x}}', b4: '{{members.total}}', b5: '{{(members.total}}' }),
      `orgId=${tree.orgs.county.id}`,
    );
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.fields.B3).toBe('未知指标 members.x');
    expect(unknownKey.json().error.fields.B5).toMatch(/^公式有误：第1个字符处的左括号缺少对应的右括号/);
    expect(unknownKey.json().error.message).toBe('输入有误：单元格B3：未知指标 members.x');

    const none = await upload(await templateOf({ b3: '', b4: '', b5: '' }), `orgId=${tree.orgs.county.id}`);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.file).toMatch(/没有找到占位符/);
    const notXlsx = await upload(Buffer.from('姓名,性别\n'), `orgId=${tree.orgs.county.id}`, '模板.csv');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.fields.file).toMatch(/\.xlsx/);
    const body = multipart(await templateOf({ b3: '{{members.total}}', b4: '', b5: '' }));
    const byTown = await app().inject({
      method: 'POST',
      url: `/api/forms/template?orgId=${tree.orgs.town.id}`,
      headers: { ...sessions.town.write, ...body.headers },
      payload: body.payload,
    });
    expect(byTown.statusCode).toBe(403);
  });
});
