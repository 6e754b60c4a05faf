import { addDays, periodOf, todayIso } from '@grassroots/domain';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.js';
import { buildTestApp, loginAs, type Session, seedSmallTree } from '../../test/factories.js';
import { lifeWarningSource } from './life.warnings.js';

interface KindRow {
  kind: string;
  held: number;
  expected: number;
  status: string;
  periods: Array<{ key: string; status: string; reason: string | null }>;
}
interface OrgRow {
  orgId: number;
  name: string;
  status: string;
  kinds: KindRow[];
}

describeEachDb('组织生活: compliance, exemptions, catalogue, warnings', (getDb) => {
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof seedSmallTree>>;
  let county: Session;
  let town: Session;
  let branch: Session;

  beforeAll(async () => {
    tree = await seedSmallTree(getDb().ctx);
    app = await buildTestApp(getDb());
    [county, town, branch] = await Promise.all([
      loginAs(app, tree.users.county.username),
      loginAs(app, tree.users.town.username),
      loginAs(app, tree.users.branch.username),
    ]);
  });

  const record = async (orgId: number, kind: string, date: string, attendees: number[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/life/meetings',
      headers: town.write,
      payload: { orgId, kind, date, topic: '会议', host: '书记', attendees },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const compliance = async (orgId: number, period: string, qs = '', s = town) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/orgs/${orgId}/life/compliance?period=${period}&pageSize=200${qs}`,
      headers: s.read,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      period: { key: string; label: string };
      kinds: Array<{ kind: string; owing: number; met: number; short: number; in_progress: number; exempt: number }>;
      children: Array<{ orgId: number; name: string; owing: number; met: number; short: number }>;
      orgs: { items: OrgRow[]; total: number };
    };
  };
  const kindOf = (org: OrgRow | undefined, kind: string) => org?.kinds.find((k) => k.kind === kind);
  const orgIn = (c: Awaited<ReturnType<typeof compliance>>, id: number) => c.orgs.items.find((o) => o.orgId === id);

  describe('held vs expected per period', () => {
    beforeAll(async () => {
      const village = tree.members.village.map((m) => m.id);
      // 06-30 is the last day of Q2, 07-01 the first of Q3.
      await record(tree.orgs.village.id, 'general_meeting', '2025-06-30', village);
      await record(tree.orgs.village.id, 'general_meeting', '2025-07-01', village);
      await record(tree.orgs.village.id, 'party_lecture', '2025-04-01', village);
    });

    it('a meeting on the quarter’s last day counts for that quarter, the next day for the next', async () => {
      const q2 = await compliance(tree.orgs.village.id, '2025-Q2');
      expect(q2.period).toMatchObject({ key: '2025-Q2', label: '2025年第2季度' });
      const village = orgIn(q2, tree.orgs.village.id);
      expect(kindOf(village, 'general_meeting')).toMatchObject({ held: 1, expected: 1, status: 'met' });
      expect(kindOf(village, 'party_lecture')).toMatchObject({ held: 1, status: 'met' });
      // 主题党日 monthly: three months of the quarter, none held.
      expect(kindOf(village, 'theme_day')).toMatchObject({ held: 0, expected: 3, status: 'short' });
      expect(kindOf(village, 'theme_day')?.periods.map((p) => p.key)).toEqual(['2025-04', '2025-05', '2025-06']);
      // No committee recorded: 支委会 is not owed.
      expect(kindOf(village, 'committee_meeting')).toBeUndefined();
      const q3 = await compliance(tree.orgs.village.id, '2025-Q3');
      expect(kindOf(orgIn(q3, tree.orgs.village.id), 'general_meeting')).toMatchObject({ held: 1, status: 'met' });
      expect(kindOf(orgIn(q3, tree.orgs.village.id), 'party_lecture')).toMatchObject({ held: 0, status: 'short' });
      const q1 = await compliance(tree.orgs.village.id, '2025-Q1');
      expect(kindOf(orgIn(q1, tree.orgs.village.id), 'general_meeting')).toMatchObject({ held: 0, status: 'short' });
    });

    it('rolls up a subtree: per kind (orgs owing, met, short), per child, and the org list with shortfalls first', async () => {
      const c = await compliance(tree.orgs.town.id, '2025-Q2');
      const general = c.kinds.find((k) => k.kind === 'general_meeting');
      expect(general).toMatchObject({ owing: 2, met: 1, short: 1, exempt: 0 });
      const groupMeetings = c.kinds.find((k) => k.kind === 'group_meeting');
      expect(groupMeetings).toMatchObject({ owing: 1, short: 1 });
      expect(c.children.map((x) => x.name).sort()).toEqual(['城关镇东街社区党支部', '城关镇红旗村党支部'].sort());
      // The village child counts the village branch and its 党小组.
      expect(c.children.find((x) => x.orgId === tree.orgs.village.id)).toMatchObject({ owing: 2, short: 2 });
      expect(c.orgs.total).toBe(3);
      expect(c.orgs.items.every((o) => o.status === 'short')).toBe(true);
      const whole = await compliance(tree.orgs.county.id, '2025-Q2', '', county);
      expect(whole.kinds.find((k) => k.kind === 'general_meeting')).toMatchObject({ owing: 3, met: 1, short: 2 });
      expect(whole.children.map((x) => x.name).sort()).toEqual(['城关镇党委', '青石镇党委'].sort());
    });

    it('a year in progress is in progress, not short; the period must be a key', async () => {
      const year = await compliance(tree.orgs.village.id, String(Number(todayIso().slice(0, 4))));
      expect(kindOf(orgIn(year, tree.orgs.village.id), 'life_meeting')?.status).toBe('in_progress');
      const bad = await app.inject({
        method: 'GET',
        url: `/api/orgs/${tree.orgs.village.id}/life/compliance?period=2025Q2`,
        headers: town.read,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.period).toBe('期间应为“2026”“2026-Q3”或“2026-07”的形式');
    });

    it('an org founded mid-quarter is exempt for that quarter, owes the next in full', async () => {
      const { db } = getDb().ctx;
      await db.updateTable('orgs').set({ foundedOn: '2025-05-10' }).where('id', '=', tree.orgs.community.id).execute();
      const q2 = await compliance(tree.orgs.community.id, '2025-Q2');
      const general = kindOf(orgIn(q2, tree.orgs.community.id), 'general_meeting');
      expect(general).toMatchObject({ status: 'exempt', expected: 0 });
      expect(general?.periods[0]?.reason).toBe('本期内新成立（2025-05-10）');
      // April is before it existed (left out), May is exempt, June owed.
      expect(
        kindOf(orgIn(q2, tree.orgs.community.id), 'theme_day')?.periods.map((p) => `${p.key}:${p.status}`),
      ).toEqual(['2025-05:exempt', '2025-06:short']);
      const q3 = await compliance(tree.orgs.community.id, '2025-Q3');
      expect(kindOf(orgIn(q3, tree.orgs.community.id), 'general_meeting')?.status).toBe('short');
    });
  });

  describe('exemptions (免于考核), granted by the upper level', () => {
    it('a township exempts a branch for a quarter: every kind’s quarter and months are covered', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/life/exemptions',
        headers: town.write,
        payload: { orgId: tree.orgs.community.id, kind: null, periodKey: '2025-Q3', reason: '村社区党组织换届选举' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        kindLabel: '全部会议',
        periodKey: '2025-Q3',
        orgName: '城关镇东街社区党支部',
      });
      const q3 = await compliance(tree.orgs.community.id, '2025-Q3');
      const org = orgIn(q3, tree.orgs.community.id);
      expect(org?.status).toBe('exempt');
      expect(kindOf(org, 'general_meeting')?.periods[0]?.reason).toBe('村社区党组织换届选举');
      expect(kindOf(org, 'theme_day')?.periods.map((p) => p.status)).toEqual(['exempt', 'exempt', 'exempt']);
      // The next quarter is not covered.
      const q4 = await compliance(tree.orgs.community.id, '2025-Q4');
      expect(kindOf(orgIn(q4, tree.orgs.community.id), 'general_meeting')?.status).toBe('short');
      const list = await app.inject({
        method: 'GET',
        url: `/api/orgs/${tree.orgs.town.id}/life/exemptions?period=2025-08`,
        headers: town.read,
      });
      expect(list.json().items.map((e: { reason: string }) => e.reason)).toEqual(['村社区党组织换届选举']);
    });

    it('an exemption of one kind for one month covers only that', async () => {
      await app.inject({
        method: 'POST',
        url: '/api/life/exemptions',
        headers: town.write,
        payload: { orgId: tree.orgs.village.id, kind: 'theme_day', periodKey: '2025-05', reason: '防汛抢险' },
      });
      const q2 = await compliance(tree.orgs.village.id, '2025-Q2');
      expect(kindOf(orgIn(q2, tree.orgs.village.id), 'theme_day')?.periods.map((p) => `${p.key}:${p.status}`)).toEqual([
        '2025-04:short',
        '2025-05:exempt',
        '2025-06:short',
      ]);
    });

    it('nobody exempts their own org (403); a branch may exempt its 党小组; duplicates 409', async () => {
      const own = await app.inject({
        method: 'POST',
        url: '/api/life/exemptions',
        headers: branch.write,
        payload: { orgId: tree.orgs.village.id, kind: null, periodKey: '2025-Q4', reason: '理由' },
      });
      expect(own.statusCode).toBe(403);
      expect(own.json().error.message).toBe('免于考核由上级党组织批准，不能为本级党组织设置');
      const payload = { orgId: tree.orgs.group.id, kind: 'group_meeting', periodKey: '2025-10', reason: '组长调整' };
      const ok = await app.inject({ method: 'POST', url: '/api/life/exemptions', headers: branch.write, payload });
      expect(ok.statusCode).toBe(201);
      const again = await app.inject({ method: 'POST', url: '/api/life/exemptions', headers: branch.write, payload });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.fields.periodKey).toBe('该党组织在此期间已有相同的免于考核记录');
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/life/exemptions/${ok.json().id}`,
        headers: town.write,
      });
      expect(del.statusCode).toBe(204);
    });
  });

  describe('warnings (meetings_short)', () => {
    const today = todayIso();
    const lastQuarter = periodOf('quarter', addDays(periodOf('quarter', today).start, -1));
    const warnings = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/orgs/${tree.orgs.village.id}/warnings?kind=meetings_short&pageSize=200`,
          headers: branch.read,
        })
      ).json() as { counts: Record<string, number>; items: Array<{ subject: string; link: string; orgId: number }> };
    const lastQuarterLabel = `${lastQuarter.key.slice(0, 4)}年第${lastQuarter.key.slice(-1)}季度`;

    it('the last quarter’s missing 支部党员大会 is listed with a link, and disappears once it is recorded (补录)', async () => {
      const before = await warnings();
      const subject = `支部党员大会（${lastQuarterLabel}）`;
      const item = before.items.find((w) => w.subject === subject && w.orgId === tree.orgs.village.id);
      expect(item).toMatchObject({ link: `/life/meetings?org=${tree.orgs.village.id}&kind=general_meeting` });
      expect(before.counts.meetings_short).toBeGreaterThan(0);
      await record(
        tree.orgs.village.id,
        'general_meeting',
        lastQuarter.end,
        tree.members.village.map((m) => m.id),
      );
      const after = await warnings();
      expect(after.items.some((w) => w.subject === subject && w.orgId === tree.orgs.village.id)).toBe(false);
      expect(after.counts.meetings_short).toBe((before.counts.meetings_short ?? 0) - 1);
    });

    it('the current quarter warns once 15 days or fewer remain (06-16), not with 16 left (06-15)', async () => {
      const { db } = getDb().ctx;
      const list = async (day: string) =>
        (await lifeWarningSource.list(db, tree.orgs.otherVillage, day)).map((w) => `${w.subject}|${w.dueDate}`);
      expect(await list('2025-06-16')).toContain('支部党员大会（2025年第2季度）|2025-06-30');
      expect(await list('2025-06-15')).not.toContain('支部党员大会（2025年第2季度）|2025-06-30');
      // Monthly: 7 days left on the 24th of June (30 days).
      expect(await list('2025-06-24')).toContain('主题党日（2025年6月）|2025-06-30');
      expect(await list('2025-06-23')).not.toContain('主题党日（2025年6月）|2025-06-30');
      // The last completed period, short: overdue.
      expect(await list('2025-07-01')).toContain('支部党员大会（2025年第2季度）|2025-06-30');
      expect(await list('2025-07-01')).toContain('主题党日（2025年6月）|2025-06-30');
    });

    it('an exempt period warns nothing', async () => {
      const { db } = getDb().ctx;
      const items = await lifeWarningSource.list(db, tree.orgs.community, '2025-10-01');
      expect(items.filter((w) => w.subject.includes('2025年第3季度'))).toEqual([]);
    });
  });

  describe('org moves', () => {
    it('meetings and exemptions follow their org to its new parent (paths rewritten)', async () => {
      const { db } = getDb().ctx;
      const org = await db
        .selectFrom('orgs')
        .select('version')
        .where('id', '=', tree.orgs.community.id)
        .executeTakeFirstOrThrow();
      const moved = await app.inject({
        method: 'POST',
        url: `/api/orgs/${tree.orgs.community.id}/move`,
        headers: county.write,
        payload: { parentId: tree.orgs.otherTown.id, version: org.version },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const path = `${tree.orgs.otherTown.path}${tree.orgs.community.id}/`;
      const paths = [
        ...(await db.selectFrom('meetings').select('orgPath').where('orgId', '=', tree.orgs.community.id).execute()),
        ...(await db
          .selectFrom('obligationExemptions')
          .select('orgPath')
          .where('orgId', '=', tree.orgs.community.id)
          .execute()),
      ].map((r) => r.orgPath);
      expect(paths.length).toBeGreaterThan(0);
      expect(new Set(paths)).toEqual(new Set([path]));
      const c = await compliance(tree.orgs.otherTown.id, '2025-Q3', '', county);
      expect(orgIn(c, tree.orgs.community.id)?.status).toBe('exempt');
    });
  });

  describe('the obligation catalogue (county only)', () => {
    const catalogue = async () =>
      (await app.inject({ method: 'GET', url: '/api/life/obligations', headers: branch.read })).json().items as Array<{
        id: number;
        kind: string;
        expected: number;
        version: number;
        cycleLabel: string;
      }>;

    it('is seeded with the defaults of DOMAIN §3 and readable by a branch', async () => {
      const items = await catalogue();
      expect(items.map((o) => `${o.kind}:${o.cycleLabel}:${o.expected}`)).toEqual([
        'general_meeting:每季度:1',
        'committee_meeting:每月:1',
        'group_meeting:每月:1',
        'party_lecture:每季度:1',
        'theme_day:每月:1',
        'life_meeting:每年:1',
        'member_review:每年:1',
      ]);
    });

    it('a township user may not change it (403 with the reason); the county may (versioned, audited)', async () => {
      const lecture = (await catalogue()).find((o) => o.kind === 'party_lecture')!;
      const refused = await app.inject({
        method: 'PATCH',
        url: `/api/life/obligations/${lecture.id}`,
        headers: town.write,
        payload: { version: lecture.version, expected: 2 },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe('组织生活要求由县级组织部门统一设置，您没有修改的权限');
      const ok = await app.inject({
        method: 'PATCH',
        url: `/api/life/obligations/${lecture.id}`,
        headers: county.write,
        payload: { version: lecture.version, expected: 2 },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ expected: 2, version: lecture.version + 1 });
      const q2 = await compliance(tree.orgs.village.id, '2025-Q2');
      expect(kindOf(orgIn(q2, tree.orgs.village.id), 'party_lecture')).toMatchObject({
        held: 1,
        expected: 2,
        status: 'short',
      });
      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/life/obligations/${lecture.id}`,
        headers: county.write,
        payload: { version: lecture.version, expected: 1 },
      });
      expect(stale.statusCode).toBe(409);
    });

    it('a new obligation for some sectors from a start date; one clashing with an existing kind is refused', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/life/obligations',
        headers: county.write,
        payload: {
          kind: 'first_topic_study',
          cycle: 'month',
          expected: 1,
          orgKinds: ['branch'],
          sectors: ['government'],
          requiresCommittee: false,
          startsOn: '2026-01-01',
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ kindLabel: '第一议题', sectorLabels: ['机关'], startsOn: '2026-01-01' });
      const clash = await app.inject({
        method: 'POST',
        url: '/api/life/obligations',
        headers: county.write,
        payload: {
          kind: 'general_meeting',
          cycle: 'month',
          expected: 1,
          orgKinds: ['joint_branch'],
          sectors: null,
          requiresCommittee: false,
          startsOn: null,
        },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.fields.kind).toContain('已有支部党员大会的要求');
      const townRefused = await app.inject({
        method: 'DELETE',
        url: `/api/life/obligations/${created.json().id}?version=0`,
        headers: town.write,
      });
      expect(townRefused.statusCode).toBe(403);
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/life/obligations/${created.json().id}?version=0`,
        headers: county.write,
      });
      expect(del.statusCode).toBe(204);
    });
  });
});
