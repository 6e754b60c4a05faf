import { shiftMonth, todayIso } from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import {
  buildTestApp,
  loginAs,
  type SeededOrg,
  type Session,
  seedMember,
  seedOrg,
  seedSmallTree,
} from '../../test/factories.js';
import { importFile, readXlsx, type SheetCell, xlsxOf } from '../../test/ledger-files.js';

// Months relative to now, so the suite means the same whenever it runs: M(0) is this month, M(-1) the last ended one.
const NOW = todayIso().slice(0, 7);
const M = (k: number) => shiftMonth(NOW, k);
const TODAY = todayIso();

describeEachDb('dues', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let county: Session;
  let town: Session;
  let branch: Session;
  let grid: Session;
  let viewer: Session;
  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    county = await loginAs(app, tree.users.county.username);
    town = await loginAs(app, tree.users.town.username);
    branch = await loginAs(app, tree.users.branch.username);
    grid = await loginAs(app, tree.users.grid.username);
    viewer = await loginAs(app, tree.users.viewer.username);
  });

  const addBase = (s: Session, memberId: number, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/dues/members/${memberId}/bases`, headers: s.write, payload: body });
  const pay = (s: Session, body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/api/dues/payments',
      headers: s.write,
      payload: { paidOn: TODAY, payer: 'self', ...body },
    });
  const memberDues = async (s: Session, id: number) =>
    (await app.inject({ method: 'GET', url: `/api/dues/members/${id}`, headers: s.read })).json();
  const figures = (s: Session, q: string) =>
    app.inject({ method: 'GET', url: `/api/dues/figures?${q}`, headers: s.read });
  const arrears = (s: Session, q: string) =>
    app.inject({ method: 'GET', url: `/api/dues/arrears?${q}`, headers: s.read });

  async function freshBranch(parent: SeededOrg, name: string) {
    return seedOrg(getDb().ctx, { parent, name, kind: 'branch' });
  }

  describe('rate (contract)', () => {
    const rate = (q: string) => app.inject({ method: 'GET', url: `/api/dues/rate?${q}`, headers: grid.read });

    it('answers the 2008 brackets at their edges', async () => {
      expect((await rate('category=employed&base=3000')).json()).toEqual({ monthly: 15, rate: 0.005 });
      expect((await rate('category=employed&base=3000.01')).json()).toEqual({ monthly: 30, rate: 0.01 });
      expect((await rate('category=employed&base=12000')).json()).toEqual({ monthly: 240, rate: 0.02 });
      expect((await rate('category=retired&base=5001')).json()).toEqual({ monthly: 50.01, rate: 0.01 });
      expect((await rate('category=student')).json()).toEqual({ monthly: 0.2, rate: null });
    });

    it('refuses a missing or bad base and an unknown category naming the field; 401 without a session', async () => {
      const noBase = await rate('category=employed');
      expect(noBase.statusCode).toBe(400);
      expect(noBase.json().error.fields.base).toBeDefined();
      expect((await rate('category=employed&base=-1')).json().error.fields.base).toBe('计算基数不能为负');
      expect((await rate('category=boss&base=1')).json().error.fields.category).toBeDefined();
      expect((await app.inject({ method: 'GET', url: '/api/dues/rate?category=student' })).statusCode).toBe(401);
    });
  });

  describe('bases', () => {
    it('computes the 2008 brackets at their edges through the API (3000/5000/10000 employed, 5000 retired)', async () => {
      const org = await freshBranch(tree.orgs.town, '基数测试党支部');
      const cases: Array<[string, number, number, number | null]> = [
        ['employed', 3000, 15, 0.005],
        ['employed', 3000.01, 30, 0.01],
        ['employed', 5000, 50, 0.01],
        ['employed', 5000.01, 75, 0.015],
        ['employed', 10000, 150, 0.015],
        ['employed', 10000.01, 200, 0.02],
        ['retired', 5000, 25, 0.005],
        ['retired', 5000.01, 50, 0.01],
      ];
      for (const [category, base, monthly, rate] of cases) {
        const m = await seedMember(getDb().ctx, org);
        const res = await addBase(town, m.id, { category, base, fromMonth: M(-2) });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ category, base, monthly, rate, fromMonth: M(-2), untilMonth: null });
      }
      const farmer = await seedMember(getDb().ctx, org);
      expect((await addBase(town, farmer.id, { category: 'farmer', fromMonth: M(-2) })).json()).toMatchObject({
        base: null,
        monthly: 0.5,
        rate: null,
        categoryLabel: '农民党员',
      });
    });

    it('refuses a missing base, a month before joining and a second base for the same month', async () => {
      const m = tree.members.community[0]!; // joined 2026-03
      const noBase = await addBase(town, m.id, { category: 'employed', fromMonth: M(0) });
      expect(noBase.statusCode).toBe(400);
      expect(noBase.json().error).toMatchObject({ code: 'DUES_BASE_INVALID', fields: { base: '必填' } });
      const early = await addBase(town, m.id, { category: 'student', fromMonth: '2026-02' });
      expect(early.statusCode).toBe(422);
      expect(early.json().error).toMatchObject({
        code: 'DUES_MONTH_OUT_OF_RANGE',
        fields: { fromMonth: '起始月份早于入党时间（2026-03）' },
      });
      expect((await addBase(town, m.id, { category: 'student', fromMonth: '2026-03' })).statusCode).toBe(201);
      const again = await addBase(town, m.id, { category: 'hardship', fromMonth: '2026-03' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'DUES_BASE_EXISTS',
        fields: { fromMonth: '2026-03起已有党费基数' },
      });
    });

    it('applies a base change from its month; earlier months keep their amount and recorded payments theirs', async () => {
      const org = await freshBranch(tree.orgs.town, '调整测试党支部');
      const m = await seedMember(getDb().ctx, org);
      expect((await addBase(town, m.id, { category: 'employed', base: 4000, fromMonth: M(-6) })).statusCode).toBe(201);
      expect((await pay(town, { memberId: m.id, months: [{ month: M(-6), amount: 40 }] })).statusCode).toBe(201);
      const raise = await addBase(town, m.id, { category: 'employed', base: 6000, fromMonth: M(-3), note: '调资' });
      expect(raise.json()).toMatchObject({ monthly: 90, untilMonth: null });
      const d = await memberDues(town, m.id);
      const due = (month: string) => d.schedule.find((s: { month: string }) => s.month === month).due;
      expect([due(M(-6)), due(M(-4)), due(M(-3)), due(M(0))]).toEqual([40, 40, 90, 90]);
      expect(d.bases.map((b: { fromMonth: string; untilMonth: string | null }) => [b.fromMonth, b.untilMonth])).toEqual(
        [
          [M(-3), null],
          [M(-6), M(-3)],
        ],
      );
      expect(d.current).toMatchObject({ base: 6000, monthly: 90 });
      expect(d.payments[0]).toMatchObject({ month: M(-6), amount: 40, due: 40 });
      // Figures of a month before and after the change, for this branch alone.
      const before = (await figures(town, `orgId=${org.id}&month=${M(-4)}`)).json();
      const after = (await figures(town, `orgId=${org.id}&month=${M(-2)}`)).json();
      expect(before.total).toMatchObject({ dueCount: 1, due: 40 });
      expect(after.total).toMatchObject({ dueCount: 1, due: 90 });

      // Correcting the later base (versioned, audited) moves the change; a stale version is refused.
      const fix = await app.inject({
        method: 'PUT',
        url: `/api/dues/bases/${raise.json().id}`,
        headers: town.write,
        payload: { category: 'employed', base: 6000, fromMonth: M(-4), version: 0 },
      });
      expect(fix.statusCode).toBe(200);
      expect((await memberDues(town, m.id)).schedule.find((s: { month: string }) => s.month === M(-4)).due).toBe(90);
      const stale = await app.inject({
        method: 'PUT',
        url: `/api/dues/bases/${raise.json().id}`,
        headers: town.write,
        payload: { category: 'employed', base: 7000, fromMonth: M(-4), version: 0 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      const audit = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select(['action'])
        .where('entity', '=', 'dues_base')
        .where('entityId', '=', raise.json().id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    });
  });

  describe('payments', () => {
    let org: SeededOrg;
    let a: { id: number };
    let b: { id: number };
    beforeAll(async () => {
      org = await freshBranch(tree.orgs.town, '交纳测试党支部');
      a = await seedMember(getDb().ctx, org);
      b = await seedMember(getDb().ctx, org);
      await addBase(town, a.id, { category: 'employed', base: 5000, fromMonth: M(-12) });
      await addBase(town, b.id, { category: 'employed', base: 3000, fromMonth: M(-12) });
    });

    it('records several months at once (补交 and 预交) under one receipt, on behalf of the member', async () => {
      const res = await pay(town, {
        memberId: a.id,
        months: [M(-2), M(-1), M(0), M(1)].map((month) => ({ month, amount: 50 })),
        payer: 'proxy',
        payerName: '王芳',
        receiptNo: 'R-001',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().items).toHaveLength(4);
      expect(res.json().items[0]).toMatchObject({
        amount: 50,
        due: 50,
        payer: 'proxy',
        payerName: '王芳',
        receiptNo: 'R-001',
      });
      const audits = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select('entityId')
        .where('entity', '=', 'dues_payment')
        .where('action', '=', 'create')
        .execute();
      expect(audits.length).toBeGreaterThanOrEqual(4);
    });

    it('refuses a month already paid with 409 naming the month field', async () => {
      const res = await pay(town, {
        memberId: a.id,
        months: [
          { month: M(-3), amount: 50 },
          { month: M(-1), amount: 50 },
        ],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('DUES_MONTH_PAID');
      expect(res.json().error.message).toContain(`${M(-1)}的党费已于${TODAY}交纳（收据号R-001）`);
      expect(res.json().error.fields).toEqual({ 'months.1.month': `该月已于${TODAY}交纳` });
      expect((await memberDues(town, a.id)).payments.map((p: { month: string }) => p.month)).not.toContain(M(-3));
    });

    it("refuses another member's receipt number in the same org; a different org may use it", async () => {
      const res = await pay(town, { memberId: b.id, months: [{ month: M(-1), amount: 15 }], receiptNo: 'R-001' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'DUES_RECEIPT_TAKEN' });
      expect(res.json().error.fields.receiptNo).toMatch(/^已用于党员/);
      const elsewhere = tree.members.community[0]!;
      await addBase(town, elsewhere.id, { category: 'student', fromMonth: M(-1) });
      expect(
        (await pay(town, { memberId: elsewhere.id, months: [{ month: M(-1), amount: 0.2 }], receiptNo: 'R-001' }))
          .statusCode,
      ).toBe(201);
    });

    it('takes more than due (自愿多交); less than due only with a reason in the note', async () => {
      const more = await pay(town, { memberId: b.id, months: [{ month: M(-5), amount: 100 }] });
      expect(more.statusCode).toBe(201);
      const less = await pay(town, { memberId: b.id, months: [{ month: M(-4), amount: 10 }] });
      expect(less.statusCode).toBe(422);
      expect(less.json().error).toMatchObject({
        code: 'DUES_AMOUNT_SHORT',
        fields: { 'months.0.amount': '低于应交金额15.00元；少交须在备注中说明原因' },
      });
      const noted = await pay(town, { memberId: b.id, months: [{ month: M(-4), amount: 10 }], note: '经支部同意减交' });
      expect(noted.statusCode).toBe(201);
    });

    it('refuses a month before joining, more than 12 months ahead, a future payment date and a proxy without name', async () => {
      const r1 = await pay(town, { memberId: b.id, months: [{ month: '2000-01', amount: 15 }] });
      expect(r1.statusCode).toBe(422);
      expect(r1.json().error.fields['months.0.month']).toMatch(/^早于入党时间/);
      const r2 = await pay(town, { memberId: b.id, months: [{ month: M(13), amount: 15 }] });
      expect(r2.json().error.fields['months.0.month']).toBe('最多预交12个月');
      const r3 = await pay(town, { memberId: b.id, months: [{ month: M(0), amount: 15 }], paidOn: '2999-01-01' });
      expect(r3.json().error.fields.paidOn).toBe('交纳日期不能晚于今天');
      const r4 = await pay(town, { memberId: b.id, months: [{ month: M(0), amount: 15 }], payer: 'proxy' });
      expect(r4.statusCode).toBe(400);
      expect(r4.json().error.fields.payerName).toBe('他人代交时请填写代交人');
    });

    it('edits and removes a payment with its version; a stale version gets 409', async () => {
      const created = (await pay(town, { memberId: b.id, months: [{ month: M(-8), amount: 15 }] })).json().items[0];
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/dues/payments/${created.id}`,
        headers: town.write,
        payload: { receiptNo: 'R-900', version: created.version },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ receiptNo: 'R-900', version: created.version + 1 });
      const stale = await app.inject({
        method: 'DELETE',
        url: `/api/dues/payments/${created.id}?version=${created.version}`,
        headers: town.write,
      });
      expect(stale.statusCode).toBe(409);
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/dues/payments/${created.id}?version=${created.version + 1}`,
        headers: town.write,
      });
      expect(del.statusCode).toBe(204);
    });
  });

  describe('figures', () => {
    it('counts 应缴/实缴 amount and headcount per child and for the org itself, against a hand count', async () => {
      const t = await seedOrg(getDb().ctx, { parent: tree.orgs.county, name: '统计镇党委', kind: 'committee' });
      const b1 = await freshBranch(t, '甲村党支部');
      const b2 = await freshBranch(t, '乙村党支部');
      const g1 = await seedOrg(getDb().ctx, { parent: b1, name: '甲村第一党小组', kind: 'group' });
      const empty = await freshBranch(t, '丙村党支部');
      const own = await seedMember(getDb().ctx, t);
      const x1 = await seedMember(getDb().ctx, b1);
      const x2 = await seedMember(getDb().ctx, g1);
      const y1 = await seedMember(getDb().ctx, b2);
      await seedMember(getDb().ctx, b2); // no base: owes nothing on the platform
      const m = M(-1);
      await addBase(county, own.id, { category: 'retired', base: 6000, fromMonth: M(-3) }); // 60
      await addBase(county, x1.id, { category: 'employed', base: 8000, fromMonth: M(-3) }); // 120
      await addBase(county, x2.id, { category: 'farmer', fromMonth: M(-3) }); // 0.5
      await addBase(county, y1.id, { category: 'employed', base: 2000, fromMonth: M(-3) }); // 10
      await addBase(county, y1.id, { category: 'employed', base: 4000, fromMonth: M(0) }); // 40 from this month
      await pay(county, { memberId: x1.id, months: [{ month: m, amount: 120 }] });
      await pay(county, { memberId: x2.id, months: [{ month: m, amount: 1 }] });
      await pay(county, { memberId: y1.id, months: [{ month: M(-2), amount: 10 }] });

      const res = await figures(county, `orgId=${t.id}&month=${m}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.months).toEqual({ from: m, to: m });
      expect(body.total).toEqual({ dueCount: 4, dueMonths: 4, due: 190.5, paidCount: 2, paidMonths: 2, paid: 121 });
      const row = (id: number) => body.rows.find((r: { orgId: number; own: boolean }) => r.orgId === id);
      expect(body.rows[0]).toMatchObject({
        orgId: t.id,
        own: true,
        orgName: '统计镇党委（本级）',
        dueCount: 1,
        due: 60,
        paidCount: 0,
        paid: 0,
      });
      expect(row(b1.id)).toMatchObject({ dueCount: 2, due: 120.5, paidCount: 2, paid: 121 });
      expect(row(b2.id)).toMatchObject({ dueCount: 1, due: 10, paidCount: 0, paid: 0 });
      expect(row(empty.id)).toMatchObject({ dueCount: 0, due: 0, paidCount: 0, paid: 0 });

      // A year: every month from January up to this one (bases began at M(-3), so at most 4 months each).
      const year = Number(NOW.slice(0, 4));
      const y = (await figures(county, `orgId=${t.id}&year=${year}`)).json();
      const monthsThisYear = (k: number) =>
        [M(-3), M(-2), M(-1), M(0)].slice(k).filter((x) => x.startsWith(String(year))).length;
      const expectDue =
        60 * monthsThisYear(0) +
        120 * monthsThisYear(0) +
        0.5 * monthsThisYear(0) +
        10 * [M(-3), M(-2), M(-1)].filter((x) => x.startsWith(String(year))).length +
        (NOW.startsWith(String(year)) ? 40 : 0);
      expect(y.total.due).toBeCloseTo(expectDue, 2);
      expect(y.months.from).toBe(`${year}-01`);

      // A branch secretary of another branch may not see this township's figures.
      expect((await figures(branch, `orgId=${t.id}&month=${m}`)).statusCode).toBe(404);
      expect((await figures(county, `orgId=${t.id}`)).json().error.fields.month).toBe('请选择月份或年份（二选一）');
    });

    it("excludes another township's members from a township's figures and answers 404 for the other one", async () => {
      const other = tree.members.otherVillage[0]!;
      await addBase(county, other.id, { category: 'employed', base: 9000, fromMonth: M(-1) });
      expect((await figures(town, `orgId=${tree.orgs.otherTown.id}&month=${M(-1)}`)).statusCode).toBe(404);
      expect((await figures(town, `orgId=${tree.orgs.county.id}&month=${M(-1)}`)).statusCode).toBe(404);
      const countyFig = (await figures(county, `orgId=${tree.orgs.county.id}&month=${M(-1)}`)).json();
      const otherRow = countyFig.rows.find((r: { orgId: number }) => r.orgId === tree.orgs.otherTown.id);
      expect(otherRow).toMatchObject({ dueCount: 1, due: 135 });
      const townFig = (await figures(town, `orgId=${tree.orgs.town.id}&month=${M(-1)}`)).json();
      expect(townFig.total.due).toBeLessThan(countyFig.total.due);
      expect(countyFig.total.due - townFig.total.due).toBeGreaterThanOrEqual(135);
      // A user without dues:read (grid worker) is refused.
      expect((await figures(grid, `orgId=${tree.orgs.group.id}&month=${M(-1)}`)).statusCode).toBe(403);
    });
  });

  describe('arrears', () => {
    let org: SeededOrg;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      org = await seedOrg(getDb().ctx, { parent: tree.orgs.county, name: '欠缴镇党委', kind: 'committee' });
      const br = await freshBranch(org, '欠缴村党支部');
      for (const [name, from] of [
        ['六个月', -6],
        ['五个月', -5],
        ['已交清', -6],
        ['旧欠六', -9],
      ] as const) {
        const m = await seedMember(getDb().ctx, br, { name });
        ids[name] = m.id;
        await addBase(county, m.id, { category: 'employed', base: 3000, fromMonth: M(from) });
      }
      // 已交清 paid every month up to last month; 旧欠六 paid only the last three months (an older run of six).
      await pay(county, {
        memberId: ids.已交清!,
        months: [-6, -5, -4, -3, -2, -1].map((k) => ({ month: M(k), amount: 15 })),
      });
      await pay(county, { memberId: ids.旧欠六!, months: [-3, -2, -1].map((k) => ({ month: M(k), amount: 15 })) });
    });

    it('lists unpaid months per member up to the last ended month; 6 in a row flagged, 5 not', async () => {
      const res = await arrears(county, `orgId=${org.id}&sort=name`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.upTo).toBe(M(-1));
      expect(body.total).toBe(3);
      const by = (name: string) => body.items.find((i: { name: string }) => i.name === name);
      expect(by('已交清')).toBeUndefined();
      expect(by('六个月')).toMatchObject({
        total: 6,
        longestConsecutive: 6,
        currentConsecutive: 6,
        flagged: true,
        firstUnpaid: M(-6),
        unpaidMonths: [-6, -5, -4, -3, -2, -1].map(M),
        owedAmount: 90,
        monthly: 15,
      });
      expect(by('五个月')).toMatchObject({ total: 5, longestConsecutive: 5, flagged: false, firstUnpaid: M(-5) });
      expect(by('旧欠六')).toMatchObject({ total: 6, longestConsecutive: 6, currentConsecutive: 0, flagged: true });
    });

    it('filters flagged members, by minimum months and name; sorts and pages in SQL', async () => {
      const flagged = (await arrears(county, `orgId=${org.id}&flagged=true&sort=name`)).json();
      expect(flagged.items.map((i: { name: string }) => i.name).sort()).toEqual(['六个月', '旧欠六'].sort());
      const notFlagged = (await arrears(county, `orgId=${org.id}&flagged=false`)).json();
      expect(notFlagged.items.map((i: { name: string }) => i.name)).toEqual(['五个月']);
      expect((await arrears(county, `orgId=${org.id}&minMonths=6`)).json().total).toBe(2);
      expect((await arrears(county, `orgId=${org.id}&q=五`)).json().items[0].name).toBe('五个月');
      const paged = (await arrears(county, `orgId=${org.id}&sort=unpaid&page=1&pageSize=1`)).json();
      expect(paged).toMatchObject({ total: 3, page: 1, pageSize: 1 });
      expect(paged.items[0].name).toBe('五个月');
      expect((await arrears(county, `orgId=${org.id}&page=5&pageSize=1`)).json()).toMatchObject({
        total: 3,
        items: [],
      });
      // Up to an earlier month, 六个月 has only 5 months unpaid: not flagged yet (the boundary, a month before).
      const earlier = (await arrears(county, `orgId=${org.id}&upTo=${M(-2)}&q=六个月`)).json();
      expect(earlier.items[0]).toMatchObject({ total: 5, flagged: false });
    });

    it('puts flagged members in the one warning list, due at the end of the first unpaid month, linked', async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/orgs/${org.id}/warnings?kind=dues_arrears`,
        headers: county.read,
      });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<{ subject: string; dueDate: string; link: string; kind: string }>;
      expect(items.map((i) => i.subject).sort()).toEqual(['六个月', '旧欠六'].sort());
      const six = items.find((i) => i.subject === '六个月')!;
      const [y, mo] = M(-6).split('-').map(Number) as [number, number];
      expect(six.dueDate).toBe(new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10));
      expect(six.link).toMatch(new RegExp(`^/dues/members/${ids.六个月}\\?org=\\d+$`));
      expect(res.json().counts.dues_arrears).toBe(2);
      // Without dues:read the kind is not shown at all.
      const gridList = await app.inject({
        method: 'GET',
        url: `/api/orgs/${tree.orgs.group.id}/warnings?kind=dues_arrears`,
        headers: grid.read,
      });
      expect(gridList.json().total).toBe(0);
    });

    it("keeps another township's arrears out of a township's list, and 404 for its members", async () => {
      expect((await arrears(town, `orgId=${org.id}`)).statusCode).toBe(404);
      const own = (await arrears(town, `orgId=${tree.orgs.town.id}&pageSize=200`)).json();
      expect(own.items.some((i: { name: string }) => ['六个月', '五个月', '旧欠六'].includes(i.name))).toBe(false);
      expect(
        (await app.inject({ method: 'GET', url: `/api/dues/members/${ids.六个月}`, headers: town.read })).statusCode,
      ).toBe(404);
      const res = await pay(town, { memberId: ids.六个月!, months: [{ month: M(-1), amount: 15 }] });
      expect(res.statusCode).toBe(404);
      // A read-only leader sees them and may not record.
      expect((await memberDues(viewer, ids.六个月!)).arrears.flagged).toBe(true);
      expect((await pay(viewer, { memberId: ids.六个月!, months: [{ month: M(-1), amount: 15 }] })).statusCode).toBe(
        403,
      );
    });
  });

  describe('import', () => {
    const HEADER = [
      '身份证号码',
      '姓名',
      '组织代码',
      '交纳月份',
      '金额（元）',
      '交纳日期',
      '交纳方式',
      '代交人',
      '收据号',
      '备注',
    ];
    let org: SeededOrg & { code: string };
    let p: { id: number; name: string; idNumber: string };
    let q: { id: number; name: string; idNumber: string };
    beforeAll(async () => {
      const o = await freshBranch(tree.orgs.town, '导入测试党支部');
      const row = await getDb()
        .ctx.db.selectFrom('orgs')
        .select('code')
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      org = { ...o, code: row.code };
      const find = async (id: number) =>
        getDb()
          .ctx.db.selectFrom('members')
          .select(['id', 'name', 'idNumber'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      p = await find((await seedMember(getDb().ctx, org, { name: '导入甲' })).id);
      q = await find((await seedMember(getDb().ctx, org, { name: '导入乙' })).id);
      await addBase(town, p.id, { category: 'employed', base: 5000, fromMonth: M(-6) });
      await addBase(town, q.id, { category: 'retired', base: 4000, fromMonth: M(-6) });
    });

    const good = (): Array<Record<string, SheetCell>> => [
      { 身份证号码: p.idNumber, 姓名: p.name, 交纳月份: M(-3), '金额（元）': 50, 交纳日期: TODAY, 收据号: 'IMP-1' },
      { 身份证号码: p.idNumber, 姓名: p.name, 交纳月份: M(-2), '金额（元）': 50, 交纳日期: TODAY, 收据号: 'IMP-1' },
      {
        姓名: q.name,
        组织代码: org.code,
        交纳月份: M(-3),
        '金额（元）': 20,
        交纳日期: TODAY,
        交纳方式: '他人代交',
        代交人: '子女',
      },
    ];

    it('gives a template whose header is the import columns', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/dues/import-template', headers: town.read });
      expect(res.statusCode).toBe(200);
      const sheets = await readXlsx(res.rawPayload);
      expect(sheets.get('党费交纳')?.[0]).toEqual(HEADER);
      expect(
        (await app.inject({ method: 'GET', url: '/api/dues/import-template', headers: viewer.read })).statusCode,
      ).toBe(403);
    });

    it('checks every row first: errors with row, column and reason, nothing written, annotated workbook', async () => {
      const rows: Array<Record<string, SheetCell>> = [
        ...good(),
        { 身份证号码: p.idNumber, 姓名: p.name, 交纳月份: M(-3), '金额（元）': 50, 交纳日期: TODAY }, // dup of row 2
        { 姓名: '无此人', 组织代码: org.code, 交纳月份: M(-3), '金额（元）': 1, 交纳日期: TODAY },
        { 身份证号码: q.idNumber, 姓名: q.name, 交纳月份: '2026/13', '金额（元）': 20, 交纳日期: TODAY },
        { 身份证号码: q.idNumber, 姓名: q.name, 交纳月份: M(-4), '金额（元）': 5, 交纳日期: TODAY },
        { 身份证号码: q.idNumber, 姓名: q.name, 交纳月份: M(-5), '金额（元）': 20, 交纳日期: TODAY, 收据号: 'IMP-1' },
      ];
      const job = await importFile(app, town, '/api/dues/import', await xlsxOf(HEADER, rows), '党费.xlsx');
      expect(job.state).toBe('failed');
      expect(job.result?.errors).toEqual([
        { row: 5, column: '交纳月份', reason: '与第2行重复（同一党员同一月份）' },
        { row: 6, column: '姓名', reason: `组织代码${org.code}中没有党员无此人，或不在您的管辖范围内` },
        { row: 7, column: '交纳月份', reason: '交纳月份应为“年-月”（YYYY-MM），如 2026-01' },
        { row: 8, column: '金额（元）', reason: '低于应交金额20.00元；少交须在备注中说明原因' },
        { row: 9, column: '收据号', reason: '与第2行的收据号相同，但不是同一名党员' },
      ]);
      expect((await memberDues(town, p.id)).payments).toHaveLength(0);
      const annotated = await app.inject({ method: 'GET', url: `/api/jobs/${job.id}/errors.xlsx`, headers: town.read });
      expect(annotated.statusCode).toBe(200);
      const sheet = (await readXlsx(annotated.rawPayload)).get('导入错误')!;
      expect(sheet[4]?.at(-1)).toBe('交纳月份：与第2行重复（同一党员同一月份）');
    });

    it('imports the good rows in one go; the same file again changes nothing; a changed amount is an error', async () => {
      const first = await importFile(app, town, '/api/dues/import', await xlsxOf(HEADER, good()), '党费.xlsx');
      expect(first.state).toBe('succeeded');
      expect(first.result).toMatchObject({ created: 3, unchanged: 0 });
      const again = await importFile(app, town, '/api/dues/import', await xlsxOf(HEADER, good()), '党费.xlsx');
      expect(again.result).toMatchObject({ created: 0, unchanged: 3 });
      expect((await memberDues(town, p.id)).payments).toHaveLength(2);
      expect((await memberDues(town, q.id)).payments[0]).toMatchObject({
        payer: 'proxy',
        payerName: '子女',
        amount: 20,
      });
      const changed = good();
      changed[0]!['金额（元）'] = 60;
      const bad = await importFile(app, town, '/api/dues/import', await xlsxOf(HEADER, changed), '党费.xlsx');
      expect(bad.state).toBe('failed');
      expect(bad.result?.errors?.[0]).toEqual({
        row: 2,
        column: '交纳月份',
        reason: `该月已于${TODAY}交纳50.00元，与本行不一致`,
      });
    });

    it('refuses members outside the scope as not found', async () => {
      const other = await getDb()
        .ctx.db.selectFrom('members')
        .select(['name', 'idNumber'])
        .where('id', '=', tree.members.otherVillage[1]!.id)
        .executeTakeFirstOrThrow();
      const job = await importFile(
        app,
        town,
        '/api/dues/import',
        await xlsxOf(HEADER, [
          { 身份证号码: other.idNumber, 姓名: other.name, 交纳月份: M(-1), '金额（元）': 1, 交纳日期: TODAY },
        ]),
        '党费.xlsx',
      );
      expect(job.result?.errors?.[0]).toMatchObject({
        column: '身份证号码',
        reason: '没有此身份证号码的党员，或不在您的管辖范围内',
      });
    });
  });
});
