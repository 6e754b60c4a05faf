// 材料核数 on a real database: a report written from the small tree's own figures checks out, a wrong figure shows
// the computed one, an unknown noun stays unchecked; shares and qualifiers; scope; .docx and .txt uploads; and the
// phrase dictionary users extend.
import { addDays, type ReportCheckResult, todayIso } from '@grassroots/domain';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { smallTreeSuite } from '../../test/factories.js';
import { multipart } from '../../test/ledger-files.js';

describeEachDb('report check routes', (getDb) => {
  const { tree, sessions, get, send, app } = smallTreeSuite(getDb, ['county', 'town', 'grid', 'viewer']);
  const to = todayIso();
  const from = `${to.slice(0, 4)}-01-01`;
  /** The small tree's real figures, through the metrics API. */
  const figure = async (key: string, orgId = tree.orgs.county.id) => {
    const res = await get(sessions.county, `/api/metrics/${key}?orgId=${orgId}&from=${from}&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().value as number;
  };
  const check = async (text: string, s = sessions.county, orgId = tree.orgs.county.id) => {
    const res = await send(s, 'POST', '/api/reports/check', { text, orgId, from, to });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReportCheckResult;
  };
  /** The verdict (and computed value) of the claim with this value, by metric. */
  const verdicts = (r: ReportCheckResult) => r.claims.map((c) => [c.value, c.metric, c.verdict, c.computed]);
  const upload = (buffer: Buffer, fileName: string, orgId = tree.orgs.county.id) => {
    const m = multipart(buffer, fileName, 'file', 'application/octet-stream');
    return app().inject({
      method: 'POST',
      url: `/api/reports/check/upload?orgId=${orgId}&from=${from}&to=${to}`,
      headers: { ...sessions.county.write, ...m.headers },
      payload: m.payload,
    });
  };

  let total: number;
  let women: number;

  beforeAll(async () => {
    const round = await send(sessions.county, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.county.id,
      title: '基层党建督导检查',
      team: '县委组织部督导组',
      kind: 'open',
      checklist: ['三会一课记录'],
      startsOn: addDays(to, -3),
      endsOn: to,
    });
    expect(round.statusCode, round.body).toBe(201);
    for (const orgId of [tree.orgs.village.id, tree.orgs.community.id]) {
      const res = await send(sessions.county, 'POST', '/api/problems', {
        roundId: round.json().id,
        orgId,
        category: 'organization_life',
        description: '三会一课记录不全',
        severity: 'major',
        responsiblePerson: '张伟',
        deadline: addDays(to, 20),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    total = await figure('members.total');
    women = await figure('members.gender.female');
    expect(total).toBe(7);
    expect(await figure('inspections.problems.found')).toBe(2);
  });

  it('matches the right figures, shows the computed one for a wrong figure, leaves an unknown noun unchecked', async () => {
    const text = `全县共有党员${total}名，其中女党员${women}名，预备党员5名。督导检查发现问题2个。建成红色驿站3个。`;
    const r = await check(text);
    expect(verdicts(r)).toEqual([
      [total, 'members.total', 'match', total],
      [women, 'members.gender.female', 'match', women],
      [5, 'members.status.probationary', 'differs', 1],
      [2, 'inspections.problems.found', 'match', 2],
      [3, null, 'unchecked', null],
    ]);
    for (const c of r.claims) expect(text.slice(c.start, c.end)).toBe(c.quote);
    expect(r.claims[4]).toMatchObject({ quote: '红色驿站3个', unit: '个', qualifier: '', counted: '红色驿站' });
    // the report's own arithmetic: the women and the probationary members are part of the members
    expect(r.relations).toContainEqual(
      expect.objectContaining({ formula: `${women} <= ${total} and 5 <= ${total}`, holds: true, kind: 'subset' }),
    );
  });

  it('checks a share to one decimal and a qualified figure by its qualifier', async () => {
    const share = Math.round((women / total) * 1000) / 10;
    const r = await check(`女党员占比${share}%，女党员比例10.0%。共有党员5余名，党员10余名，党员近7名，党员约7名。`);
    expect(verdicts(r)).toEqual([
      [Number((share / 100).toPrecision(12)), 'members.female.share', 'match', women / total],
      [0.1, 'members.female.share', 'differs', women / total],
      [5, 'members.total', 'match', total],
      [10, 'members.total', 'differs', total],
      [7, 'members.total', 'match', total],
      [7, 'members.total', 'match', total],
    ]);
    expect(r.claims.map((c) => c.qualifier)).toEqual(['', '', '余', '余', '近', '约']);
  });

  it('keeps to the actor’s scope: another township’s org is not found, a metric it may not see is unchecked', async () => {
    const other = await send(sessions.town, 'POST', '/api/reports/check', {
      text: '党员2名。',
      orgId: tree.orgs.otherTown.id,
      from,
      to,
    });
    expect(other.statusCode).toBe(404);
    const own = await check('全镇共有党员5名。', sessions.town, tree.orgs.town.id);
    expect(verdicts(own)).toEqual([[5, 'members.total', 'match', 5]]);
    // a grid worker reads members but not inspections
    const grid = await check('党员2名，发现问题2个。', sessions.grid, tree.orgs.group.id);
    expect(verdicts(grid)).toEqual([
      [2, 'members.total', 'match', 2],
      [2, null, 'unchecked', null],
    ]);
  });

  it('refuses bad input with the field named in Chinese', async () => {
    const empty = await send(sessions.county, 'POST', '/api/reports/check', { orgId: tree.orgs.county.id, from, to });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.text).toMatch(/汇报材料/);
    const long = await send(sessions.county, 'POST', '/api/reports/check', {
      text: '党'.repeat(200_001),
      orgId: tree.orgs.county.id,
      from,
      to,
    });
    expect(long.json().error.fields.text).toMatch(/不能超过200000个字/);
    const date = await send(sessions.county, 'POST', '/api/reports/check', {
      text: '党员7名',
      orgId: tree.orgs.county.id,
      from: '2026-02-30',
      to,
    });
    expect(date.json().error.fields.from).toMatch(/起始日期/);
  });

  it('reads an uploaded .docx and .txt, offsets into the text it returns', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('关于2026年基层党建工作的汇报')] }),
            new Paragraph({ children: [new TextRun(`全县共有党员${total}名，`), new TextRun('其中女党员99名。')] }),
            new Paragraph({ children: [new TextRun('督导检查发现问题2个。')] }),
          ],
        },
      ],
    });
    const docx = await upload(await Packer.toBuffer(doc), '汇报.docx');
    expect(docx.statusCode, docx.body).toBe(200);
    const d = docx.json() as ReportCheckResult & { text: string; fileName: string };
    expect(d.text.split('\n')).toEqual([
      '关于2026年基层党建工作的汇报',
      `全县共有党员${total}名，其中女党员99名。`,
      '督导检查发现问题2个。',
    ]);
    expect(d.fileName).toBe('汇报.docx');
    expect(verdicts(d)).toEqual([
      [total, 'members.total', 'match', total],
      [99, 'members.gender.female', 'differs', women],
      [2, 'inspections.problems.found', 'match', 2],
    ]);
    for (const c of d.claims) expect(d.text.slice(c.start, c.end)).toBe(c.quote);

    const txt = await upload(Buffer.from(`\uFEFF全县共有党员${total}名。\r\n發現問題2個。\r\n`, 'utf8'), '汇报.TXT');
    expect(txt.statusCode, txt.body).toBe(200);
    const t = txt.json() as ReportCheckResult & { text: string };
    expect(t.text).toBe(`全县共有党员${total}名。\n發現問題2個。\n`);
    expect(verdicts(t)).toEqual([
      [total, 'members.total', 'match', total],
      [2, 'inspections.problems.found', 'match', 2],
    ]);
    expect(t.claims[1]).toMatchObject({ quote: '問題2個', unit: '个', counted: '问题' });
  });

  it('refuses other files with 415, and files too long or too large', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.4 全县共有党员7名'), '汇报.pdf');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.message).toMatch(/只能核对 \.txt 或 \.docx/);
    const fake = await upload(Buffer.from('全县共有党员7名'), '汇报.docx');
    expect(fake.statusCode).toBe(415);
    const binary = await upload(Buffer.from([0x00, 0x01, 0x02, 0x03]), '汇报.txt');
    expect(binary.statusCode).toBe(415);
    // the upload limit is the report's (10 MB), not the JSON body limit; the text must still be a report's length
    const long = await upload(Buffer.from('党'.repeat(1_000_000)), '汇报.txt');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.file).toMatch(/不能超过200000个字/);
    const huge = await upload(Buffer.alloc(11 * 1024 * 1024, 0x41), '汇报.txt');
    expect(huge.statusCode).toBe(413);
    const notMultipart = await send(
      sessions.county,
      'POST',
      `/api/reports/check/upload?orgId=${tree.orgs.county.id}&from=${from}&to=${to}`,
      { text: '党员7名' },
    );
    expect(notMultipart.statusCode).toBe(400);
  });

  it('lets users add phrases for their subtree, audited, and an added phrase makes a claim checkable', async () => {
    const text = '全镇在册党员5名。';
    const before = await check(text, sessions.town, tree.orgs.town.id);
    expect(verdicts(before)).toEqual([[5, null, 'unchecked', null]]);

    const created = await send(sessions.county, 'POST', '/api/metric-phrases', {
      phrase: '在册党员',
      metricKey: 'members.total',
      orgId: tree.orgs.county.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const phrase = created.json();
    expect(phrase).toMatchObject({ phrase: '在册党员', metricKey: 'members.total', metricLabel: '党员总数' });

    // the county's phrase applies in the township's reports and is listed there
    const after = await check(text, sessions.town, tree.orgs.town.id);
    expect(verdicts(after)).toEqual([[5, 'members.total', 'match', 5]]);
    const listed = await get(sessions.town, `/api/metric-phrases?orgId=${tree.orgs.town.id}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id: phrase.id, orgName: '测试县委' }] });
    const otherTown = await get(sessions.county, `/api/metric-phrases?orgId=${tree.orgs.otherTown.id}&q=在册`);
    expect(otherTown.json().total).toBe(1);
    const filtered = await get(sessions.county, '/api/metric-phrases?metricKey=members.gender.female');
    expect(filtered.json().total).toBe(0);

    const unknown = await send(sessions.county, 'POST', '/api/metric-phrases', {
      phrase: '在册党员',
      metricKey: 'members.nonsense',
      orgId: tree.orgs.county.id,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.metricKey).toMatch(/指标/);
    const twice = await send(sessions.county, 'POST', '/api/metric-phrases', {
      phrase: '在册党员',
      metricKey: 'members.total',
      orgId: tree.orgs.county.id,
    });
    expect(twice.statusCode).toBe(409);
    const outOfScope = await send(sessions.town, 'POST', '/api/metric-phrases', {
      phrase: '党员队伍',
      metricKey: 'members.total',
      orgId: tree.orgs.otherTown.id,
    });
    expect(outOfScope.statusCode).toBe(404);
    const readOnly = await send(sessions.viewer, 'POST', '/api/metric-phrases', {
      phrase: '党员队伍',
      metricKey: 'members.total',
      orgId: tree.orgs.county.id,
    });
    expect(readOnly.statusCode).toBe(403);
    // the township cannot delete the county's phrase
    expect((await send(sessions.town, 'DELETE', `/api/metric-phrases/${phrase.id}`)).statusCode).toBe(404);

    expect((await send(sessions.county, 'DELETE', `/api/metric-phrases/${phrase.id}`)).statusCode).toBe(204);
    expect(verdicts(await check(text, sessions.town, tree.orgs.town.id))).toEqual([[5, null, 'unchecked', null]]);
    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('entity', '=', 'metric_phrase')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', entityId: phrase.id },
      { action: 'delete', entityId: phrase.id },
    ]);
  });
});
