import { addDays, todayIso } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { stateFromEvents } from '../../platform/workflow.js';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedUser, smallTreeSuite } from '../../test/factories.js';
import { multipart } from '../../test/ledger-files.js';
import { RECTIFICATION } from './inspections.workflow.js';

describeEachDb('inspections routes (督导检查与整改)', (getDb) => {
  const {
    tree,
    sessions: { county, town, branch, viewer },
    app,
    get,
    send,
  } = smallTreeSuite(getDb, ['county', 'town', 'branch', 'viewer']);
  /** inspections:verify anchored at the village itself: the rectifying org's own level. */
  let villageAdmin: Session;
  let otherTownAdmin: Session;
  let roundId: number;
  const today = todayIso();

  beforeAll(async () => {
    const own = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.village });
    villageAdmin = await loginAs(app(), own.username);
    const other = await seedUser(getDb().ctx, { role: 'township_admin', org: tree.orgs.otherTown });
    otherTownAdmin = await loginAs(app(), other.username);
    const round = await send(county, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.county.id,
      title: '2026年第一轮基层党建督导检查',
      team: '县委组织部督导组',
      kind: 'unannounced',
      checklist: ['三会一课记录', '党费收缴台账'],
      startsOn: addDays(today, -10),
      endsOn: today,
    });
    expect(round.statusCode).toBe(201);
    roundId = round.json().id;
  });

  const problem = (orgId: number, o: object = {}) => ({
    roundId,
    orgId,
    category: 'organization_life',
    description: '三会一课记录不全，2026年第二季度未召开党员大会',
    severity: 'major',
    responsiblePerson: '张伟',
    deadline: addDays(today, 20),
    ...o,
  });
  const create = async (s: Session, orgId: number, o: object = {}) => {
    const res = await send(s, 'POST', '/api/problems', problem(orgId, o));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; version: number; state: string };
  };
  const act = (s: Session, id: number, action: string, body: object) =>
    send(s, 'POST', `/api/problems/${id}/actions/${action}`, body);

  it('records rounds and problems from the level above, inside the round and the scope only', async () => {
    expect((await get(branch, '/api/inspections/rounds')).json().items.map((r: { id: number }) => r.id)).toEqual([
      roundId,
    ]);
    const denied = await send(branch, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.village.id,
      title: '自查',
      team: '支部',
      kind: 'open',
      startsOn: today,
      endsOn: today,
    });
    expect(denied.statusCode).toBe(403);

    const p = await create(town, tree.orgs.village.id);
    expect(p).toMatchObject({ state: 'pending', stateLabel: '待整改', overdue: false, actions: ['start'] });
    expect((await get(branch, `/api/problems/${p.id}`)).json().actions).toEqual(['start']);
    expect((await get(viewer, `/api/problems/${p.id}`)).json().actions).toEqual([]);

    const outOfScope = await send(town, 'POST', '/api/problems', problem(tree.orgs.otherVillage.id));
    expect(outOfScope.statusCode).toBe(404);
    const own = await send(town, 'POST', '/api/problems', problem(tree.orgs.town.id));
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('UPPER_LEVEL_REQUIRED');

    const townRound = await send(town, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.town.id,
      title: '城关镇明察暗访',
      team: '镇党委',
      kind: 'open',
      startsOn: today,
      endsOn: today,
    });
    const outside = await send(county, 'POST', '/api/problems', {
      ...problem(tree.orgs.otherVillage.id),
      roundId: townRound.json().id,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({
      code: 'PROBLEM_OUTSIDE_ROUND',
      fields: { orgId: expect.any(String) },
    });
  });

  it('runs 待整改 → 整改中 → 已提交 → 退回 → 已提交 → 已验收销号, refusing each wrong step and changing nothing', async () => {
    const p = await create(town, tree.orgs.village.id);
    const current = async () => (await get(county, `/api/problems/${p.id}`)).json();

    const noPermission = await act(viewer, p.id, 'start', { version: 0 });
    expect(noPermission.statusCode).toBe(403);
    expect(noPermission.json().error.code).toBe('FORBIDDEN');
    const branchAccept = await act(branch, p.id, 'accept', { version: 0 });
    expect(branchAccept.statusCode).toBe(403);
    const wrongState = await act(branch, p.id, 'submit', { version: 0, evidence: '已补齐记录' });
    expect(wrongState.statusCode).toBe(422);
    expect(wrongState.json().error).toMatchObject({
      code: 'WORKFLOW_WRONG_STATE',
      message: '该问题当前为“待整改”，不能提交整改材料',
    });
    const stale = await act(branch, p.id, 'start', { version: 5 });
    expect(stale.statusCode).toBe(409);
    expect(await current()).toMatchObject({ state: 'pending', version: 0 });

    const started = await act(branch, p.id, 'start', { version: 0 });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({
      state: 'rectifying',
      stateLabel: '整改中',
      version: 1,
      actions: ['submit'],
    });

    const noEvidence = await act(branch, p.id, 'submit', { version: 1 });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().error).toMatchObject({
      code: 'WORKFLOW_INPUT_REQUIRED',
      fields: { evidence: '提交整改材料须提供整改材料（文字说明或附件）' },
    });
    const submitted = await act(branch, p.id, 'submit', { version: 1, evidence: '已补开党员大会并补齐会议记录' });
    expect(submitted.json()).toMatchObject({ state: 'submitted', version: 2, actions: [] });

    const self = await act(villageAdmin, p.id, 'accept', { version: 2 });
    expect(self.statusCode).toBe(422);
    expect(self.json().error).toMatchObject({
      code: 'WORKFLOW_SELF_ACCEPTANCE',
      message: '验收销号须由上级进行，整改单位不能验收销号本单位的问题',
    });
    expect((await get(villageAdmin, `/api/problems/${p.id}`)).json().actions).toEqual([]);
    expect((await get(town, `/api/problems/${p.id}`)).json().actions).toEqual(['accept', 'return']);
    const noReason = await act(town, p.id, 'return', { version: 2 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields).toEqual({ reason: '退回重新整改须说明原因' });
    expect(await current()).toMatchObject({ state: 'submitted', version: 2 });

    const returned = await act(town, p.id, 'return', { version: 2, reason: '会议记录缺少参会人员签名' });
    expect(returned.json()).toMatchObject({ state: 'rectifying', version: 3 });
    await act(branch, p.id, 'submit', { version: 3, evidence: '已补签名' });
    const accepted = await act(town, p.id, 'accept', { version: 4, reason: '整改到位' });
    expect(accepted.statusCode).toBe(200);
    const done = accepted.json();
    expect(done).toMatchObject({ state: 'accepted', stateLabel: '已验收销号', version: 5, actions: [] });
    expect(done.closedAt).not.toBeNull();
    expect((await act(county, p.id, 'accept', { version: 5 })).json().error.code).toBe('WORKFLOW_WRONG_STATE');

    expect(
      done.events.map((e: { action: string; toState: string; userName: string; reason: string | null }) => [
        e.action,
        e.toState,
        e.reason,
      ]),
    ).toEqual([
      ['create', 'pending', null],
      ['start', 'rectifying', null],
      ['submit', 'submitted', null],
      ['return', 'rectifying', '会议记录缺少参会人员签名'],
      ['submit', 'submitted', null],
      ['accept', 'accepted', '整改到位'],
    ]);
    expect(done.events[2].evidence).toBe('已补开党员大会并补齐会议记录');
    expect(stateFromEvents(RECTIFICATION, done.events)).toBe('accepted');

    const audit = await getDb()
      .ctx.db.selectFrom('auditLog')
      .select(['action', 'username', 'after'])
      .where('entity', '=', 'rectification')
      .where('entityId', '=', p.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['start', 'submit', 'return', 'submit', 'accept']);
    expect(JSON.parse(audit[2]!.after!)).toMatchObject({ state: 'rectifying', reason: '会议记录缺少参会人员签名' });
  });

  it('keeps the inspection evidence with the problem and the files of each submission with that step', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
    const upload = async (s: Session, entity: string, name: string) => {
      const m = multipart(PNG, name, 'file', 'image/png');
      const res = await app().inject({
        method: 'POST',
        url: `/api/attachments?entity=${entity}&orgId=${tree.orgs.village.id}`,
        headers: { ...s.write, ...m.headers },
        payload: m.payload,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as number;
    };
    const found = await upload(town, 'problem', '现场照片.png');
    const p = await create(town, tree.orgs.village.id, { attachmentIds: [found] });
    expect((await get(branch, `/api/problems/${p.id}`)).json().attachments).toMatchObject([
      { fileName: '现场照片.png' },
    ]);
    await act(branch, p.id, 'start', { version: 0 });
    const proof = await upload(branch, 'rectification', '整改后.png');
    const submitted = await act(branch, p.id, 'submit', { version: 1, evidence: [proof] });
    expect(submitted.statusCode).toBe(200);
    const step = submitted.json().events.at(-1);
    expect(step).toMatchObject({
      action: 'submit',
      evidence: null,
      attachments: [{ id: proof, fileName: '整改后.png' }],
    });
    expect((await get(viewer, `/api/attachments/${proof}`)).statusCode).toBe(200);
    expect((await get(otherTownAdmin, `/api/attachments/${proof}`)).statusCode).toBe(404);
  });

  it('counts found, rectified, in progress, overdue and rate per round, category and org; lists with filters', async () => {
    const round2 = (
      await send(county, 'POST', '/api/inspections/rounds', {
        orgId: tree.orgs.county.id,
        title: '第二轮',
        team: '县委督导组',
        kind: 'open',
        startsOn: today,
        endsOn: today,
      })
    ).json().id as number;
    const late = addDays(today, -1);
    const a = await create(county, tree.orgs.community.id, { roundId: round2, category: 'dues', deadline: late });
    const b = await create(county, tree.orgs.otherVillage.id, { roundId: round2, category: 'dues', deadline: today });
    const c = await create(county, tree.orgs.otherVillage.id, { roundId: round2, category: 'records', deadline: late });
    await act(otherTownAdmin, c.id, 'start', { version: 0 });
    await act(otherTownAdmin, c.id, 'submit', { version: 1, evidence: '台账已补建' });
    await act(county, c.id, 'accept', { version: 2 });

    const f = (await get(county, `/api/inspections/figures?roundId=${round2}`)).json();
    // a: open and late → overdue; b: due today → on time; c: accepted → rectified (late acceptance is not overdue).
    expect(f.total).toEqual({ found: 3, rectified: 1, inProgress: 2, overdue: 1, rate: 33.3 });
    expect(f.byCategory).toEqual([
      { category: 'dues', label: '党费收缴', found: 2, rectified: 0, inProgress: 2, overdue: 1, rate: 0 },
      { category: 'records', label: '基础台账', found: 1, rectified: 1, inProgress: 0, overdue: 0, rate: 100 },
    ]);
    expect(f.byRound).toEqual([
      { roundId: round2, title: '第二轮', found: 3, rectified: 1, inProgress: 2, overdue: 1, rate: 33.3 },
    ]);
    expect(f.byOrg).toEqual([
      { orgId: tree.orgs.town.id, orgName: '城关镇党委', found: 1, rectified: 0, inProgress: 1, overdue: 1, rate: 0 },
      {
        orgId: tree.orgs.otherTown.id,
        orgName: '青石镇党委',
        found: 2,
        rectified: 1,
        inProgress: 1,
        overdue: 0,
        rate: 50,
      },
    ]);
    const townFigures = (await get(town, `/api/inspections/figures?roundId=${round2}`)).json();
    expect(townFigures).toMatchObject({ orgId: tree.orgs.town.id, total: { found: 1, overdue: 1 } });

    const list = (await get(county, `/api/problems?roundId=${round2}&pageSize=2`)).json();
    expect(list).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([a.id, c.id]);
    expect((await get(county, `/api/problems?roundId=${round2}&overdue=true`)).json().items).toMatchObject([
      { id: a.id, overdue: true },
    ]);
    expect((await get(county, `/api/problems?roundId=${round2}&state=accepted`)).json().total).toBe(1);
    expect((await get(county, `/api/problems?roundId=${round2}&orgId=${tree.orgs.otherTown.id}`)).json().total).toBe(2);
    expect((await get(town, `/api/problems?roundId=${round2}`)).json().items.map((p: { id: number }) => p.id)).toEqual([
      a.id,
    ]);
    // Another township's problem is as missing as one that does not exist, for reads and actions.
    expect((await get(town, `/api/problems/${b.id}`)).statusCode).toBe(404);
    expect((await act(town, b.id, 'start', { version: 0 })).statusCode).toBe(404);
    expect((await get(town, `/api/problems?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(404);
    expect((await get(county, '/api/problems?state=closed')).statusCode).toBe(400);
  });

  it('raises 整改逾期 in the warning list until the problem is accepted, and follows an org that moves', async () => {
    const p = await create(town, tree.orgs.group.id, { deadline: addDays(today, -3), description: '党小组活动无记录' });
    const warnings = async () =>
      (await get(town, `/api/orgs/${tree.orgs.town.id}/warnings?kind=problem_overdue&pageSize=200`)).json();
    const before = await warnings();
    expect(
      before.items.find((w: { link: string }) => w.link.startsWith(`/inspections/problems/${p.id}?`)),
    ).toMatchObject({
      kind: 'problem_overdue',
      orgId: tree.orgs.group.id,
      subject: '党小组活动无记录',
      dueDate: addDays(today, -3),
      link: `/inspections/problems/${p.id}?org=${tree.orgs.group.id}`,
    });
    await act(branch, p.id, 'start', { version: 0 });
    await act(branch, p.id, 'submit', { version: 1, evidence: '已补记' });
    expect((await warnings()).counts.problem_overdue).toBe(before.counts.problem_overdue);
    await act(town, p.id, 'accept', { version: 2 });
    const after = await warnings();
    expect(after.counts.problem_overdue).toBe(before.counts.problem_overdue - 1);
    expect(after.items.some((w: { link: string }) => w.link.startsWith(`/inspections/problems/${p.id}?`))).toBe(false);

    const inTown = (await get(town, '/api/problems?pageSize=200')).json().total;
    const org = (await get(county, `/api/orgs/${tree.orgs.community.id}`)).json();
    const move = await send(county, 'POST', `/api/orgs/${tree.orgs.community.id}/move`, {
      parentId: tree.orgs.otherTown.id,
      version: org.version,
    });
    expect(move.statusCode).toBe(200);
    const moved = (await get(county, `/api/problems?orgId=${tree.orgs.community.id}`)).json().total;
    expect(moved).toBeGreaterThan(0);
    expect((await get(town, '/api/problems?pageSize=200')).json().total).toBe(inTown - moved);
    expect((await get(otherTownAdmin, `/api/problems?orgId=${tree.orgs.community.id}`)).json().total).toBe(moved);
  });
});
