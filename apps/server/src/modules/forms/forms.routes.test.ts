// 统计表 on a real database: a built-in form filled for the small tree gives exactly the catalogue's values, formula
// cells compute from them (÷0 → 0), 同比 gives the earlier value, change and rate; stored forms are validated cell by
// cell (400 naming the cell), versioned (409), audited, archived, and seen only where their owner reaches.
import type { FilledCell, FilledForm, FormDetail, TFormDefinition } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { type Session, smallTreeSuite } from '../../test/factories.js';

type ValueCell = Extract<FilledCell, { kind: 'value' }>;

describeEachDb('statistical forms (统计表)', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county', 'town', 'branch', 'viewer']);

  const metric = async (key: string, query: string) => {
    const res = await get(sessions.county, `/api/metrics/${key}?${query}`);
    return res.statusCode === 404 ? null : (res.json() as { value: number }).value;
  };
  const fill = async (key: string, query: string, s: Session = sessions.county) => {
    const res = await get(s, `/api/forms/${key}/fill?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FilledForm;
  };
  const valueCell = (f: FilledForm, r: number, c: number) => {
    const cell = f.cells[r]![c]!;
    expect(cell.kind).toBe('value');
    return cell as ValueCell;
  };
  const grid = (cells: TFormDefinition['cells'], rows?: string[]): TFormDefinition => ({
    title: '测试统计表',
    rows: rows ?? cells.map((_, i) => `第${i + 1}项`),
    columns: cells[0]!.map((_, i) => `列${i + 1}`),
    cells,
  });
  const create = (definition: TFormDefinition, orgId = tree.orgs.county.id, name = '测试报表') =>
    send(sessions.county, 'POST', '/api/forms', { orgId, name, definition });

  it('fills a built-in form for the small tree with exactly the catalogue values', async () => {
    const list = await get(sessions.viewer, '/api/forms/built-in');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { key: string }) => f.key)).toEqual([
      'members-basic',
      'orgs-basic',
      'development',
    ]);

    for (const org of [tree.orgs.county, tree.orgs.town]) {
      const query = `orgId=${org.id}&to=2026-11-01`;
      const f = await fill('members-basic', query);
      expect(f).toMatchObject({ title: '党员基本情况', orgId: org.id, orgName: org.name, to: '2026-11-01' });
      expect(f.columns).toEqual(['人数', '占比']);
      expect(f.rows.slice(0, 2)).toEqual(['党员总数', '其中：女党员']);
      let checked = 0;
      for (const line of f.cells) {
        const count = line[0] as ValueCell;
        expect(count.keys).toHaveLength(1);
        const expected = await metric(count.keys[0]!, query);
        if (expected === null) expect(count).toMatchObject({ value: null, error: `未知指标 ${count.keys[0]}` });
        else {
          expect(count.value, count.expr).toBe(expected);
          checked++;
        }
      }
      expect(checked).toBe(f.rows.length);
      expect(valueCell(f, 0, 0).value).toBe(org === tree.orgs.county ? 7 : 5);
      expect(valueCell(f, 0, 1)).toMatchObject({ value: 1, format: 'percent' });
      const share = valueCell(f, 1, 1);
      expect(share.value).toBeCloseTo((await metric('members.female.share', query))!);
      expect(f.metrics['members.total']).toMatchObject({ label: '党员总数', unit: '名' });
      expect(f.metrics['members.total']!.description).toMatch(/党员/);
    }
  });

  it('shows a cell whose metric is not in the catalogue as not computable, and fills the rest', async () => {
    const orgs = await fill('orgs-basic', `orgId=${tree.orgs.county.id}`);
    for (const line of orgs.cells) {
      const cell = line[0] as ValueCell;
      const known = (await metric(cell.keys[0]!, `orgId=${tree.orgs.county.id}`)) !== null;
      expect(cell.error === null, cell.expr).toBe(known);
      if (!known) expect(cell.error).toBe(`未知指标 ${cell.keys[0]}`);
    }
    const res = await send(sessions.county, 'POST', '/api/forms/preview', {
      orgId: tree.orgs.county.id,
      definition: grid([[{ expr: 'members.total' }, { expr: 'members.nothing + 1' }, { expr: 'members.total +' }]]),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [ok, unknown, wrong] = (res.json() as FilledForm).cells[0] as ValueCell[];
    expect(ok!.value).toBe(7);
    expect(unknown).toMatchObject({ value: null, error: '未知指标 members.nothing' });
    expect(wrong!.error).toMatch(/^公式有误：第16个字符处缺少数字或指标/);
  });

  it('computes formula cells from the metric values, with division by zero as 0', async () => {
    const res = await create(
      grid([
        [{ expr: 'members.gender.female / members.total', format: 'percent' }, { expr: 'members.total * 2 + 1' }],
        [{ expr: 'members.total - members.status.probationary' }, { expr: 'members.total / (members.total - 7)' }],
        [{ text: '备注' }, null],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const form = res.json() as FormDetail;
    expect(form).toMatchObject({ builtIn: false, key: String(form.id), orgName: '测试县委', version: 0 });
    const query = `orgId=${tree.orgs.county.id}`;
    const f = await fill(form.key, query);
    const total = (await metric('members.total', query))!;
    const women = (await metric('members.gender.female', query))!;
    const probationary = (await metric('members.status.probationary', query))!;
    expect(valueCell(f, 0, 0)).toMatchObject({ format: 'percent', keys: ['members.gender.female', 'members.total'] });
    expect(valueCell(f, 0, 0).value).toBeCloseTo(women / total);
    expect(valueCell(f, 0, 1)).toMatchObject({ value: total * 2 + 1, format: 'integer' });
    expect(valueCell(f, 1, 0).value).toBe(total - probationary);
    expect(valueCell(f, 1, 1)).toMatchObject({ value: 0, format: 'decimal' });
    expect(f.cells[2]).toEqual([{ kind: 'text', text: '备注' }, { kind: 'empty' }]);
  });

  it('compares with an earlier period (同比): earlier value, change and rate', async () => {
    const f = await fill(
      'members-basic',
      `orgId=${tree.orgs.county.id}&to=2026-11-01&compareFrom=2025-01-01&compareTo=2025-11-01`,
    );
    expect(f.compare).toEqual({ from: '2025-01-01', to: '2025-11-01' });
    // 陈静 joined on 2026-03-01.
    const total = valueCell(f, 0, 0);
    expect(total).toMatchObject({ value: 7, compare: { value: 6, change: 1 } });
    expect(total.compare!.rate).toBeCloseTo(1 / 6);
    const probationary = valueCell(f, 3, 0);
    expect(probationary).toMatchObject({ value: 1, compare: { value: 0, change: 1, rate: null } });
  });

  it('creates, lists, updates with the version (409 when stale) and archives, audited', async () => {
    const created = (await create(grid([[{ expr: 'members.total' }]]), tree.orgs.county.id, '党员数量月报')).json();
    const other = (await create(grid([[{ expr: 'members.minority' }]]), tree.orgs.county.id, '少数民族党员表')).json();

    const page = await get(sessions.county, '/api/forms?q=党员&sort=name&pageSize=1');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.json().total).toBeGreaterThanOrEqual(2);
    expect(page.json().items).toHaveLength(1);
    const byName = await get(sessions.county, '/api/forms?q=少数民族');
    expect(byName.json().items.map((f: { id: number }) => f.id)).toEqual([other.id]);
    expect(byName.json().items[0]).toMatchObject({
      rowCount: 1,
      columnCount: 1,
      hasTemplate: false,
      title: '测试统计表',
    });

    const definition = grid([[{ expr: 'members.total' }, { expr: 'members.gender.male' }]], ['党员']);
    const updated = await send(sessions.county, 'PATCH', `/api/forms/${created.id}`, {
      version: 0,
      name: '党员数量季报',
      definition,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ name: '党员数量季报', version: 1, columnCount: 2 });
    const stale = await send(sessions.county, 'PATCH', `/api/forms/${created.id}`, { version: 0, name: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await get(sessions.county, `/api/forms/${created.id}`)).json().name).toBe('党员数量季报');

    const archived = await send(sessions.county, 'POST', `/api/forms/${created.id}/archive`, { version: 1 });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    const active = (await get(sessions.county, '/api/forms?pageSize=200'))
      .json()
      .items.map((f: { id: number }) => f.id);
    expect(active).not.toContain(created.id);
    const gone = (await get(sessions.county, '/api/forms?archived=true')).json().items.map((f: { id: number }) => f.id);
    expect(gone).toContain(created.id);

    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['action'])
      .where('entity', '=', 'stat_form')
      .where('entityId', '=', created.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'archive']);
  });

  it('refuses a formula that does not read or a key not in the catalogue, naming the cell', async () => {
    const unknown = await create(
      grid(
        [
          [{ expr: 'members.total' }, { expr: 'members.x' }],
          [{ expr: 'members.total )' }, null],
        ],
        ['党员', '女'],
      ),
    );
    expect(unknown.statusCode).toBe(400);
    const error = unknown.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields['cells.0.1']).toBe('未知指标 members.x');
    expect(error.fields['cells.1.0']).toMatch(/^公式有误：第15个字符处的右括号多余/);
    expect(error.message).toBe('输入有误：“党员”行“列2”列：未知指标 members.x');
    const shape = await create({ ...grid([[{ expr: 'members.total' }]]), columns: ['a', 'b'] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.fields['definition.cells.0']).toMatch(/应有2个单元格/);
    const builtIn = await send(sessions.county, 'PATCH', '/api/forms/members-basic', { version: 0, name: 'x' });
    expect(builtIn.statusCode).toBe(400);
  });

  it('keeps forms to where their owner reaches: 404 for another township, 403 to write above', async () => {
    const county = (await create(grid([[{ expr: 'members.total' }]]), tree.orgs.county.id, '县级表')).json();
    const other = (await create(grid([[{ expr: 'members.total' }]]), tree.orgs.otherTown.id, '青石镇自用表')).json();

    // The township sees the county's form (issued from above) and fills it for itself, not for another township.
    expect((await get(sessions.town, `/api/forms/${county.id}`)).statusCode).toBe(200);
    expect(valueCell(await fill(county.key, `orgId=${tree.orgs.town.id}`, sessions.town), 0, 0).value).toBe(5);
    expect((await get(sessions.town, `/api/forms/${county.id}/fill?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(
      404,
    );
    expect((await get(sessions.town, `/api/forms/members-basic/fill?orgId=${tree.orgs.county.id}`)).statusCode).toBe(
      404,
    );
    // Another township's own form does not exist for it.
    expect((await get(sessions.town, `/api/forms/${other.id}`)).statusCode).toBe(404);
    expect((await get(sessions.town, `/api/forms/${other.id}/fill?orgId=${tree.orgs.town.id}`)).statusCode).toBe(404);
    const listed = (await get(sessions.town, '/api/forms?pageSize=200')).json().items.map((f: { id: number }) => f.id);
    expect(listed).toContain(county.id);
    expect(listed).not.toContain(other.id);
    const forOrg = await get(sessions.county, `/api/forms?orgId=${tree.orgs.town.id}&pageSize=200`);
    expect(forOrg.json().items.map((f: { id: number }) => f.id)).toContain(county.id);
    expect(forOrg.json().items.map((f: { id: number }) => f.id)).not.toContain(other.id);

    // Reading is not writing: the township may not edit the county's form nor define one.
    const edit = await send(sessions.town, 'PATCH', `/api/forms/${county.id}`, { version: 0, name: '改名' });
    expect(edit.statusCode).toBe(403);
    const define = await send(sessions.town, 'POST', '/api/forms', {
      orgId: tree.orgs.town.id,
      name: '镇级表',
      definition: grid([[{ expr: 'members.total' }]]),
    });
    expect(define.statusCode).toBe(403);
    expect((await get(sessions.branch, '/api/forms/no-such-form')).statusCode).toBe(404);
  });
});
