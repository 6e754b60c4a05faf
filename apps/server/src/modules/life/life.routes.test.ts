import { addDays, todayIso } from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { nowIso } from '../../platform/clock.js';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedMember, seedSmallTree, seedUser } from '../../test/factories.js';
import { multipart } from '../../test/ledger-files.js';

describeEachDb('组织生活: meeting records', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let branch: Session;
  let town: Session;
  let otherTown: Session;
  let viewer: Session;
  const today = todayIso();

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    const other = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    [branch, town, otherTown, viewer] = await Promise.all([
      loginAs(app, tree.users.branch.username),
      loginAs(app, tree.users.town.username),
      loginAs(app, other.username),
      loginAs(app, tree.users.viewer.username),
    ]);
  });

  const village = () => tree.members.village.map((m) => m.id);
  const group = () => tree.members.group.map((m) => m.id);
  const body = (over: Record<string, unknown> = {}) => ({
    orgId: tree.orgs.village.id,
    kind: 'general_meeting',
    date: addDays(today, -3),
    topic: '学习贯彻党的二十届四中全会精神',
    host: '张伟',
    place: '村委会议室',
    minutes: '会议传达了全会精神，大家结合实际发言。',
    attendees: [...village(), group()[0]],
    absences: [{ memberId: group()[1], reason: '外出务工' }],
    ...over,
  });
  const create = (s: Session, over: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: '/api/life/meetings', headers: s.write, payload: body(over) });

  describe('recording', () => {
    it('records a meeting with attendees (incl. the 党小组’s members), absences with reasons; audited', async () => {
      const res = await create(branch);
      expect(res.statusCode).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({
        orgId: tree.orgs.village.id,
        orgName: '城关镇红旗村党支部',
        kind: 'general_meeting',
        kindLabel: '支部党员大会',
        topic: '学习贯彻党的二十届四中全会精神',
        host: '张伟',
        attendeeCount: 3,
        absentCount: 1,
        late: false,
        version: 0,
        results: [],
        attachments: [],
      });
      expect(m.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['张伟', '李娜', '王芳'].sort());
      expect(m.absences).toEqual([{ memberId: group()[1], name: '刘洋', reason: '外出务工' }]);
      const audit = await getDb()
        .ctx.db.selectFrom('auditLog')
        .selectAll()
        .where('entity', '=', 'meeting')
        .where('entityId', '=', m.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create']);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({ attendees: expect.any(Array), absences: expect.any(Array) });
    });

    it('第一议题 is a kind of its own', async () => {
      const res = await create(branch, { kind: 'first_topic_study', topic: '学习习近平总书记重要讲话精神' });
      expect(res.json()).toMatchObject({ kind: 'first_topic_study', kindLabel: '第一议题' });
    });

    it('组织生活会 and 民主评议党员 record a grade per member', async () => {
      const res = await create(branch, {
        kind: 'member_review',
        topic: '2025年度民主评议党员',
        results: [
          { memberId: village()[0], result: 'excellent' },
          { memberId: village()[1], result: 'qualified' },
          { memberId: group()[1], result: 'basically_qualified' },
        ],
      });
      expect(res.statusCode).toBe(201);
      expect(
        res
          .json()
          .results.map((r: { name: string; resultLabel: string }) => `${r.name}:${r.resultLabel}`)
          .sort(),
      ).toEqual(['刘洋:基本合格', '张伟:优秀', '王芳:合格'].sort());
    });

    it('a record 30 days after the meeting is on time; 31 days after is marked 补录, never refused', async () => {
      const onTime = await create(branch, { date: addDays(today, -30) });
      expect(onTime.statusCode).toBe(201);
      expect(onTime.json().late).toBe(false);
      const late = await create(branch, { date: addDays(today, -31) });
      expect(late.statusCode).toBe(201);
      expect(late.json().late).toBe(true);
      const longAgo = await create(branch, { date: '2024-03-15' });
      expect(longAgo.statusCode).toBe(201);
      expect(longAgo.json().late).toBe(true);
    });

    it('attaches optional evidence uploaded before saving, and drops it on edit', async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(64)]);
      const m = multipart(png, '会议照片.png', 'file', 'image/png');
      const up = await app.inject({
        method: 'POST',
        url: `/api/attachments?entity=meeting&orgId=${tree.orgs.village.id}`,
        headers: { ...branch.write, ...m.headers },
        payload: m.payload,
      });
      const fileId = up.json().id as number;
      const res = await create(branch, { attachmentIds: [fileId] });
      expect(res.json().attachments).toEqual([expect.objectContaining({ id: fileId, fileName: '会议照片.png' })]);
      const edited = await app.inject({
        method: 'PATCH',
        url: `/api/life/meetings/${res.json().id}`,
        headers: branch.write,
        payload: { version: 0, attachmentIds: [] },
      });
      expect(edited.json().attachments).toEqual([]);
      expect(
        (await app.inject({ method: 'GET', url: `/api/attachments/${fileId}`, headers: branch.read })).statusCode,
      ).toBe(404);
    });
  });

  describe('refusals name the field', () => {
    const refused = async (over: Record<string, unknown>, s = branch) => {
      const res = await create(s, over);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      return res.json().error.fields as Record<string, string>;
    };

    it('a date in the future (tomorrow); today is fine', async () => {
      expect((await refused({ date: addDays(today, 1) })).date).toBe('会议日期不能晚于今天（会后如实登记，可以补录）');
      expect((await create(branch, { date: today })).statusCode).toBe(201);
    });

    it('an attendee or absentee who is not a member of the org (another village’s member)', async () => {
      const other = tree.members.otherVillage[0]!.id;
      const f = await refused({ attendees: [village()[0], other], absences: [{ memberId: other, reason: '病假' }] });
      expect(f['attendees.1']).toMatch(/^该党员在\d{4}-\d{2}-\d{2}不是本组织党员$/);
      expect(f['absences.0.memberId']).toMatch(/不是本组织党员/);
    });

    it('an absence without a reason, a member both present and absent, no attendee at all', async () => {
      expect((await refused({ absences: [{ memberId: group()[1], reason: ' ' }] }))['absences.0.reason']).toBe(
        '请填写缺席原因',
      );
      expect(
        (await refused({ absences: [{ memberId: village()[0], reason: '病假' }] }))['absences.0.memberId'],
      ).toContain('张伟已登记为参会');
      expect((await refused({ attendees: [], absences: [] })).attendees).toBe('请选择参会人员');
    });

    it('grades on a kind without them; a 党小组会 of a branch; a missing topic', async () => {
      expect((await refused({ results: [{ memberId: village()[0], result: 'excellent' }] })).results).toBe(
        '只有组织生活会和民主评议党员可以登记评议结果',
      );
      expect((await refused({ kind: 'group_meeting' })).kind).toBe('党小组会只能由党小组召开');
      expect((await refused({ topic: '' })).topic).toBe('请填写会议主题');
      expect(
        (await refused({ kind: 'member_review', results: [{ memberId: village()[0], result: 'good' }] }))[
          'results.0.result'
        ],
      ).toBe('评议结果应为优秀、合格、基本合格或不合格');
    });

    it('a date before the org was founded', async () => {
      const { db } = getDb().ctx;
      await db.updateTable('orgs').set({ foundedOn: '2025-05-10' }).where('id', '=', tree.orgs.community.id).execute();
      const member = tree.members.community[0]!.id;
      const f = await refused(
        { orgId: tree.orgs.community.id, date: '2025-05-09', attendees: [member], absences: [] },
        town,
      );
      expect(f.date).toBe('会议日期早于党组织成立日期（2025-05-10）');
    });

    it('without life:write (a reader) 403; an org out of scope 404', async () => {
      expect((await create(viewer)).statusCode).toBe(403);
      expect((await create(otherTown)).statusCode).toBe(404);
    });
  });

  describe('members on the meeting day', () => {
    it('a member who joined after the day is not listed; one transferred out later still is, for the days before', async () => {
      const { db } = getDb().ctx;
      const newcomer = await seedMember(getDb().ctx, tree.orgs.village, {
        name: '新党员',
        joinedOn: addDays(today, -10),
      });
      const mover = await seedMember(getDb().ctx, tree.orgs.village, { name: '调出者' });
      const movedOn = addDays(today, -20);
      await db
        .insertInto('memberTransfers')
        .values({
          memberId: mover.id,
          fromOrgId: tree.orgs.village.id,
          toOrgId: tree.orgs.otherVillage.id,
          fromPath: tree.orgs.village.path,
          toPath: tree.orgs.otherVillage.path,
          state: 'completed',
          reason: null,
          letterNo: null,
          requestedBy: tree.users.admin.id,
          requestedAt: nowIso(),
          decidedBy: tree.users.admin.id,
          decidedAt: `${movedOn}T04:00:00.000Z`,
          decisionReason: null,
        })
        .execute();
      await db
        .updateTable('members')
        .set({ orgId: tree.orgs.otherVillage.id, orgPath: tree.orgs.otherVillage.path })
        .where('id', '=', mover.id)
        .execute();
      const names = async (date: string) =>
        (
          await app.inject({
            method: 'GET',
            url: `/api/orgs/${tree.orgs.village.id}/life/members?date=${date}`,
            headers: branch.read,
          })
        )
          .json()
          .items.map((m: { name: string }) => m.name);
      expect(await names(addDays(today, -21))).toContain('调出者');
      expect(await names(addDays(today, -21))).not.toContain('新党员');
      expect(await names(movedOn)).not.toContain('调出者');
      expect(await names(addDays(today, -10))).toContain('新党员');
      expect(await names(today)).toEqual(expect.arrayContaining(['张伟', '王芳', '李娜', '刘洋', '新党员']));

      expect(
        (await create(branch, { date: addDays(today, -21), attendees: [mover.id], absences: [] })).statusCode,
      ).toBe(201);
      const refused = await create(branch, { date: movedOn, attendees: [mover.id, newcomer.id], absences: [] });
      // The mover left on that day; the newcomer joined later.
      expect(Object.keys(refused.json().error.fields)).toEqual(['attendees.0', 'attendees.1']);
    });
  });

  describe('editing, deleting, listing', () => {
    let id: number;
    beforeAll(async () => {
      id = (
        await create(branch, { kind: 'party_lecture', topic: '党课：传承红色基因', date: addDays(today, -5) })
      ).json().id;
    });

    it('edits with the version; a stale version answers 409 with the current record', async () => {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/life/meetings/${id}`,
        headers: town.write,
        payload: { version: 0, topic: '党课：传承红色基因，争做时代先锋', absences: [] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 1, absentCount: 0, topic: '党课：传承红色基因，争做时代先锋' });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/life/meetings/${id}`,
        headers: branch.write,
        payload: { version: 0, topic: '旧' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'STALE_VERSION',
        message: '会议记录已被他人修改，请查看最新内容后再保存',
        current: { version: 1 },
      });
    });

    it('moving the date back more than 30 days marks it 补录', async () => {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/life/meetings/${id}`,
        headers: branch.write,
        payload: { version: 1, date: addDays(today, -40) },
      });
      expect(res.json()).toMatchObject({ late: true, version: 2 });
    });

    it('lists in SQL: by kind, date range, late only, sorted, paged; scoped to the reader', async () => {
      const list = async (qs: string, s = town) =>
        (await app.inject({ method: 'GET', url: `/api/life/meetings?${qs}`, headers: s.read })).json();
      const all = await list(`orgId=${tree.orgs.village.id}&pageSize=200`);
      expect(all.total).toBeGreaterThan(5);
      const dates = all.items.map((m: { date: string }) => m.date);
      expect(dates).toEqual([...dates].sort().reverse());
      const asc = await list(`orgId=${tree.orgs.village.id}&sort=date&pageSize=200`);
      expect(asc.items[0].date).toBe('2024-03-15');
      expect((await list('kind=party_lecture')).items.map((m: { id: number }) => m.id)).toEqual([id]);
      const late = await list('late=true&pageSize=200');
      expect(late.items.length).toBeGreaterThanOrEqual(3);
      expect(late.items.every((m: { late: boolean }) => m.late)).toBe(true);
      const range = await list(`from=${addDays(today, -31)}&to=${addDays(today, -30)}`);
      expect(range.items.map((m: { date: string }) => m.date).sort()).toEqual([
        addDays(today, -31),
        addDays(today, -30),
      ]);
      const page2 = await list('pageSize=2&page=2');
      expect(page2).toMatchObject({ page: 2, pageSize: 2, total: all.total });
      expect(page2.items).toHaveLength(2);
      expect((await list('', otherTown)).total).toBe(0);
      expect(
        (await app.inject({ method: 'GET', url: `/api/life/meetings/${id}`, headers: otherTown.read })).statusCode,
      ).toBe(404);
    });

    it('deletes with the version (409 when stale); audited with the whole record', async () => {
      const stale = await app.inject({
        method: 'DELETE',
        url: `/api/life/meetings/${id}?version=0`,
        headers: branch.write,
      });
      expect(stale.statusCode).toBe(409);
      const res = await app.inject({
        method: 'DELETE',
        url: `/api/life/meetings/${id}?version=2`,
        headers: branch.write,
      });
      expect(res.statusCode).toBe(204);
      expect(
        (await app.inject({ method: 'GET', url: `/api/life/meetings/${id}`, headers: branch.read })).statusCode,
      ).toBe(404);
      const audit = await getDb()
        .ctx.db.selectFrom('auditLog')
        .select(['action', 'before'])
        .where('entity', '=', 'meeting')
        .where('entityId', '=', id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'delete']);
      expect(JSON.parse(audit[3]!.before!)).toMatchObject({ kind: 'party_lecture', late: 1 });
    });
  });
});
