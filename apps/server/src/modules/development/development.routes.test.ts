import { addDays, addMonths, addYears, makeIdNumber, todayIso } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { loginAs, type Session, seedMember, smallTreeSuite } from '../../test/factories.js';
import { multipart } from '../../test/ledger-files.js';

const today = todayIso();
let personSeq = 0;

/** An applicant to `orgId` (born 1998-05-04 unless told), with a valid ID number of their own. */
function applicant(orgId: number, applicationDate: string, o: { name?: string; birthDate?: string } = {}) {
  const birthDate = o.birthDate ?? '1998-05-04';
  personSeq++;
  return {
    orgId,
    name: o.name ?? `申请人${personSeq}`,
    gender: 'female' as const,
    ethnicity: '汉族',
    birthDate,
    idNumber: makeIdNumber('110105', birthDate, 300 + personSeq, 'female'),
    education: 'bachelor',
    occupation: 'farmer',
    phone: '13700001111',
    applicationDate,
  };
}

type Step = [step: string, date: string, extra?: Record<string, unknown>];

describeEachDb('development routes (发展党员)', (getDb) => {
  const {
    tree,
    sessions: { branch, town, county, viewer },
    app,
    get,
  } = smallTreeSuite(getDb, ['branch', 'town', 'county', 'viewer']);
  const post = (s: Session, url: string, payload: object) =>
    app().inject({ method: 'POST', url, headers: s.write, payload });

  const versions = new Map<number, number>();
  async function create(s: Session, body: ReturnType<typeof applicant>) {
    const res = await post(s, '/api/development', body);
    expect(res.statusCode, res.body).toBe(201);
    versions.set(res.json().id, res.json().version);
    return res.json() as { id: number; version: number };
  }
  /** Records one step as `s`; returns the raw reply (the version is kept on success). */
  async function step(s: Session, id: number, [code, date, extra]: Step) {
    const res = await post(s, `/api/development/${id}/steps`, {
      step: code,
      date,
      version: versions.get(id),
      ...extra,
    });
    if (res.statusCode === 201) versions.set(id, res.json().version);
    return res;
  }
  /** Steps that must succeed; upper-committee steps by the township. */
  async function walk(id: number, steps: Step[]) {
    for (const st of steps) {
      const s = ['upper_pre_review', 'admission_approval', 'full_membership_approval'].includes(st[0]) ? town : branch;
      const res = await step(s, id, st);
      expect(res.statusCode, `${st[0]} ${st[1]}: ${res.body}`).toBe(201);
    }
  }
  const contacts = () => ({ contactPersonIds: [tree.members.village[0]!.id] });
  const sponsors = () => ({ sponsorIds: tree.members.village.map((m) => m.id) });

  /** From application to 发展对象: application at `t0`, activist a month later, candidate a year after that. */
  function toCandidate(t0: string): Step[] {
    const a = addMonths(t0, 1);
    return [
      ['talk', addDays(t0, 10)],
      ['activist_selection', a, { decisionRef: '支委会2023-1号' }],
      ['activist_filing', addDays(a, 5)],
      ['contact_persons', addDays(a, 6), contacts()],
      ['activist_observation', addMonths(a, 6), { note: '思想汇报4篇，考察合格' }],
      ['candidate_selection', addYears(a, 1)],
    ];
  }
  /** From 发展对象 to the admission meeting at `m`. */
  function toAdmissionMeeting(c: string, m: string): Step[] {
    return [
      ['candidate_filing', addDays(c, 1)],
      ['sponsors', addDays(c, 2), sponsors()],
      ['political_review', addDays(c, 3), { politicalReviewPassed: true }],
      ['training', addDays(c, 4), { trainingDays: 3, trainingHours: 24 }],
      ['committee_review', addDays(c, 5)],
      ['upper_pre_review', addDays(c, 6)],
      ['application_form', addDays(c, 7)],
      ['admission_meeting', m, { decisionRef: '支部党员大会' }],
    ];
  }
  function toProbationEducation(m: string): Step[] {
    return [
      ['upper_talk', addDays(m, 5)],
      ['admission_approval', addDays(m, 20)],
      ['admission_filing', addDays(m, 25)],
      ['placement', addDays(m, 26)],
      ['oath', addDays(m, 30)],
      ['probation_education', addDays(m, 60)],
    ];
  }
  const probationaryCount = async () =>
    (await get(town, `/api/members?orgId=${tree.orgs.village.id}&status=probationary`)).json().total as number;

  it('refuses an applicant under 18 the day before the 18th birthday with that date, accepts on the day', async () => {
    const birthDate = addYears(addDays(today, -5), -18);
    const young = applicant(tree.orgs.village.id, addDays(today, -6), { birthDate, name: '小青年' });
    const refused = await post(branch, '/api/development', young);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'DEVELOPMENT_APPLICANT_UNDER_18',
      fields: { earliestDate: addDays(today, -5) },
    });
    expect(refused.json().error.message).toContain('年满18周岁');
    const ok = await post(branch, '/api/development', { ...young, applicationDate: addDays(today, -5) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      stage: 'applicant',
      stageLabel: '入党申请人',
      nextStep: 'talk',
      nextDueDate: addMonths(addDays(today, -5), 1),
    });
    expect(ok.json().idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(ok.json()).not.toHaveProperty('idNumber');
    const again = await post(branch, '/api/development', { ...young, applicationDate: addDays(today, -5) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.idNumber).toContain('正在进行');
  });

  it('checks the ID number like a member record and refuses an applicant who is already a member', async () => {
    const bad = applicant(tree.orgs.village.id, today);
    const res = await post(branch, '/api/development', { ...bad, idNumber: `${bad.idNumber.slice(0, 17)}0` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.idNumber).toBe('身份证号码校验位错误');
    const mismatch = await post(branch, '/api/development', { ...bad, birthDate: '1998-05-05' });
    expect(mismatch.json().error.fields.birthDate).toContain('与身份证号码不一致');
    const memberId = tree.members.village[0]!.id;
    const member = (await get(town, `/api/members/${memberId}`)).json();
    const pii = (await post(town, `/api/members/${memberId}/reveal`, {})).json();
    const dup = await post(branch, '/api/development', {
      ...bad,
      idNumber: pii.idNumber,
      birthDate: member.birthDate,
      gender: member.gender,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'MEMBER_ID_NUMBER_DUPLICATE', message: '该身份证号码已登记为党员' });
  });

  it('refuses steps out of order and dates before the previous step, naming the rule', async () => {
    const r = await create(branch, applicant(tree.orgs.village.id, addDays(today, -20)));
    const out = await step(branch, r.id, ['training', today, { trainingHours: 30 }]);
    expect(out.statusCode).toBe(422);
    expect(out.json().error).toMatchObject({ code: 'DEVELOPMENT_STEP_OUT_OF_ORDER' });
    expect(out.json().error.message).toContain('下一步应为第2步「党组织派人谈话」');
    const before = await step(branch, r.id, ['talk', addDays(today, -21)]);
    expect(before.json().error).toMatchObject({
      code: 'DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP',
      fields: { earliestDate: addDays(today, -20) },
    });
    const future = await step(branch, r.id, ['talk', addDays(today, 1)]);
    expect(future.json().error.code).toBe('DEVELOPMENT_DATE_IN_FUTURE');
    const stale = await post(branch, `/api/development/${r.id}/steps`, { step: 'talk', date: today, version: 99 });
    expect(stale.statusCode).toBe(409);
    expect((await step(branch, r.id, ['talk', addDays(today, -20)])).statusCode).toBe(201);
  });

  it('an activist becomes a 发展对象 one year after selection, not the day before (with the earliest date)', async () => {
    const t0 = addYears(today, -3);
    const a = addMonths(t0, 1);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '周期测' }));
    await walk(r.id, toCandidate(t0).slice(0, 5));
    const early = await step(branch, r.id, ['candidate_selection', addDays(addYears(a, 1), -1)]);
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: 'DEVELOPMENT_ACTIVIST_PERIOD_TOO_SHORT',
      fields: { earliestDate: addYears(a, 1) },
    });
    expect(early.json().error.message).toContain('1年以上');
    const status = (await get(branch, `/api/development/${r.id}/status`)).json();
    expect(status.next).toMatchObject({
      step: { code: 'candidate_selection', number: 7 },
      earliestDate: addYears(a, 1),
      ready: true,
    });
    const ok = await step(branch, r.id, ['candidate_selection', addYears(a, 1)]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ stage: 'candidate', stageSince: addYears(a, 1) });
  });

  it('refuses too little training and an introducer who is not yet a formal member on that date', async () => {
    const t0 = addYears(today, -3);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '介绍测' }));
    await walk(r.id, toCandidate(t0));
    const c = addYears(addMonths(t0, 1), 1);
    await walk(r.id, [['candidate_filing', addDays(c, 1)]]);
    // A formal member since c+10 (joined a year before): not yet formal on c+9.
    const late = await seedMember(getDb().ctx, tree.orgs.village, {
      name: '新转正',
      joinedOn: addYears(addDays(c, 10), -1),
    });
    const probationer = await seedMember(getDb().ctx, tree.orgs.village, {
      name: '预备甲',
      status: 'probationary',
      joinedOn: addDays(today, -30),
    });
    const prob = await step(branch, r.id, [
      'sponsors',
      addDays(c, 9),
      { sponsorIds: [tree.members.village[0]!.id, probationer.id] },
    ]);
    expect(prob.statusCode).toBe(422);
    expect(prob.json().error).toMatchObject({ code: 'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER' });
    expect(prob.json().error.message).toContain('预备甲是预备党员');
    const body = { sponsorIds: [tree.members.village[0]!.id, late.id] };
    const early = await step(branch, r.id, ['sponsors', addDays(c, 9), body]);
    expect(early.json().error).toMatchObject({
      code: 'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER',
      fields: { earliestDate: addDays(c, 10) },
    });
    const one = await step(branch, r.id, ['sponsors', addDays(c, 10), { sponsorIds: [late.id] }]);
    expect(one.json().error.code).toBe('DEVELOPMENT_SPONSOR_COUNT');
    const outsider = await step(branch, r.id, [
      'sponsors',
      addDays(c, 10),
      { sponsorIds: [late.id, tree.members.otherVillage[0]!.id] },
    ]);
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.fields.sponsorIds).toContain('不在您的管辖范围内');
    expect((await step(branch, r.id, ['sponsors', addDays(c, 10), body])).statusCode).toBe(201);
    const detail = (await get(branch, `/api/development/${r.id}`)).json();
    expect(detail.steps.at(-1).people.map((p: { name: string }) => p.name)).toEqual(['张伟', '新转正']);

    await walk(r.id, [['political_review', addDays(c, 11), { politicalReviewPassed: true }]]);
    const short = await step(branch, r.id, ['training', addDays(c, 12), { trainingDays: 2, trainingHours: 23 }]);
    expect(short.statusCode).toBe(422);
    expect(short.json().error.code).toBe('DEVELOPMENT_TRAINING_INSUFFICIENT');
    expect(short.json().error.message).toContain('不少于3天或不少于24学时');
    // The training certificate as an optional attachment of the step.
    const pdf = multipart(Buffer.from('%PDF-1.4 培训结业证明'), '结业证明.pdf', 'file', 'application/pdf');
    const uploaded = await app().inject({
      method: 'POST',
      url: `/api/attachments?entity=development&orgId=${tree.orgs.village.id}`,
      headers: { ...branch.write, ...pdf.headers },
      payload: pdf.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const trained = await step(branch, r.id, [
      'training',
      addDays(c, 12),
      { trainingHours: 24, attachmentIds: [uploaded.json().id] },
    ]);
    expect(trained.statusCode).toBe(201);
    expect(trained.json().steps.at(-1)).toMatchObject({
      step: 'training',
      trainingHours: 24,
      attachments: [{ id: uploaded.json().id, fileName: '结业证明.pdf' }],
    });
  });

  it('upper-committee steps need the approve permission: a branch secretary is refused, the township records', async () => {
    const t0 = addYears(today, -3);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '审批测' }));
    await walk(r.id, toCandidate(t0));
    const c = addYears(addMonths(t0, 1), 1);
    await walk(r.id, toAdmissionMeeting(c, addDays(c, 30)).slice(0, 5));
    const refused = await step(branch, r.id, ['upper_pre_review', addDays(c, 6)]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('审批权限');
    const ro = await step(viewer, r.id, ['upper_pre_review', addDays(c, 6)]);
    expect(ro.statusCode).toBe(403);
    expect((await step(town, r.id, ['upper_pre_review', addDays(c, 6)])).statusCode).toBe(201);
  });

  it('admission approval creates the probationary member (counted); 转正 on time makes it formal at probation end', async () => {
    const t0 = addYears(today, -4);
    const c = addYears(addMonths(t0, 1), 1);
    const m = addDays(addYears(today, -1), -10);
    const end = addYears(m, 1);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '转正测' }));
    await walk(r.id, [...toCandidate(t0), ...toAdmissionMeeting(c, m), ['upper_talk', addDays(m, 5)]]);
    const before = await probationaryCount();
    const approved = await step(town, r.id, ['admission_approval', addDays(m, 20)]);
    expect(approved.statusCode).toBe(201);
    const memberId = approved.json().memberId as number;
    expect(approved.json()).toMatchObject({ stage: 'probationary', stageSince: m, probationEnd: end });
    expect(await probationaryCount()).toBe(before + 1);
    const member = (await get(town, `/api/members/${memberId}`)).json();
    expect(member).toMatchObject({ name: '转正测', status: 'probationary', joinedOn: m, fullOn: null });
    const audit = async (entity: string, id: number) =>
      (await get(county, `/api/audit?entity=${entity}&entityId=${id}&pageSize=100`))
        .json()
        .items.map((a: { action: string }) => a.action);
    expect(await audit('member', memberId)).toEqual(['create']);
    expect(await audit('development', r.id)).toContain('step');

    await walk(r.id, toProbationEducation(m).slice(2));
    const appEarly = await step(branch, r.id, ['full_membership_application', addDays(addMonths(end, -1), -1)]);
    expect(appEarly.json().error).toMatchObject({
      code: 'DEVELOPMENT_FULL_APPLICATION_TOO_EARLY',
      fields: { earliestDate: addMonths(end, -1) },
    });
    await walk(r.id, [['full_membership_application', addMonths(end, -1)]]);
    const meetingEarly = await step(branch, r.id, [
      'full_membership_meeting',
      addDays(end, -1),
      { outcome: 'on_time' },
    ]);
    expect(meetingEarly.statusCode).toBe(422);
    expect(meetingEarly.json().error).toMatchObject({
      code: 'DEVELOPMENT_PROBATION_NOT_ENDED',
      fields: { earliestDate: end },
    });
    expect(meetingEarly.json().error.message).toContain(`至${end}届满`);
    const noOutcome = await step(branch, r.id, ['full_membership_meeting', end]);
    expect(noOutcome.json().error.code).toBe('DEVELOPMENT_STEP_INCOMPLETE');
    await walk(r.id, [['full_membership_meeting', end, { outcome: 'on_time' }]]);
    expect((await step(branch, r.id, ['full_membership_approval', addDays(end, 5)])).statusCode).toBe(403);
    const full = await step(town, r.id, ['full_membership_approval', addDays(end, 5)]);
    expect(full.statusCode).toBe(201);
    expect(full.json()).toMatchObject({ stage: 'full', nextStep: 'archiving', memberId });
    expect(await probationaryCount()).toBe(before);
    expect((await get(town, `/api/members/${memberId}`)).json()).toMatchObject({ status: 'full', fullOn: end });
    expect(await audit('member', memberId)).toContain('update');
  });

  it('an extension is 6 to 12 months; a cancelled probation takes the member out of counts and lists', async () => {
    const t0 = addYears(today, -4);
    const c = addYears(addMonths(t0, 1), 1);
    const m = addDays(addYears(today, -1), -40);
    const end = addYears(m, 1);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '取消测' }));
    await walk(r.id, [
      ...toCandidate(t0),
      ...toAdmissionMeeting(c, m),
      ...toProbationEducation(m),
      ['full_membership_application', end],
    ]);
    const memberId = (await get(branch, `/api/development/${r.id}`)).json().memberId as number;
    const before = await probationaryCount();
    for (const [months, code] of [
      [5, 'DEVELOPMENT_EXTENSION_TOO_SHORT'],
      [13, 'DEVELOPMENT_EXTENSION_TOO_LONG'],
    ] as const) {
      const res = await step(branch, r.id, [
        'full_membership_meeting',
        end,
        { outcome: 'extended', extensionMonths: months },
      ]);
      expect(res.json().error.code).toBe(code);
    }
    await walk(r.id, [['full_membership_meeting', end, { outcome: 'cancelled' }]]);
    const cancelled = await step(town, r.id, ['full_membership_approval', addDays(end, 3)]);
    expect(cancelled.statusCode).toBe(201);
    expect(cancelled.json()).toMatchObject({ stage: 'cancelled', stageLabel: '已取消预备党员资格', memberId });
    // The member row stays as history, out of every count and list.
    expect((await get(town, `/api/members/${memberId}`)).json()).toMatchObject({ leftOn: addDays(end, 3) });
    expect(await probationaryCount()).toBe(before - 1);
    const listed = (await get(town, `/api/members?orgId=${tree.orgs.village.id}&q=取消测`)).json();
    expect(listed.total).toBe(0);
  });

  it('keeps records in scope: another township’s record is 404, a read-only leader cannot create', async () => {
    const other = await create(county, applicant(tree.orgs.otherVillage.id, addDays(today, -3), { name: '外镇人' }));
    expect((await get(town, `/api/development/${other.id}`)).statusCode).toBe(404);
    expect((await step(town, other.id, ['talk', today])).statusCode).toBe(404);
    expect((await get(county, `/api/development/${other.id}`)).statusCode).toBe(200);
    expect((await post(town, '/api/development', applicant(tree.orgs.otherVillage.id, today))).statusCode).toBe(404);
    expect((await post(viewer, '/api/development', applicant(tree.orgs.village.id, today))).statusCode).toBe(403);
    expect((await post(branch, '/api/development', applicant(tree.orgs.group.id, today))).statusCode).toBe(400);
    const list = (await get(town, '/api/development?pageSize=200')).json();
    expect(list.items.map((i: { name: string }) => i.name)).not.toContain('外镇人');
  });

  it('lists with stage, due and pinyin filters sorted in SQL, and counts the pipeline by stage', async () => {
    const late = await create(branch, applicant(tree.orgs.village.id, addDays(today, -45), { name: '谈话迟' }));
    const byStage = (
      await get(town, `/api/development?orgId=${tree.orgs.village.id}&stage=applicant&pageSize=200`)
    ).json();
    expect(byStage.items.every((i: { stage: string }) => i.stage === 'applicant')).toBe(true);
    expect(byStage.items.map((i: { id: number }) => i.id)).toContain(late.id);
    const found = (await get(town, '/api/development?q=thc')).json();
    expect(found.items.map((i: { name: string }) => i.name)).toEqual(['谈话迟']);
    const due = (await get(town, '/api/development?due=true&sort=nextDueDate&pageSize=200')).json();
    const dates = due.items.map((i: { nextDueDate: string }) => i.nextDueDate);
    expect(dates).toEqual([...dates].sort());
    expect(due.items[0]).toMatchObject({
      name: '谈话迟',
      overdue: true,
      nextDueDate: addMonths(addDays(today, -45), 1),
    });
    const pipe = (await get(town, `/api/development/pipeline?orgId=${tree.orgs.town.id}`)).json();
    const all = (await get(town, `/api/development?orgId=${tree.orgs.town.id}&pageSize=200`)).json();
    expect(pipe.total).toBe(all.total);
    const applicants = pipe.stages.find((s: { stage: string }) => s.stage === 'applicant');
    expect(applicants.count).toBe(all.items.filter((i: { stage: string }) => i.stage === 'applicant').length);
    expect(pipe.overdue).toBeGreaterThanOrEqual(1);
  });

  it('warns of due steps and ending probations in the warning list, linking to the record; the 转正 meeting clears it', async () => {
    const t0 = addYears(today, -4);
    const c = addYears(addMonths(t0, 1), 1);
    const m = addDays(addYears(today, -1), 20); // probation ends in 20 days
    const end = addYears(m, 1);
    const r = await create(branch, applicant(tree.orgs.village.id, t0, { name: '期满测' }));
    await walk(r.id, [...toCandidate(t0), ...toAdmissionMeeting(c, m), ...toProbationEducation(m)]);
    const warnings = async () =>
      (await get(branch, `/api/orgs/${tree.orgs.village.id}/warnings?pageSize=200`)).json() as {
        counts: Record<string, number>;
        items: Array<{ kind: string; subject: string; link: string; dueDate: string; message: string }>;
      };
    const w = await warnings();
    const item = w.items.find((i) => i.kind === 'probation_ending' && i.subject === '期满测');
    expect(item).toMatchObject({ dueDate: end, link: `/development/${r.id}?org=${tree.orgs.village.id}` });
    expect(item!.message).toContain(`将于${end}届满`);
    const talk = w.items.find((i) => i.kind === 'development_due' && i.subject === '谈话迟');
    expect(talk?.message).toContain('第2步「党组织派人谈话」已于');
    expect(w.counts.development_due).toBeGreaterThanOrEqual(1);
    const townView = (await get(county, `/api/orgs/${tree.orgs.county.id}/warnings?kind=probation_ending`)).json();
    expect(townView.items.map((i: { subject: string }) => i.subject)).toContain('期满测');

    // Probation ending on the 30th day is listed, on the 31st not yet.
    const m30 = addDays(addYears(today, -1), 30);
    const r30 = await create(branch, applicant(tree.orgs.village.id, t0, { name: '三十天' }));
    await walk(r30.id, [...toCandidate(t0), ...toAdmissionMeeting(c, m30), ...toProbationEducation(m30).slice(0, 2)]);
    const m31 = addDays(addYears(today, -1), 31);
    const r31 = await create(branch, applicant(tree.orgs.village.id, t0, { name: '三十一天' }));
    await walk(r31.id, [...toCandidate(t0), ...toAdmissionMeeting(c, m31), ...toProbationEducation(m31).slice(0, 2)]);
    const subjects = (await warnings()).items.filter((i) => i.kind === 'probation_ending').map((i) => i.subject);
    expect(subjects).toContain('三十天');
    expect(subjects).not.toContain('三十一天');

    // Ended 5 days ago with no decision: listed as ended; the branch meeting's decision clears it.
    const mPast = addDays(addYears(today, -1), -5);
    const rPast = await create(branch, applicant(tree.orgs.village.id, t0, { name: '已期满' }));
    await walk(rPast.id, [...toCandidate(t0), ...toAdmissionMeeting(c, mPast), ...toProbationEducation(mPast)]);
    const ended = (await warnings()).items.find((i) => i.kind === 'probation_ending' && i.subject === '已期满');
    expect(ended?.message).toBe(`预备期已于${addYears(mPast, 1)}届满，尚未讨论转正`);
    await walk(rPast.id, [
      ['full_membership_application', addDays(today, -5)],
      ['full_membership_meeting', today, { outcome: 'on_time' }],
    ]);
    const after = (await warnings()).items.filter((i) => i.subject === '已期满');
    expect(after).toEqual([]);

    // Without development:read (a grid worker) no development item is listed.
    const grid = await loginAs(app(), tree.users.grid.username);
    const gridView = (await get(grid, `/api/orgs/${tree.orgs.group.id}/warnings?pageSize=200`)).json();
    expect(gridView.counts.probation_ending + gridView.counts.development_due).toBe(0);
  });

  it('moves records with their org: a branch moved under another township is that township’s to see', async () => {
    const r = await create(county, applicant(tree.orgs.otherVillage.id, addDays(today, -2), { name: '随迁人' }));
    expect((await get(town, `/api/development/${r.id}`)).statusCode).toBe(404);
    const org = (await get(county, `/api/orgs/${tree.orgs.otherVillage.id}`)).json();
    const moved = await post(county, `/api/orgs/${tree.orgs.otherVillage.id}/move`, {
      parentId: tree.orgs.town.id,
      version: org.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await get(town, `/api/development/${r.id}`)).json()).toMatchObject({ name: '随迁人' });
    const inTown = (await get(town, `/api/development?orgId=${tree.orgs.town.id}&q=随迁人`)).json();
    expect(inTown.total).toBe(1);
  });
});
