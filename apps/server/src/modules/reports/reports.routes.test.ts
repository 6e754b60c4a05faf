// 工作汇报 on a real database: the built-in templates rendered for the small tree with every placeholder filled by its
// metric's value; the suggested 存在的问题 following the data; drafts and templates written with versions (409),
// audited and kept to the actor's scope.
import {
  addDays,
  addYears,
  formatReportDate,
  type MetricInfo,
  type MetricValue,
  paragraphText,
  type RenderedReport,
  type ReportDraftDto,
  type ReportFigure,
  type ReportSuggestion,
  type ReportTemplateDto,
  reportPeriodLabel,
  todayIso,
} from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';

describeEachDb('reports routes (工作汇报)', (getDb) => {
  const { tree, sessions, app, get, send } = smallTreeSuite(getDb, [
    'admin',
    'county',
    'town',
    'branch',
    'grid',
    'viewer',
  ]);
  const today = todayIso();
  const year = today.slice(0, 4);
  const period = { from: `${year}-01-01`, to: today };

  const createDraft = async (s: Session, body: object) => {
    const res = await send(s, 'POST', '/api/report-drafts', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ReportDraftDto;
  };
  const render = async (s: Session, id: number) => {
    const res = await get(s, `/api/report-drafts/${id}/render`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as RenderedReport;
  };
  const figuresOf = (r: RenderedReport) =>
    [r.title, ...r.paragraphs].flatMap((p) => p.segments).filter((s): s is ReportFigure => s.type === 'figure');
  const auditCount = async (entity: string, action: string) =>
    (
      await getDb()
        .ctx.db.selectFrom('auditLog')
        .select('id')
        .where('entity', '=', entity)
        .where('action', '=', action)
        .execute()
    ).length;
  let registered: Set<string>;

  beforeAll(async () => {
    const res = await get(sessions.admin, '/api/metrics');
    registered = new Set((res.json().items as MetricInfo[]).map((m) => m.key));
  });

  it('lists the two built-in templates in the shape users write', async () => {
    const res = await get(sessions.town, '/api/report-templates/builtin');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as ReportTemplateDto[];
    expect(items.map((t) => t.key)).toEqual(['builtin:county_annual', 'builtin:township_quarterly']);
    for (const t of items) {
      expect(t.body).toMatch(/^一、工作开展情况$/m);
      expect(t.body).toMatch(/^（一）/m);
      expect(t.body).toMatch(/一是/);
      expect(t.body).toMatch(/^二、存在的问题$/m);
      expect(t.body).toMatch(/^三、下一步工作计划$/m);
      expect(t.body.match(/\{\{[a-z_.]+\}\}/g)!.length).toBeGreaterThan(15);
    }
  });

  it('renders the county annual report with every placeholder filled by its metric’s value', async () => {
    const draft = await createDraft(sessions.admin, {
      orgId: tree.orgs.county.id,
      templateKey: 'builtin:county_annual',
      ...period,
    });
    expect(draft.title).toBe('关于{{period.label}}全县基层党建工作情况的总结');
    const report = await render(sessions.admin, draft.id);
    const text = [report.title, ...report.paragraphs].map(paragraphText).join('\n');
    expect(text).not.toContain('{{');
    expect(paragraphText(report.title)).toBe(
      `关于${reportPeriodLabel(period.from, period.to)}全县基层党建工作情况的总结`,
    );
    // 无法计算 only for keys the catalogue does not (yet) hold; none for a registered metric.
    for (const m of report.missing) expect(registered.has(m.key), `${m.key}: ${m.reason}`).toBe(false);
    expect(report.paragraphs.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['salutation', 'heading1', 'heading2', 'body']),
    );
    const figures = figuresOf(report);
    expect(figures.length).toBe(report.figures);
    expect(figures.length).toBeGreaterThan(15);
    // Each figure is the metric's own value for the same org and period (GET /api/metrics/values).
    const keys = [...new Set(figures.map((f) => f.metricKey))];
    const res = await get(
      sessions.admin,
      `/api/metrics/values?keys=${keys.join(',')}&orgId=${tree.orgs.county.id}&from=${period.from}&to=${period.to}`,
    );
    const values = new Map((res.json().values as MetricValue[]).map((v) => [v.key, v.value]));
    for (const f of figures) {
      expect(f.value, f.metricKey).toBe(values.get(f.metricKey));
      expect(f).toMatchObject({ orgId: tree.orgs.county.id, orgName: '测试县委', from: period.from, to: period.to });
    }
    const total = figures.find((f) => f.metricKey === 'members.total')!;
    expect(total).toMatchObject({ value: 7, formatted: '7名', label: '党员总数' });
    const share = figures.find((f) => f.metricKey === 'members.female.share')!;
    expect(share.formatted).toBe(`${((share.value as number) * 100).toFixed(1)}%`);
  });

  it('renders the township quarterly report with the compared period (同比) and keeps the compare blocks', async () => {
    const draft = await createDraft(sessions.town, {
      orgId: tree.orgs.town.id,
      templateKey: 'builtin:township_quarterly',
      from: '2026-01-01',
      to: '2026-03-31',
      compareFrom: '2025-01-01',
      compareTo: '2025-03-31',
    });
    const report = await render(sessions.town, draft.id);
    expect(paragraphText(report.title)).toBe('城关镇党委2026年第一季度党建工作汇报');
    const text = report.paragraphs.map(paragraphText).join('\n');
    expect(text).not.toContain('{{');
    for (const m of report.missing) expect(registered.has(m.key), `${m.key}: ${m.reason}`).toBe(false);
    // 陈静 joined on 2026-03-01: five members at the quarter's end, four a year earlier.
    expect(text).toContain('党员5名，比2025年第一季度增加1名');
    const change = figuresOf(report).find((f) => f.metricKey === 'members.total' && f.formats.includes('change'))!;
    expect(change.compare).toMatchObject({ from: '2025-01-01', to: '2025-03-31', value: 4, change: 1 });

    // Without a compared period the 同比 sentence is left out, and a comparison outside a block says why.
    const preview = await send(sessions.town, 'POST', '/api/report-drafts/preview', {
      orgId: tree.orgs.town.id,
      title: '{{org.name}}汇报',
      body: '党员{{members.total}}{{#compare}}，同比{{members.total|trend}}{{/compare}}。\n增减：{{members.total|change}}；{{members.nonsense}}；{{members.total|bogus}}',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as RenderedReport;
    expect(p.paragraphs.map(paragraphText)).toEqual([
      '党员5名。',
      '增减：【无法计算：未选择对比期】；【无法计算：未知指标“members.nonsense”】；【无法计算：格式“bogus”无效】',
    ]);
    expect(p.missing.map((m) => m.key)).toEqual(['members.total', 'members.nonsense', '{{members.total|bogus}}']);
  });

  it('counts a period not yet ended up to today, named as the draft names it', async () => {
    const from = addDays(today, -10);
    const to = addDays(today, 30);
    const res = await send(sessions.town, 'POST', '/api/report-drafts/preview', {
      orgId: tree.orgs.town.id,
      title: '{{period.label}}',
      body: '截至{{period.to}}，党员{{members.total}}{{#compare}}，比上年同期{{members.total|change}}{{/compare}}。',
      from,
      to,
      compareFrom: addYears(from, -1),
      compareTo: addYears(to, -1),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as RenderedReport;
    expect(r.asOf).toBe(today);
    expect(paragraphText(r.title)).toBe(reportPeriodLabel(from, to));
    expect(paragraphText(r.paragraphs[0]!)).toMatch(new RegExp(`^截至${formatReportDate(today)}，党员5名，`));
    const f = figuresOf(r)[0]!;
    expect(f).toMatchObject({ from, to: today });
    expect(f.compare).toMatchObject({ from: addYears(from, -1), to: addDays(addYears(to, -1), -30) });
  });

  it('writes a metric the user may not see as 无法计算 and lists it', async () => {
    // A grid worker reads statistics and members but not inspections.
    const res = await send(sessions.grid, 'POST', '/api/report-drafts/preview', {
      orgId: tree.orgs.group.id,
      title: '测试',
      body: '党员{{members.total}}，逾期问题{{inspections.problems.overdue}}。',
      ...period,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as RenderedReport;
    expect(paragraphText(r.paragraphs[0]!)).toBe('党员2名，逾期问题【无法计算：无权查看“逾期未整改问题”】。');
    expect(r.missing).toEqual([{ key: 'inspections.problems.overdue', reason: '无权查看“逾期未整改问题”' }]);
    const outside = await send(sessions.town, 'POST', '/api/report-drafts/preview', {
      orgId: tree.orgs.otherTown.id,
      title: '测试',
      body: '党员{{members.total}}',
      ...period,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('suggests 存在的问题 from the data: an overdue rectification appears once there is one', async () => {
    const query = `orgId=${tree.orgs.town.id}&from=${period.from}&to=${period.to}`;
    const before = (await get(sessions.town, `/api/report-drafts/suggestions?${query}`)).json()
      .items as ReportSuggestion[];
    const overdueBefore = before.find((s) => s.id === 'rectification_overdue')!;
    expect(overdueBefore.state).toBe('clear');
    const income = before.find((s) => s.id === 'collective_income_low')!;
    expect(income.state).toBe('unavailable');
    expect(income.reason).toMatch(/无法核查/);

    const round = await send(sessions.county, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.county.id,
      title: `${year}年基层党建督导检查`,
      team: '县委组织部督导组',
      kind: 'open',
      startsOn: addDays(today, -20),
      endsOn: today,
    });
    expect(round.statusCode, round.body).toBe(201);
    const problem = await send(sessions.town, 'POST', '/api/problems', {
      roundId: round.json().id,
      orgId: tree.orgs.village.id,
      category: 'organization_life',
      description: '三会一课记录不全',
      severity: 'major',
      responsiblePerson: '张伟',
      deadline: addDays(today, -3),
    });
    expect(problem.statusCode, problem.body).toBe(201);

    const after = (await get(sessions.town, `/api/report-drafts/suggestions?${query}`)).json()
      .items as ReportSuggestion[];
    const overdue = after.find((s) => s.id === 'rectification_overdue')!;
    expect(overdue.state).toBe('applies');
    expect(overdue.text).toContain('{{inspections.problems.overdue}}');
    expect(overdue.preview).toContain('仍有1个问题超过整改期限未整改到位');
    expect(overdue.figures[0]).toMatchObject({ metricKey: 'inspections.problems.overdue', value: 1 });
  });

  it('saves a draft with its version: 409 with the current draft when stale, audited writes, delete', async () => {
    const draft = await createDraft(sessions.town, {
      orgId: tree.orgs.village.id,
      templateKey: 'builtin:township_quarterly',
      title: '红旗村党支部第一季度汇报',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(draft).toMatchObject({ version: 0, canEdit: true, orgName: '城关镇红旗村党支部' });
    expect(draft.body).toContain('{{members.total}}');
    const updates = await auditCount('report_draft', 'update');
    const saved = await send(sessions.town, 'PATCH', `/api/report-drafts/${draft.id}`, {
      body: `${draft.body}\n补充：党员{{members.total}}。`,
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1 });
    expect(await auditCount('report_draft', 'update')).toBe(updates + 1);

    const stale = await send(sessions.town, 'PATCH', `/api/report-drafts/${draft.id}`, { title: '另一个', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.current).toMatchObject({ version: 1, title: '红旗村党支部第一季度汇报' });

    const badPeriod = await send(sessions.town, 'PATCH', `/api/report-drafts/${draft.id}`, {
      to: '2025-12-31',
      version: 1,
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().error.fields.to).toMatch(/不能早于/);
    const halfCompare = await send(sessions.town, 'PATCH', `/api/report-drafts/${draft.id}`, {
      compareFrom: '2025-01-01',
      version: 1,
    });
    expect(halfCompare.json().error.fields.compareTo).toMatch(/同时填写/);

    const list = await get(sessions.town, `/api/report-drafts?orgId=${tree.orgs.town.id}&q=红旗村&pageSize=1`);
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(list.json().items[0].id).toBe(draft.id);

    expect((await send(sessions.town, 'DELETE', `/api/report-drafts/${draft.id}?version=0`)).statusCode).toBe(409);
    expect((await send(sessions.town, 'DELETE', `/api/report-drafts/${draft.id}?version=1`)).statusCode).toBe(204);
    expect((await get(sessions.town, `/api/report-drafts/${draft.id}`)).statusCode).toBe(404);
    expect(await auditCount('report_draft', 'delete')).toBeGreaterThanOrEqual(1);
  });

  it('keeps drafts to the scope: 404 outside, 403 to write without reports:write', async () => {
    const other = await createDraft(sessions.county, {
      orgId: tree.orgs.otherTown.id,
      templateKey: 'builtin:township_quarterly',
      ...period,
    });
    expect((await get(sessions.town, `/api/report-drafts/${other.id}`)).statusCode).toBe(404);
    expect((await get(sessions.town, `/api/report-drafts/${other.id}/render`)).statusCode).toBe(404);
    const townList = (await get(sessions.town, '/api/report-drafts?pageSize=200')).json().items as ReportDraftDto[];
    expect(townList.some((d) => d.id === other.id)).toBe(false);
    expect(
      (await send(sessions.town, 'PATCH', `/api/report-drafts/${other.id}`, { title: 'x', version: 0 })).statusCode,
    ).toBe(404);

    // The read-only leader sees it and may not change it; the branch secretary may not start one.
    const seen = await get(sessions.viewer, `/api/report-drafts/${other.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canEdit).toBe(false);
    expect(
      (await send(sessions.viewer, 'PATCH', `/api/report-drafts/${other.id}`, { title: 'x', version: 0 })).statusCode,
    ).toBe(403);
    const denied = await send(sessions.branch, 'POST', '/api/report-drafts', {
      orgId: tree.orgs.village.id,
      templateKey: 'builtin:township_quarterly',
      ...period,
    });
    expect(denied.statusCode).toBe(403);
    const unknownTemplate = await send(sessions.town, 'POST', '/api/report-drafts', {
      orgId: tree.orgs.town.id,
      templateKey: 'builtin:nonsense',
      ...period,
    });
    expect(unknownTemplate.statusCode).toBe(400);
    expect(unknownTemplate.json().error.fields.templateKey).toMatch(/模板不存在/);
  });

  it('saves templates copied from a built-in: seen along the org’s line, edited only where one may write', async () => {
    const builtin = (
      (await get(sessions.county, '/api/report-templates/builtin')).json().items as ReportTemplateDto[]
    )[0]!;
    const created = await send(sessions.county, 'POST', '/api/report-templates', {
      orgId: tree.orgs.county.id,
      name: '全县年度总结（组织部版）',
      periodKind: 'year',
      title: builtin.title,
      body: `${builtin.body}\n附：{{org.name}}`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const countyTemplate = created.json() as ReportTemplateDto;
    expect(countyTemplate).toMatchObject({ key: `saved:${countyTemplate.id}`, builtin: false, canEdit: true });
    expect(await auditCount('report_template', 'create')).toBeGreaterThanOrEqual(1);

    const townTemplate = (
      await send(sessions.town, 'POST', '/api/report-templates', {
        orgId: tree.orgs.town.id,
        name: '城关镇季度汇报',
        periodKind: 'quarter',
        title: '{{org.name}}{{period.label}}汇报',
        body: '一、工作开展情况\n党员{{members.total}}。',
      })
    ).json() as ReportTemplateDto;

    // The township and its villages see the county's template (a level above) and the township's; the other
    // township sees the county's only.
    const names = async (s: Session) =>
      ((await get(s, '/api/report-templates?pageSize=200')).json().items as ReportTemplateDto[]).map((t) => t.name);
    expect(await names(sessions.town)).toEqual(expect.arrayContaining(['全县年度总结（组织部版）', '城关镇季度汇报']));
    expect(await names(sessions.county)).toEqual(
      expect.arrayContaining(['全县年度总结（组织部版）', '城关镇季度汇报']),
    );
    expect(await names(sessions.branch)).toEqual(
      expect.arrayContaining(['全县年度总结（组织部版）', '城关镇季度汇报']),
    );
    const otherTown = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    expect(await names(await loginAs(app(), otherTown.username))).toEqual(['全县年度总结（组织部版）']);
    const fromTown = (await get(sessions.town, `/api/report-templates/${countyTemplate.id}`)).json();
    expect(fromTown.canEdit).toBe(false);
    const refused = await send(sessions.town, 'PATCH', `/api/report-templates/${countyTemplate.id}`, {
      name: '改名',
      version: 0,
    });
    expect(refused.statusCode).toBe(403);

    const renamed = await send(sessions.town, 'PATCH', `/api/report-templates/${townTemplate.id}`, {
      name: '城关镇季度汇报（新）',
      version: 0,
    });
    expect(renamed.json()).toMatchObject({ name: '城关镇季度汇报（新）', version: 1 });
    const stale = await send(sessions.town, 'PATCH', `/api/report-templates/${townTemplate.id}`, {
      name: 'x',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);

    // A draft from a saved template takes its text.
    const draft = await createDraft(sessions.town, {
      orgId: tree.orgs.town.id,
      templateKey: townTemplate.key,
      ...period,
    });
    expect(draft).toMatchObject({
      templateName: '城关镇季度汇报（新）',
      body: '一、工作开展情况\n党员{{members.total}}。',
    });
    expect((await send(sessions.town, 'DELETE', `/api/report-templates/${townTemplate.id}?version=1`)).statusCode).toBe(
      204,
    );
    expect((await get(sessions.county, `/api/report-templates/${townTemplate.id}`)).statusCode).toBe(404);
  });
});
