import { expect, it } from 'vitest';
import { COUNTER_SOURCES } from '../../db/counter-sources.js';
import { today } from '../../platform/clock.js';
import { readCounters, rebuildCounters } from '../../platform/counters.js';
import { describeEachDb } from '../../test/databases.js';
import { seedMember, smallTreeSuite } from '../../test/factories.js';
import { mobileWarningSource } from './mobile.warnings.js';

const away = (memberId: number, since = '2026-01-10') => ({
  memberId,
  destinationRegion: '广东省深圳市宝安区',
  workplace: '某电子厂',
  since,
  contactName: '本人',
  contactPhone: '13800138000',
  station: '深圳市宝安区流动党员服务站',
});

describeEachDb('流动党员 and 光荣在党50年', (getDb) => {
  const {
    tree,
    sessions: { town, branch, viewer, county },
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'branch', 'viewer', 'county']);
  const flagCount = async (orgId: number, flag: string) =>
    Number((await readCounters(getDb().ctx.db, [orgId], 'member.flag')).find((c) => c.value === flag)?.count ?? 0);
  const warningsAt = async (kind: string, on: string, org = tree.orgs.county) =>
    (await mobileWarningSource.list(getDb().ctx.db, org, on)).filter((w) => w.kind === kind);

  it('registers a mobile member: the 流动党员 flag and its count follow, one active record at a time', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.village, { name: '钱进' });
    const before = await flagCount(tree.orgs.town.id, 'mobile');
    const res = await send(branch, 'POST', '/api/mobile-members', away(m.id));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      memberName: '钱进',
      orgId: tree.orgs.village.id,
      destinationRegion: '广东省深圳市宝安区',
      station: '深圳市宝安区流动党员服务站',
      lastContactOn: null,
      lostContact: false,
      returnedOn: null,
      noContactDueOn: '2026-04-10',
      version: 0,
    });
    expect(await flagCount(tree.orgs.town.id, 'mobile')).toBe(before + 1);
    expect((await get(branch, `/api/members/${m.id}`)).json().flags).toContain('mobile');
    const again = await send(branch, 'POST', '/api/mobile-members', away(m.id));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'MOBILE_ALREADY_ACTIVE',
      message: '该党员已登记为流动党员且尚未返回',
    });
    const bad = await send(branch, 'POST', '/api/mobile-members', {
      ...away(m.id),
      destinationRegion: '',
      since: '2999-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ destinationRegion: '请填写流入地' });
    const audit = (await get(county, `/api/audit?entity=mobile_member&entityId=${res.json().id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'create' });
  });

  it('logs contacts (last contact never goes back, 失联 cleared), marks 失联, returns; versioned and audited', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.village, { name: '孔亮' });
    const rec = (await send(branch, 'POST', '/api/mobile-members', away(m.id, '2026-02-01'))).json();
    const lost = await send(branch, 'PATCH', `/api/mobile-members/${rec.id}`, { lostContact: true, version: 0 });
    expect(lost.json()).toMatchObject({ lostContact: true, noContact: true, version: 1 });
    expect((await get(branch, `/api/members/${m.id}`)).json().flags).toEqual(
      expect.arrayContaining(['mobile', 'lost_contact']),
    );
    const stale = await send(branch, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-05-01',
      method: 'phone',
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    const early = await send(branch, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-01-31',
      method: 'phone',
      version: 1,
    });
    expect(early.json().error.fields).toEqual({ contactedOn: '联系日期不能早于外出日期（2026-02-01）' });
    const c1 = await send(branch, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-05-01',
      method: 'wechat',
      note: '视频联系，参加线上组织生活',
      version: 1,
    });
    expect(c1.statusCode).toBe(201);
    expect(c1.json()).toMatchObject({ lastContactOn: '2026-05-01', lostContact: false, version: 2 });
    expect((await get(branch, `/api/members/${m.id}`)).json().flags).not.toContain('lost_contact');
    const c2 = await send(branch, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-04-01',
      method: 'phone',
      version: 2,
    });
    expect(c2.json().lastContactOn).toBe('2026-05-01');
    const log = (await get(branch, `/api/mobile-members/${rec.id}/contacts`)).json();
    expect(log.items.map((c: { contactedOn: string }) => c.contactedOn)).toEqual(['2026-05-01', '2026-04-01']);

    const mobileBefore = await flagCount(tree.orgs.village.id, 'mobile');
    const back = await send(branch, 'POST', `/api/mobile-members/${rec.id}/return`, {
      returnedOn: '2026-09-01',
      version: 3,
    });
    expect(back.json()).toMatchObject({ returnedOn: '2026-09-01', noContact: false, daysSinceContact: null });
    expect(await flagCount(tree.orgs.village.id, 'mobile')).toBe(mobileBefore - 1);
    expect((await get(branch, `/api/members/${m.id}`)).json().flags).not.toContain('mobile');
    const closed = await send(branch, 'PATCH', `/api/mobile-members/${rec.id}`, { workplace: 'x', version: 4 });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error).toMatchObject({
      code: 'MOBILE_RETURNED',
      message: '该党员已于2026-09-01返回，流动记录已结束',
    });
    // Gone again later: a new record is allowed once the previous one ended.
    expect((await send(branch, 'POST', '/api/mobile-members', away(m.id, '2026-10-01'))).statusCode).toBe(201);
    const actions = (await get(county, `/api/audit?entity=mobile_member&entityId=${rec.id}&pageSize=50`)).json();
    expect(actions.items.map((a: { action: string }) => a.action)).toEqual([
      'return',
      'contact',
      'contact',
      'update',
      'create',
    ]);
    expect((await rebuildCounters(getDb().ctx.db, COUNTER_SOURCES, today(), { write: false })).drift).toEqual([]);
  });

  it('lists per subtree, filtered (失联, 3 months without contact, returned) and sorted in SQL', async () => {
    const a = await seedMember(getDb().ctx, tree.orgs.community, { name: '甲流动' });
    const b = await seedMember(getDb().ctx, tree.orgs.community, { name: '乙流动' });
    const c = await seedMember(getDb().ctx, tree.orgs.community, { name: '丙流动' });
    const ra = (await send(town, 'POST', '/api/mobile-members', away(a.id, '2020-01-01'))).json();
    const rb = (await send(town, 'POST', '/api/mobile-members', away(b.id, today()))).json();
    const rc = (await send(town, 'POST', '/api/mobile-members', away(c.id, '2025-06-01'))).json();
    await send(town, 'PATCH', `/api/mobile-members/${rb.id}`, { lostContact: true, version: 0 });
    await send(town, 'POST', `/api/mobile-members/${rc.id}/return`, { returnedOn: '2025-12-01', version: 0 });
    const q = (filter: string) =>
      get(town, `/api/mobile-members?orgId=${tree.orgs.community.id}&filter=${filter}`).then((r) =>
        r.json().items.map((x: { memberName: string }) => x.memberName),
      );
    expect(await q('active')).toEqual(['甲流动', '乙流动']);
    expect(await q('lost_contact')).toEqual(['乙流动']);
    expect(await q('no_contact')).toEqual(['甲流动', '乙流动']);
    expect(await q('returned')).toEqual(['丙流动']);
    expect(await q('all')).toHaveLength(3);
    const newest = (await get(town, `/api/mobile-members?orgId=${tree.orgs.community.id}&sort=-lastContact`)).json();
    expect(newest.items.map((x: { memberName: string }) => x.memberName)).toEqual(['乙流动', '甲流动']);
    expect(newest.items[1].daysSinceContact).toBeGreaterThan(2000);
    const byMember = (await get(town, `/api/mobile-members?memberId=${a.id}&filter=all`)).json();
    expect(byMember.items.map((x: { id: number }) => x.id)).toEqual([ra.id]);
    expect((await get(town, '/api/mobile-members?filter=bogus')).statusCode).toBe(400);
  });

  it('refuses another township (404), read-only users (403) and members transferred out (422)', async () => {
    const far = tree.members.otherVillage[0]!;
    expect((await send(town, 'POST', '/api/mobile-members', away(far.id))).statusCode).toBe(404);
    const farRec = (await send(county, 'POST', '/api/mobile-members', away(far.id))).json();
    expect((await get(town, `/api/mobile-members/${farRec.id}`)).statusCode).toBe(404);
    expect(
      (await send(town, 'PATCH', `/api/mobile-members/${farRec.id}`, { workplace: 'x', version: 0 })).statusCode,
    ).toBe(404);
    expect((await get(town, `/api/mobile-members?orgId=${tree.orgs.otherTown.id}`)).statusCode).toBe(404);
    expect((await get(viewer, `/api/mobile-members/${farRec.id}`)).statusCode).toBe(200);
    expect(
      (await send(viewer, 'PATCH', `/api/mobile-members/${farRec.id}`, { workplace: 'x', version: 0 })).statusCode,
    ).toBe(403);
    const leaving = await seedMember(getDb().ctx, tree.orgs.village, { name: '褚离' });
    const rec = (await send(town, 'POST', '/api/mobile-members', away(leaving.id))).json();
    await send(town, 'POST', `/api/members/${leaving.id}/transfer-out`, {
      letterNo: '组转字〔2026〕第050号',
      destinationOrg: '外省某党组织',
      transferDate: '2026-06-01',
      version: 1,
    });
    const after = await send(town, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-06-02',
      method: 'phone',
      version: 0,
    });
    expect(after.statusCode).toBe(422);
    expect(after.json().error.code).toBe('MEMBER_LEFT');
    expect((await get(town, `/api/mobile-members?memberId=${leaving.id}&filter=all`)).json().total).toBe(0);
  });

  it('records follow their member on an accepted transfer within the tree and their org on a move', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.village, { name: '卫迁' });
    const rec = (await send(county, 'POST', '/api/mobile-members', away(m.id))).json();
    const t = (
      await send(county, 'POST', `/api/members/${m.id}/transfers`, { toOrgId: tree.orgs.otherVillage.id, version: 1 })
    ).json();
    await send(county, 'POST', `/api/transfers/${t.id}/accept`, {});
    expect((await get(county, `/api/mobile-members/${rec.id}`)).json().orgId).toBe(tree.orgs.otherVillage.id);
    expect((await get(town, `/api/mobile-members/${rec.id}`)).statusCode).toBe(404);
    const org = (await get(county, `/api/orgs/${tree.orgs.otherVillage.id}`)).json();
    await send(county, 'POST', `/api/orgs/${tree.orgs.otherVillage.id}/move`, {
      parentId: tree.orgs.town.id,
      version: org.version,
    });
    expect((await get(town, `/api/mobile-members/${rec.id}`)).statusCode).toBe(200);
    const ids = (await get(town, `/api/mobile-members?orgId=${tree.orgs.town.id}&filter=all&pageSize=100`))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(ids).toContain(rec.id);
  });

  it('mobile_lost_contact: due on the day 3 months after the last contact, not the day before; 失联 at once', async () => {
    const village = await seedMember(getDb().ctx, tree.orgs.village, { name: '蒋远' });
    const rec = (await send(branch, 'POST', '/api/mobile-members', away(village.id, '2026-01-05'))).json();
    await send(branch, 'POST', `/api/mobile-members/${rec.id}/contacts`, {
      contactedOn: '2026-03-15',
      method: 'phone',
      version: 0,
    });
    const mine = (ws: Awaited<ReturnType<typeof warningsAt>>) => ws.filter((w) => w.subject === '蒋远');
    expect(mine(await warningsAt('mobile_lost_contact', '2026-06-14'))).toEqual([]);
    expect(mine(await warningsAt('mobile_lost_contact', '2026-06-15'))).toEqual([
      expect.objectContaining({
        kind: 'mobile_lost_contact',
        orgId: tree.orgs.village.id,
        dueDate: '2026-06-15',
        link: `/mobile/${rec.id}?org=${tree.orgs.village.id}`,
      }),
    ]);
    // Outside the subtree asked for: not listed.
    expect(mine(await warningsAt('mobile_lost_contact', '2026-06-15', tree.orgs.otherTown))).toEqual([]);
    // Flagged 失联 shows whatever the date.
    await send(branch, 'PATCH', `/api/mobile-members/${rec.id}`, { lostContact: true, version: 1 });
    expect(mine(await warningsAt('mobile_lost_contact', '2026-03-16'))).toHaveLength(1);
    // Through the one warning list, as the branch secretary sees it today.
    const list = (await get(branch, `/api/orgs/${tree.orgs.village.id}/warnings?kind=mobile_lost_contact`)).json();
    expect(list.items.map((w: { subject: string }) => w.subject)).toContain('蒋远');
    await send(branch, 'POST', `/api/mobile-members/${rec.id}/return`, { returnedOn: '2026-07-01', version: 2 });
    expect(mine(await warningsAt('mobile_lost_contact', '2026-08-01'))).toEqual([]);
  });

  it('medal_due: 转正 in year − 50 is due from 01-01 of that year, not on 12-31 before; awarding clears it', async () => {
    // seedMember sets 转正 one year after 入党.
    const due = await seedMember(getDb().ctx, tree.orgs.village, {
      name: '老党员甲',
      birthDate: '1950-02-01',
      joinedOn: '1975-12-31',
    });
    const next = await seedMember(getDb().ctx, tree.orgs.village, {
      name: '老党员乙',
      birthDate: '1951-02-01',
      joinedOn: '1976-01-01',
    });
    const names = async (on: string) => (await warningsAt('medal_due', on)).map((w) => w.subject).sort();
    expect(await names('2025-12-31')).not.toContain('老党员甲');
    expect(await names('2026-01-01')).toContain('老党员甲');
    expect(await names('2026-12-31')).not.toContain('老党员乙');
    expect(await names('2027-01-01')).toContain('老党员乙');
    const item = (await warningsAt('medal_due', '2026-06-01')).find((w) => w.subject === '老党员甲');
    expect(item).toMatchObject({ dueDate: '2026-12-31', link: `/members/${due.id}?org=${tree.orgs.village.id}` });

    const early = await send(branch, 'POST', '/api/medals', { memberId: next.id, awardedOn: '2026-07-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: 'MEDAL_NOT_DUE',
      fields: { awardedOn: '党龄自转正（1977-01-01）起算，2027-01-01满50年，2027年起方可颁发' },
    });
    const ok = await send(branch, 'POST', '/api/medals', {
      memberId: due.id,
      awardedOn: '2026-07-01',
      note: '七一颁发',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ memberName: '老党员甲', awardedOn: '2026-07-01' });
    expect(await names('2026-08-01')).not.toContain('老党员甲');
    const twice = await send(branch, 'POST', '/api/medals', { memberId: due.id, awardedOn: '2026-07-02' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('MEDAL_ALREADY_AWARDED');
    const probationary = tree.members.community[0]!;
    const none = await send(town, 'POST', '/api/medals', { memberId: probationary.id, awardedOn: '2026-07-01' });
    expect(none.json().error.fields).toEqual({ awardedOn: '预备党员尚无党龄，不能颁发' });
    expect((await send(viewer, 'POST', '/api/medals', { memberId: due.id, awardedOn: '2026-07-01' })).statusCode).toBe(
      403,
    );
    // (石桥村 moved under 城关镇 above: the other township itself is still outside the town's scope.)
    const far = await seedMember(getDb().ctx, tree.orgs.otherTown, { birthDate: '1949-03-01', joinedOn: '1975-06-01' });
    expect((await send(town, 'POST', '/api/medals', { memberId: far.id, awardedOn: '2026-07-01' })).statusCode).toBe(
      404,
    );
    const listed = (await get(town, `/api/medals?memberId=${due.id}`)).json();
    expect(listed.items).toHaveLength(1);
    const audit = (await get(county, `/api/members/${due.id}/history`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'medal_award' });
  });
});
