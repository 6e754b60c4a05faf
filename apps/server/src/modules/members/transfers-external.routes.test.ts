import { makeIdNumber } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { COUNTER_SOURCES } from '../../db/counter-sources.js';
import { today } from '../../platform/clock.js';
import { readCounters, rebuildCounters } from '../../platform/counters.js';
import { describeEachDb } from '../../test/databases.js';
import { seedMember, smallTreeSuite } from '../../test/factories.js';

const letterOut = (version: number) => ({
  letterNo: '组转字〔2026〕第031号',
  destinationOrg: '浙江省杭州市西湖区某街道党工委',
  destinationRegion: '浙江省杭州市',
  transferDate: '2026-03-02',
  reason: '工作调动',
  version,
});

const arriving = (orgId: number, n: number) => ({
  orgId,
  name: '周敏',
  gender: 'female' as const,
  ethnicity: '汉族',
  birthDate: '1988-04-12',
  idNumber: makeIdNumber('320102', '1988-04-12', 300 + n, 'female'),
  education: 'bachelor',
  occupation: 'professional',
  joinedOn: '2012-06-30',
  fullOn: '2013-06-30',
  status: 'full',
  letterNo: '苏组转〔2026〕第118号',
  originOrg: '江苏省南京市玄武区某社区党委',
  originRegion: '江苏省南京市',
  transferDate: '2026-02-10',
  reason: '随迁',
});

