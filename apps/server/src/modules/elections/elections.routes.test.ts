import { addDays, addYears, todayIso } from '@grassroots/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { type Session, seedOrg, smallTreeSuite } from '../../test/factories.js';

describeEachDb('elections routes (换届选举)', (getDb) => {
  const {
    tree,
    sessions: { town, county, branch },
    get,
    send,
  } = smallTreeSuite(getDb, ['town', 'county', 'branch']);
  const today = todayIso();
  const post = (s: Session, url: string, payload: object) => send(s, 'POST', url, payload);
  const election = (orgVersion: number, o: object = {}) => ({
    electedOn: addDays(today, -3),
    method: 'direct_competitive',
    termYears: 5,
    eligibleVoters: 30,
    presentVoters: 26,
    secretary: { name: '王建国', votes: 25 },
    committee: [
      { name: '李红', votes: 22 },
      { name: '张强', votes: 14 },
    ],
    approvalRef: '城组字〔2026〕8号',
    orgVersion,
    ...o,
  });

  it('starts the new term on the org (version, audit) and clears its term_overdue warning', async () => {
    const org = await seedOrg(getDb().ctx, {
      parent: tree.orgs.town,
      name: '城关镇青松村党支部',
      termStart: addYears(today, -5),
      termYears: 5,
    });
    const warnings = async () =>
      (await get(county, `/api/orgs/${org.id}/warnings`)).json().items.map((w: { kind: string }) => w.kind);
    expect(await warnings()).toContain('term_overdue');
    const before = (await get(town, `/api/orgs/${org.id}`)).json();

    const res = await post(town, `/api/orgs/${org.id}/elections`, election(before.version));
    expect(res.statusCode).toBe(201);
    expect(res.json().election).toMatchObject({
      electedOn: addDays(today, -3),
      methodLabel: '党员大会直接选举（差额）',
      secretary: { name: '王建国', votes: 25 },
      previousTermStart: addYears(today, -5),
      previousTermYears: 5,
    });
    expect(res.json().org).toMatchObject({
      termStart: addDays(today, -3),
      termYears: 5,
      termEnd: addYears(addDays(today, -3), 5),
      secretaryName: '王建国',
      committee: ['王建国', '李红', '张强'],
      version: before.version + 1,
    });
    expect(await warnings()).not.toContain('term_overdue');
    expect(await warnings()).not.toContain('term_ending');

    const history = (await get(branch, `/api/orgs/${tree.orgs.village.id}/elections`)).json();
    expect(history).toMatchObject({ items: [], total: 0 });
    expect((await get(town, `/api/orgs/${org.id}/elections`)).json()).toMatchObject({ total: 1, page: 1 });
    const audit = (await get(county, `/api/audit?entity=org&entityId=${org.id}&action=update`)).json();
    expect(audit.items[0].after).toMatchObject({ termStart: addDays(today, -3), secretaryName: '王建国' });
    expect((await get(county, `/api/audit?entity=election`)).json().total).toBe(1);
  });

  it('refuses an election without a quorum of more than four fifths, or anyone elected by half the votes or less', async () => {
    const org = (await get(town, `/api/orgs/${tree.orgs.village.id}`)).json();
    const url = `/api/orgs/${org.id}/elections`;
    const quorum = await post(
      town,
      url,
      election(org.version, { presentVoters: 24, secretary: { name: '王建国', votes: 20 } }),
    );
    expect(quorum.statusCode).toBe(422);
    expect(quorum.json().error).toMatchObject({
      code: 'ELECTION_QUORUM_NOT_MET',
      message: '实到24人，未超过应到30人的五分之四，选举无效',
    });
    const half = await post(
      town,
      url,
      election(org.version, { presentVoters: 26, committee: [{ name: '张强', votes: 13 }] }),
    );
    expect(half.json().error).toMatchObject({
      code: 'ELECTION_VOTES_INSUFFICIENT',
      message: '张强（13票）得票未超过实到26人的半数，不能当选',
      fields: { 'committee.0.votes': '得票未超过实到人数的半数' },
    });
    const future = await post(town, url, election(org.version, { electedOn: addDays(today, 1) }));
    expect(future.json().error.code).toBe('ELECTION_DATE_IN_FUTURE');
    const earlier = await post(town, url, election(org.version, { electedOn: '2021-06-01' }));
    expect(earlier.json().error).toMatchObject({
      code: 'ELECTION_BEFORE_CURRENT_TERM',
      message: '选举日期应晚于本届任期开始日期2021-06-01',
    });
    const counts = await post(town, url, election(org.version, { presentVoters: 31, termYears: 4 }));
    expect(counts.statusCode).toBe(400);
    expect(Object.keys(counts.json().error.fields)).toEqual(['termYears']);
    const more = await post(town, url, election(org.version, { presentVoters: 31 }));
    expect(more.json().error.fields).toEqual({ presentVoters: '实到人数不能多于应到人数' });

    const stale = await post(town, url, election(org.version + 1));
    expect(stale.statusCode).toBe(409);
    expect((await get(town, `/api/orgs/${org.id}/elections`)).json().total).toBe(0);
    expect((await get(town, `/api/orgs/${org.id}`)).json()).toMatchObject({
      termStart: '2021-06-01',
      version: org.version,
    });
  });

  it('is recorded by users with orgs:write over the org, never outside the scope or for a 党小组', async () => {
    const village = (await get(town, `/api/orgs/${tree.orgs.village.id}`)).json();
    expect((await post(branch, `/api/orgs/${village.id}/elections`, election(village.version))).statusCode).toBe(403);
    const other = (await get(county, `/api/orgs/${tree.orgs.otherVillage.id}`)).json();
    expect((await post(town, `/api/orgs/${other.id}/elections`, election(other.version))).statusCode).toBe(404);
    expect((await get(town, `/api/orgs/${other.id}/elections`)).statusCode).toBe(404);
    const group = (await get(town, `/api/orgs/${tree.orgs.group.id}`)).json();
    const res = await post(town, `/api/orgs/${group.id}/elections`, election(group.version));
    expect(res.json().error).toMatchObject({ code: 'BUSINESS_RULE', message: '党小组不进行换届选举' });

    // A branch below 7 members elects only a secretary: the committee stays empty.
    const small = await post(
      county,
      `/api/orgs/${other.id}/elections`,
      election(other.version, {
        termYears: 3,
        eligibleVoters: 5,
        presentVoters: 5,
        secretary: { name: '赵磊', votes: 3 },
        committee: [],
      }),
    );
    expect(small.statusCode).toBe(201);
    expect(small.json().org).toMatchObject({ secretaryName: '赵磊', committee: [], termYears: 3 });
  });
});