describeEachDb('transfers out of and into the platform', (getDb) => {
  const {
    tree,
    sessions: { town, branch, viewer, admin },
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'branch', 'viewer', 'admin']);
  const memberCount = async (orgId: number) =>
    Number((await readCounters(getDb().ctx.db, [orgId], 'member')).find((c) => c.dimension === 'member')?.count ?? 0);
  const noDrift = async () =>
    expect((await rebuildCounters(getDb().ctx.db, COUNTER_SOURCES, today(), { write: false })).drift).toEqual([]);

  it('transfer out: the member leaves every count and list at once, and stays readable as history', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.village, { name: '吴刚' });
    const [villageBefore, countyBefore] = [
      await memberCount(tree.orgs.village.id),
      await memberCount(tree.orgs.county.id),
    ];
    const res = await send(branch, 'POST', `/api/members/${m.id}/transfer-out`, letterOut(0));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'external_out',
      memberName: '吴刚',
      fromOrgId: tree.orgs.village.id,
      fromOrgName: '城关镇红旗村党支部',
      toOrgId: null,
      toOrgName: '浙江省杭州市西湖区某街道党工委',
      state: 'completed',
      letterNo: '组转字〔2026〕第031号',
      transferDate: '2026-03-02',
      externalRegion: '浙江省杭州市',
    });
    expect(await memberCount(tree.orgs.village.id)).toBe(villageBefore - 1);
    expect(await memberCount(tree.orgs.county.id)).toBe(countyBefore - 1);
    await noDrift();

    const list = (await get(town, `/api/members?orgId=${tree.orgs.village.id}&pageSize=100`)).json();
    expect(list.items.map((x: { name: string }) => x.name)).not.toContain('吴刚');
    expect(list.total).toBe(villageBefore - 1);
    expect((await get(town, '/api/members?q=吴刚')).json().total).toBe(0);

    const detail = (await get(town, `/api/members/${m.id}`)).json();
    expect(detail).toMatchObject({ name: '吴刚', leftOn: '2026-03-02', orgId: tree.orgs.village.id });
    const own = (await get(town, `/api/members/${m.id}/transfers`)).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0].kind).toBe('external_out');
    const history = (await get(town, `/api/members/${m.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: 'transfer_external_out' });
    expect(history.items[0].after).toMatchObject({ letterNo: '组转字〔2026〕第031号', leftOn: '2026-03-02' });

    // History is read-only: no edit, no second transfer.
    const edit = await send(town, 'PATCH', `/api/members/${m.id}`, { phone: '13900001111', version: detail.version });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error).toMatchObject({
      code: 'MEMBER_LEFT',
      message: '该党员已于2026-03-02转出系统外，记录仅供查阅',
    });
    const again = await send(town, 'POST', `/api/members/${m.id}/transfer-out`, letterOut(detail.version));
    expect(again.json().error.code).toBe('MEMBER_LEFT');
  });

  it('shows external transfers in the transfer list by direction and kind (系统内 / 转出 / 转入)', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.community, { name: '郑洁', gender: 'female' });
    expect((await send(town, 'POST', `/api/members/${m.id}/transfer-out`, letterOut(0))).statusCode).toBe(201);
    const out = (await get(town, `/api/transfers?orgId=${tree.orgs.town.id}&direction=out`)).json();
    expect(out.items.map((t: { memberName: string }) => t.memberName)).toEqual(expect.arrayContaining(['郑洁']));
    expect(out.items.every((t: { kind: string }) => t.kind === 'external_out' || t.kind === 'internal')).toBe(true);
    const onlyOut = (await get(town, '/api/transfers?direction=out&kind=external_out')).json();
    expect(onlyOut.items.every((t: { kind: string }) => t.kind === 'external_out')).toBe(true);
    expect(onlyOut.total).toBeGreaterThanOrEqual(1);
    // External transfers are final: they show as completed, never as pending.
    expect((await get(town, '/api/transfers?direction=out&kind=external_out&state=pending')).json().total).toBe(0);
    expect((await get(town, '/api/transfers?direction=out&kind=external_out&state=completed')).json().total).toBe(
      onlyOut.total,
    );
    // Another township's transfers are not the town's to see.
    expect((await get(town, `/api/transfers?orgId=${tree.orgs.otherTown.id}&direction=out`)).statusCode).toBe(404);
  });

  it('refuses a transfer out without a letter number or destination, with a stale version, or pending', async () => {
    const m = await seedMember(getDb().ctx, tree.orgs.village, { name: '冯涛' });
    const bad = await send(branch, 'POST', `/api/members/${m.id}/transfer-out`, {
      ...letterOut(0),
      letterNo: ' ',
      destinationOrg: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ letterNo: '请填写介绍信编号', destinationOrg: '请填写转往党组织' });
    const future = await send(branch, 'POST', `/api/members/${m.id}/transfer-out`, {
      ...letterOut(0),
      transferDate: '2999-01-01',
    });
    expect(future.json().error.fields).toEqual({ transferDate: '转接日期不能晚于今天' });
    const stale = await send(branch, 'POST', `/api/members/${m.id}/transfer-out`, letterOut(7));
    expect(stale.statusCode).toBe(409);
    const pending = await send(branch, 'POST', `/api/members/${m.id}/transfers`, {
      toOrgId: tree.orgs.community.id,
      version: 0,
    });
    expect(pending.statusCode).toBe(201);
    const blocked = await send(branch, 'POST', `/api/members/${m.id}/transfer-out`, letterOut(1));
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error).toMatchObject({
      code: 'MEMBER_TRANSFER_PENDING',
      message: '该党员已有未完成的组织关系转接，请先处理',
    });
  });

  it('refuses members of another township (404) and read-only users (403)', async () => {
    const far = tree.members.otherVillage[0]!;
    const res = await send(town, 'POST', `/api/members/${far.id}/transfer-out`, letterOut(0));
    expect(res.statusCode).toBe(404);
    const inFar = await send(town, 'POST', '/api/transfers/external-in', arriving(tree.orgs.otherVillage.id, 1));
    expect(inFar.statusCode).toBe(404);
    const ro = await send(viewer, 'POST', `/api/members/${tree.members.village[0]!.id}/transfer-out`, letterOut(0));
    expect(ro.statusCode).toBe(403);
    expect(
      (await send(viewer, 'POST', '/api/transfers/external-in', arriving(tree.orgs.village.id, 2))).statusCode,
    ).toBe(403);
  });

  it('transfer in: creates the member in the receiving org, counted, audited, listed as 从系统外转入', async () => {
    const before = await memberCount(tree.orgs.village.id);
    const res = await send(branch, 'POST', '/api/transfers/external-in', arriving(tree.orgs.village.id, 3));
    expect(res.statusCode).toBe(201);
    const { transfer, member } = res.json();
    expect(member).toMatchObject({ name: '周敏', orgId: tree.orgs.village.id, status: 'full', leftOn: null });
    expect(transfer).toMatchObject({
      kind: 'external_in',
      memberId: member.id,
      fromOrgId: null,
      fromOrgName: '江苏省南京市玄武区某社区党委',
      toOrgId: tree.orgs.village.id,
      toOrgName: '城关镇红旗村党支部',
      letterNo: '苏组转〔2026〕第118号',
      state: 'completed',
    });
    expect(await memberCount(tree.orgs.village.id)).toBe(before + 1);
    await noDrift();
    const incoming = (await get(town, '/api/transfers?direction=in&kind=external_in')).json();
    expect(incoming.items.map((t: { memberName: string }) => t.memberName)).toContain('周敏');
    const history = (await get(town, `/api/members/${member.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['transfer_external_in', 'create']);
  });

  it('transfer in refuses a missing letter number, a bad record, and a person already a member here', async () => {
    const noLetter = await send(branch, 'POST', '/api/transfers/external-in', {
      ...arriving(tree.orgs.village.id, 4),
      letterNo: '',
      originOrg: '',
    });
    expect(noLetter.statusCode).toBe(400);
    expect(noLetter.json().error.fields).toMatchObject({ letterNo: '请填写介绍信编号', originOrg: '请填写原党组织' });
    const wrongBirth = await send(branch, 'POST', '/api/transfers/external-in', {
      ...arriving(tree.orgs.village.id, 5),
      birthDate: '1988-04-13',
    });
    expect(wrongBirth.statusCode).toBe(400);
    expect(wrongBirth.json().error.fields.birthDate).toMatch(/与身份证号码不一致/);
    const body = arriving(tree.orgs.village.id, 6);
    expect((await send(branch, 'POST', '/api/transfers/external-in', body)).statusCode).toBe(201);
    const twice = await send(branch, 'POST', '/api/transfers/external-in', body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'MEMBER_ID_NUMBER_DUPLICATE',
      message: '该身份证号码已登记为本系统党员，请使用系统内组织关系转接',
      fields: { idNumber: '该党员已在城关镇红旗村党支部，请使用系统内组织关系转接' },
    });
  });

  it('a member who once left comes back as the same record, in the receiving org', async () => {
    const body = arriving(tree.orgs.village.id, 7);
    const first = (await send(admin, 'POST', '/api/transfers/external-in', body)).json().member;
    expect(
      (await send(admin, 'POST', `/api/members/${first.id}/transfer-out`, letterOut(first.version))).statusCode,
    ).toBe(201);
    const communityBefore = await memberCount(tree.orgs.community.id);
    const back = await send(admin, 'POST', '/api/transfers/external-in', {
      ...body,
      orgId: tree.orgs.community.id,
      letterNo: '浙组转〔2026〕第009号',
    });
    expect(back.statusCode).toBe(201);
    expect(back.json().member).toMatchObject({ id: first.id, orgId: tree.orgs.community.id, leftOn: null });
    expect(await memberCount(tree.orgs.community.id)).toBe(communityBefore + 1);
    await noDrift();
    const own = (await get(admin, `/api/members/${first.id}/transfers`)).json();
    expect(own.items.map((t: { kind: string }) => t.kind)).toEqual(['external_in', 'external_out', 'external_in']);
  });
});
