// The metrics of 督导整改, 清单任务, 书记项目, 党建联系点 and 整顿评定 on a real database, against fixtures counted by hand:
// records made through each module's API, then dated in the past (found on, event times) so every figure is fixed.
// Each fixture has records out of the period and out of the township's subtree that must not count, and a record
// finished after the period's end that counts as still open then (the state as of `to` comes from the events).
import { DEFAULT_SCORECARD } from '@grassroots/domain';
import { beforeAll, expect, it } from 'vitest';
import { finalStates } from '../../platform/metrics.js';
import { describeEachDb } from '../../test/databases.js';
import { type Session, smallTreeSuite } from '../../test/factories.js';
import { CONTACT_POINT_METRICS } from '../contact-points/contact-points.metrics.js';
import { ELECTION_METRICS } from '../elections/elections.metrics.js';
import { INSPECTION_METRICS } from '../inspections/inspections.metrics.js';
import { RECTIFICATION } from '../inspections/inspections.workflow.js';
import { PROJECT_METRICS } from '../projects/projects.metrics.js';
import { STAR_RATING_METRICS } from '../star-ratings/star-ratings.metrics.js';
import { TASK_METRICS } from '../tasks/tasks.metrics.js';
import { WEAK_ORG_METRICS } from '../weak-orgs/weak-orgs.metrics.js';

const DECLARED = [
  ...INSPECTION_METRICS,
  ...TASK_METRICS,
  ...PROJECT_METRICS,
  ...CONTACT_POINT_METRICS,
  ...WEAK_ORG_METRICS,
  ...ELECTION_METRICS,
  ...STAR_RATING_METRICS,
];

/** The first half of 2026, and a longer period that takes in 2025 and what was finished in July. */
const H1 = 'from=2026-01-01&to=2026-06-30';
const LONG = 'from=2025-01-01&to=2026-08-15';

describeEachDb('metrics of inspections, tasks, projects, contact points, weak orgs, elections, ratings', (getDb) => {
  const { tree, sessions, get, send } = smallTreeSuite(getDb, ['county', 'town', 'grid']);
  const { county, town } = sessions;
  const db = () => getDb().ctx.db;
  const at = (day: string) => `${day}T02:00:00.000Z`;

  const ok = async (s: Session, method: 'POST' | 'PATCH', url: string, payload: object) => {
    const res = await send(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  /** Gives a record's workflow events (in the order written) the dates of its story. */
  const dateWorkflow = async (workflow: string, recordId: number, days: string[]) => {
    const events = await db()
      .selectFrom('workflowEvents')
      .select('id')
      .where('workflow', '=', workflow)
      .where('recordId', '=', recordId)
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(days.length);
    for (const [i, e] of events.entries())
      await db()
        .updateTable('workflowEvents')
        .set({ at: at(days[i]!) })
        .where('id', '=', e.id)
        .execute();
  };

  const values = async (keys: string[], orgId: number, period: string, s = county) => {
    const res = await get(s, `/api/metrics/values?keys=${keys.join(',')}&orgId=${orgId}&${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().values.map((v: { key: string; value: number }) => [v.key, v.value]));
  };

  // ---- 督导整改: p1 accepted in April; p2 accepted on 1 August (still being rectified at the end of June); p3 at
  // the community, past its deadline; p4 in 青石镇 (outside the township); p5 found in 2025 by the township's round.
  const inspections = async () => {
    const round = await ok(county, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.county.id,
      title: '2026年基层党建明察暗访',
      team: '县委组织部督导组',
      kind: 'unannounced',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
    });
    const townRound = await ok(town, 'POST', '/api/inspections/rounds', {
      orgId: tree.orgs.town.id,
      title: '城关镇2025年冬季督导',
      team: '镇党委',
      kind: 'open',
      startsOn: '2025-11-01',
      endsOn: '2025-11-30',
    });
    const problem = async (
      s: Session,
      roundId: number,
      orgId: number,
      deadline: string,
      steps: Array<['start' | 'submit' | 'accept', object]>,
      days: string[],
    ) => {
      let p = await ok(s, 'POST', '/api/problems', {
        roundId,
        orgId,
        category: 'organization_life',
        description: '三会一课记录不全',
        severity: 'major',
        responsiblePerson: '张伟',
        deadline,
      });
      for (const [action, body] of steps)
        p = await ok(s, 'POST', `/api/problems/${p.id}/actions/${action}`, { version: p.version, ...body });
      await db().updateTable('problems').set({ foundOn: days[0]! }).where('id', '=', p.id).execute();
      await dateWorkflow('rectification', p.id, days);
    };
    const fixed: Array<['start' | 'submit' | 'accept', object]> = [
      ['start', {}],
      ['submit', { evidence: '已补齐记录' }],
      ['accept', {}],
    ];
    await problem(county, round.id, tree.orgs.village.id, '2026-04-30', fixed, [
      '2026-03-05',
      '2026-03-10',
      '2026-04-01',
      '2026-04-10',
    ]);
    await problem(county, round.id, tree.orgs.village.id, '2026-07-31', fixed, [
      '2026-03-06',
      '2026-03-10',
      '2026-06-20',
      '2026-08-01',
    ]);
    await problem(
      county,
      round.id,
      tree.orgs.community.id,
      '2026-05-31',
      [['start', {}]],
      ['2026-04-01', '2026-04-05'],
    );
    await problem(county, round.id, tree.orgs.otherVillage.id, '2026-12-31', [], ['2026-05-01']);
    await problem(town, townRound.id, tree.orgs.village.id, '2026-02-01', [], ['2025-12-20']);
  };

  // ---- 清单任务: the county's 2026 list (T1: M1 → both townships, M2 → 城关镇; T2: M3 → 红旗村) and its 2025 list
  // (T3: M4 → 城关镇, never started). A1 accepted in May; A2 reported, overdue; A3 not started; A4 submitted in March
  // and accepted in July; A5 overdue since mid-2025.
  const tasks = async () => {
    const list = async (year: number, tasksOf: Array<{ title: string; measures: [string, number[]][] }>) => {
      const l = await ok(county, 'POST', '/api/task-lists', {
        orgId: tree.orgs.county.id,
        year,
        sector: 'rural',
        title: `${year}年基层党建重点任务清单`,
      });
      const byOrg: Array<Map<number, { id: number; version: number }>> = [];
      for (const t of tasksOf) {
        const withTask = await ok(county, 'POST', `/api/task-lists/${l.id}/tasks`, { title: t.title });
        const taskId = withTask.tasks.find((x: { title: string }) => x.title === t.title).id;
        for (const [deadline, orgIds] of t.measures) {
          const res = await ok(county, 'POST', `/api/task-lists/${l.id}/measures`, {
            taskId,
            title: `措施${deadline}`,
            deadline,
            orgIds,
          });
          const measure = res.tasks
            .flatMap((x: { measures: unknown[] }) => x.measures)
            .find((m: { title: string }) => m.title === `措施${deadline}`);
          byOrg.push(new Map(measure.assignments.map((a: { orgId: number }) => [a.orgId, a])));
        }
      }
      return byOrg;
    };
    const { town: t, otherTown: o, village: v } = tree.orgs;
    const [m1, m2, m3] = await list(2026, [
      {
        title: '抓基层强基础',
        measures: [
          ['2026-05-31', [t.id, o.id]],
          ['2026-12-31', [t.id]],
        ],
      },
      { title: '抓班子带队伍', measures: [['2026-03-31', [v.id]]] },
    ]);
    const [m4] = await list(2025, [{ title: '规范组织生活', measures: [['2025-06-30', [t.id]]] }]);
    const act = async (a: { id: number; version: number }, action: string, body: object) =>
      ok(county, 'POST', `/api/task-assignments/${a.id}/actions/${action}`, { version: a.version, ...body });
    const finish = async (a: { id: number; version: number }) => {
      const submitted = await act(a, 'report', { note: '已完成', complete: true });
      await act(submitted, 'accept', {});
    };
    const a1 = m1!.get(t.id)!;
    const a2 = m1!.get(o.id)!;
    const a4 = m3!.get(v.id)!;
    await finish(a1);
    await act(a2, 'report', { note: '推进中', percent: 50 });
    await finish(a4);
    await dateWorkflow('task_assignment', a1.id, ['2026-02-01', '2026-05-20', '2026-05-25']);
    await dateWorkflow('task_assignment', a2.id, ['2026-02-01', '2026-04-01']);
    await dateWorkflow('task_assignment', m2!.get(t.id)!.id, ['2026-02-01']);
    await dateWorkflow('task_assignment', a4.id, ['2026-02-01', '2026-03-30', '2026-07-15']);
    await dateWorkflow('task_assignment', m4!.get(t.id)!.id, ['2025-03-01']);
  };

  // ---- 书记项目 and 实事: SP1 (红旗村, accepted in May), SP2 (青石镇, just set up), SP3 (红旗村 2025, accepted then);
  // 实事 done in May, done in August, open, done in 青石镇, done in 2025; 急难愁盼 done and open.
  const projects = async () => {
    const project = async (orgId: number, year: number, steps: Array<[string, object]>, days: string[]) => {
      let p = await ok(county, 'POST', '/api/secretary-projects', {
        orgId,
        year,
        title: `${year}年书记项目`,
        secretaryName: '张伟',
        goal: '硬化村道3公里',
        targetDate: `${year}-12-31`,
      });
      for (const [action, body] of steps)
        p = await ok(county, 'POST', `/api/secretary-projects/${p.id}/actions/${action}`, {
          version: p.version,
          ...body,
        });
      await dateWorkflow('secretary_project', p.id, days);
    };
    const accepted: Array<[string, object]> = [
      ['start', {}],
      ['accept', { result: '完成' }],
    ];
    await project(tree.orgs.village.id, 2026, accepted, ['2026-02-01', '2026-03-01', '2026-05-01']);
    await project(tree.orgs.otherVillage.id, 2026, [], ['2026-02-10']);
    await project(tree.orgs.village.id, 2025, accepted, ['2025-02-01', '2025-03-01', '2025-10-01']);
    const matter = async (orgId: number, year: number, kind: string, doneOn: string | null) => {
      const m = await ok(county, 'POST', '/api/practical-matters', {
        orgId,
        year,
        kind,
        title: '修缮村文化广场',
        raisedBy: '村民代表会议',
        ownerName: '王芳',
        targetDate: `${year}-12-31`,
      });
      if (doneOn)
        await ok(county, 'PATCH', `/api/practical-matters/${m.id}`, {
          version: m.version,
          status: 'done',
          result: '已修缮',
          doneOn,
        });
    };
    const { village, otherVillage, community } = tree.orgs;
    await matter(village.id, 2026, 'practical_matter', '2026-05-10');
    await matter(village.id, 2026, 'practical_matter', '2026-08-01');
    await matter(village.id, 2026, 'practical_matter', null);
    await matter(otherVillage.id, 2026, 'practical_matter', '2026-03-01');
    await matter(village.id, 2025, 'practical_matter', '2025-11-01');
    await matter(village.id, 2026, 'urgent_need', '2026-04-01');
    await matter(community.id, 2026, 'urgent_need', null);
  };

  // ---- 党建联系点: L1 红旗村 (from 2026, open), L2 石桥村 (2025 only), L3 东街社区 (March–December 2026), L4 石桥村
  // (from 2026); their visits and the problems raised, solved before, after or never.
  const contactPoints = async () => {
    const link = (orgId: number, validFrom: string, validTo: string | null) =>
      ok(county, 'POST', '/api/contact-links', {
        orgId,
        leaderName: '李书记',
        leaderPosition: '县委副书记',
        validFrom,
        validTo,
      });
    const visit = (linkId: number, visitedOn: string, solved: Array<string | null>) =>
      ok(county, 'POST', '/api/contact-visits', {
        linkId,
        visitedOn,
        content: '调研指导',
        problems: solved.map((solvedOn, i) => ({ text: `难题${i + 1}`, solvedOn })),
      });
    const l1 = await link(tree.orgs.village.id, '2026-01-01', null);
    const l2 = await link(tree.orgs.otherVillage.id, '2025-01-01', '2025-12-31');
    const l3 = await link(tree.orgs.community.id, '2026-03-01', '2026-12-31');
    const l4 = await link(tree.orgs.otherVillage.id, '2026-01-01', null);
    await visit(l1.id, '2026-02-10', ['2026-03-01', '2026-08-01', null]);
    await visit(l3.id, '2026-04-01', ['2026-04-02']);
    await visit(l2.id, '2025-06-01', ['2025-07-01']);
    await visit(l1.id, '2026-07-10', ['2026-07-11']);
    await visit(l4.id, '2026-05-01', ['2026-05-02']);
  };

  // ---- 整顿评定: W1 红旗村 2026 (accepted in May), W2 石桥村 2026 (at work), W3 东街社区 2025 (accepted then);
  // elections in April 2026 (红旗村), October 2025 (东街社区), May 2026 (石桥村); star ratings of 2026 and 2025.
  const ratings = async () => {
    const weakOrg = async (orgId: number, year: number, deadline: string, accept: boolean, days: string[]) => {
      let w = await ok(county, 'POST', '/api/weak-orgs', {
        orgId,
        year,
        reasons: ['life_irregular'],
        plan: '调整充实班子，县乡两级包联',
        leaderName: '李卫东',
        measures: ['选派第一书记'],
        deadline,
      });
      if (accept) {
        w = await ok(county, 'POST', `/api/weak-orgs/${w.id}/submit`, { version: w.version });
        await ok(county, 'POST', `/api/weak-orgs/${w.id}/accept`, { version: w.version });
      }
      const events = await db()
        .selectFrom('weakOrgEvents')
        .select('id')
        .where('rectificationId', '=', w.id)
        .orderBy('id')
        .execute();
      expect(events).toHaveLength(days.length);
      for (const [i, e] of events.entries())
        await db()
          .updateTable('weakOrgEvents')
          .set({ at: at(days[i]!) })
          .where('id', '=', e.id)
          .execute();
    };
    await weakOrg(tree.orgs.village.id, 2026, '2026-06-30', true, ['2026-02-01', '2026-04-20', '2026-05-20']);
    await weakOrg(tree.orgs.otherVillage.id, 2026, '2026-12-31', false, ['2026-02-01']);
    await weakOrg(tree.orgs.community.id, 2025, '2025-12-31', true, ['2025-03-01', '2025-09-01', '2025-10-01']);

    const elect = async (orgId: number, electedOn: string) => {
      const org = (await get(county, `/api/orgs/${orgId}`)).json();
      await ok(county, 'POST', `/api/orgs/${orgId}/elections`, {
        electedOn,
        method: 'direct_competitive',
        termYears: 5,
        eligibleVoters: 30,
        presentVoters: 26,
        secretary: { name: '王建国', votes: 25 },
        committee: [],
        orgVersion: org.version,
      });
    };
    await elect(tree.orgs.village.id, '2026-04-01');
    await elect(tree.orgs.community.id, '2025-10-01');
    await elect(tree.orgs.otherVillage.id, '2026-05-01');

    const full = Object.fromEntries(DEFAULT_SCORECARD.items.map((i) => [i.key, i.maxPoints]));
    const half = Object.fromEntries(DEFAULT_SCORECARD.items.map((i) => [i.key, i.maxPoints / 2]));
    const rate = (orgId: number, year: number, scores: object) =>
      ok(county, 'POST', '/api/star-ratings', { orgId, year, scores });
    await rate(tree.orgs.village.id, 2026, full);
    await rate(tree.orgs.community.id, 2026, half);
    await rate(tree.orgs.otherVillage.id, 2026, full);
    await rate(tree.orgs.village.id, 2025, full);
  };

  beforeAll(async () => {
    await inspections();
    await tasks();
    await projects();
    await contactPoints();
    await ratings();
  });

  it('reproduces "发现问题…整改到位…正在整改之中" in miniature, the state as of the period end from the events', async () => {
    const keys = [
      'inspections.problems.found',
      'inspections.problems.rectified',
      'inspections.problems.in_progress',
      'inspections.problems.rectified.share',
      'inspections.problems.overdue',
      'inspections.rounds',
      'inspections.rounds.unannounced',
    ];
    // 发现问题4个，整改到位1个，还有3个问题正在整改之中 (p2 was accepted only in August); p5 was found in 2025.
    expect(await values(keys, tree.orgs.county.id, H1)).toEqual({
      'inspections.problems.found': 4,
      'inspections.problems.rectified': 1,
      'inspections.problems.in_progress': 3,
      'inspections.problems.rectified.share': 0.25,
      'inspections.problems.overdue': 2,
      'inspections.rounds': 1,
      'inspections.rounds.unannounced': 1,
    });
    // 城关镇: p4 (青石镇) is outside; the county's round is not the township's own.
    expect(await values(keys, tree.orgs.town.id, H1, town)).toEqual({
      'inspections.problems.found': 3,
      'inspections.problems.rectified': 1,
      'inspections.problems.in_progress': 2,
      'inspections.problems.rectified.share': 1 / 3,
      'inspections.problems.overdue': 2,
      'inspections.rounds': 0,
      'inspections.rounds.unannounced': 0,
    });
    expect(await values(keys, tree.orgs.county.id, LONG)).toEqual({
      'inspections.problems.found': 5,
      'inspections.problems.rectified': 2,
      'inspections.problems.in_progress': 3,
      'inspections.problems.rectified.share': 0.4,
      'inspections.problems.overdue': 2,
      'inspections.rounds': 2,
      'inspections.rounds.unannounced': 1,
    });
    const inProgress = await get(
      county,
      `/api/metrics/inspections.problems.in_progress/records?orgId=${tree.orgs.town.id}&${H1}`,
    );
    expect(inProgress.json().items.map((r: { orgName: string; state: string }) => [r.orgName, r.state])).toEqual([
      ['城关镇红旗村党支部', '已提交'],
      ['城关镇东街社区党支部', '整改中'],
    ]);
  });

  it('counts key tasks, measures and assignments of the period’s lists, done and overdue as of the period end', async () => {
    const keys = [
      'tasks.tasks.total',
      'tasks.measures.total',
      'tasks.measures.overdue',
      'tasks.assignments.total',
      'tasks.assignments.done',
      'tasks.assignments.done.share',
      'tasks.assignments.overdue',
    ];
    expect(await values(keys, tree.orgs.county.id, H1)).toEqual({
      'tasks.tasks.total': 2,
      'tasks.measures.total': 3,
      'tasks.measures.overdue': 3,
      'tasks.assignments.total': 4,
      'tasks.assignments.done': 1,
      'tasks.assignments.done.share': 0.25,
      'tasks.assignments.overdue': 3,
    });
    // 城关镇: A2 (青石镇) and its measure's overdue are outside; A5 of 2025 is still overdue (an instant figure).
    expect(await values(keys, tree.orgs.town.id, H1, town)).toEqual({
      'tasks.tasks.total': 2,
      'tasks.measures.total': 3,
      'tasks.measures.overdue': 2,
      'tasks.assignments.total': 3,
      'tasks.assignments.done': 1,
      'tasks.assignments.done.share': 1 / 3,
      'tasks.assignments.overdue': 2,
    });
    expect(await values(keys, tree.orgs.county.id, LONG)).toEqual({
      'tasks.tasks.total': 3,
      'tasks.measures.total': 4,
      'tasks.measures.overdue': 2,
      'tasks.assignments.total': 5,
      'tasks.assignments.done': 2,
      'tasks.assignments.done.share': 0.4,
      'tasks.assignments.overdue': 2,
    });
  });

  it('counts secretary projects and 实事 of the period’s years, done by the period end', async () => {
    const keys = [
      'projects.secretary.total',
      'projects.secretary.accepted',
      'projects.practical.total',
      'projects.practical.done',
      'projects.practical.done.share',
      'projects.urgent.total',
      'projects.urgent.done',
    ];
    expect(await values(keys, tree.orgs.county.id, H1)).toEqual({
      'projects.secretary.total': 2,
      'projects.secretary.accepted': 1,
      'projects.practical.total': 4,
      'projects.practical.done': 2,
      'projects.practical.done.share': 0.5,
      'projects.urgent.total': 2,
      'projects.urgent.done': 1,
    });
    expect(await values(keys, tree.orgs.town.id, H1, town)).toEqual({
      'projects.secretary.total': 1,
      'projects.secretary.accepted': 1,
      'projects.practical.total': 3,
      'projects.practical.done': 1,
      'projects.practical.done.share': 1 / 3,
      'projects.urgent.total': 2,
      'projects.urgent.done': 1,
    });
    expect(await values(keys, tree.orgs.county.id, LONG)).toEqual({
      'projects.secretary.total': 3,
      'projects.secretary.accepted': 2,
      'projects.practical.total': 5,
      'projects.practical.done': 4,
      'projects.practical.done.share': 0.8,
      'projects.urgent.total': 2,
      'projects.urgent.done': 1,
    });
  });

  it('counts contact points in force, visits, and 党建难题 raised at them and solved by the period end', async () => {
    const keys = [
      'contact_points.total',
      'contact_points.visits',
      'contact_points.problems.raised',
      'contact_points.problems.solved',
    ];
    expect(await values(keys, tree.orgs.county.id, H1)).toEqual({
      'contact_points.total': 3,
      'contact_points.visits': 3,
      'contact_points.problems.raised': 5,
      'contact_points.problems.solved': 3,
    });
    expect(await values(keys, tree.orgs.town.id, H1, town)).toEqual({
      'contact_points.total': 2,
      'contact_points.visits': 2,
      'contact_points.problems.raised': 4,
      'contact_points.problems.solved': 2,
    });
    expect(await values(keys, tree.orgs.county.id, LONG)).toEqual({
      'contact_points.total': 4,
      'contact_points.visits': 5,
      'contact_points.problems.raised': 7,
      'contact_points.problems.solved': 6,
    });
  });

  it('counts weak orgs and their acceptance, elections and star ratings', async () => {
    const keys = [
      'weak_orgs.identified',
      'weak_orgs.rectified',
      'weak_orgs.rectified.share',
      'elections.held',
      'ratings.rated',
      'ratings.five_star',
      'ratings.five_star.share',
    ];
    expect(await values(keys, tree.orgs.county.id, H1)).toEqual({
      'weak_orgs.identified': 2,
      'weak_orgs.rectified': 1,
      'weak_orgs.rectified.share': 0.5,
      'elections.held': 2,
      'ratings.rated': 3,
      'ratings.five_star': 2,
      'ratings.five_star.share': 2 / 3,
    });
    expect(await values(keys, tree.orgs.town.id, H1, town)).toEqual({
      'weak_orgs.identified': 1,
      'weak_orgs.rectified': 1,
      'weak_orgs.rectified.share': 1,
      'elections.held': 1,
      'ratings.rated': 2,
      'ratings.five_star': 1,
      'ratings.five_star.share': 0.5,
    });
    expect(await values(keys, tree.orgs.county.id, LONG)).toEqual({
      'weak_orgs.identified': 3,
      'weak_orgs.rectified': 2,
      'weak_orgs.rectified.share': 2 / 3,
      'elections.held': 3,
      'ratings.rated': 4,
      'ratings.five_star': 3,
      'ratings.five_star.share': 0.75,
    });
    // W1 was accepted on 20 May: at the end of April it was still being rectified.
    const april = await values(['weak_orgs.rectified'], tree.orgs.county.id, 'from=2026-01-01&to=2026-04-30');
    expect(april['weak_orgs.rectified']).toBe(0);
  });

  it('lists, for every metric declared here, records that add up to its figure, with every column labelled', async () => {
    for (const def of DECLARED) {
      // A share's records are its numerator's: they add up to the numerator.
      const counted = def.kind === 'share' ? DECLARED.find((d) => d !== def && d.records === def.records)! : def;
      expect(counted.kind, def.key).toBe('count');
      for (const [orgId, period] of [
        [tree.orgs.county.id, H1],
        [tree.orgs.town.id, H1],
        [tree.orgs.county.id, LONG],
      ] as const) {
        const query = `orgId=${orgId}&${period}`;
        const figure = (await get(county, `/api/metrics/${counted.key}?${query}`)).json();
        const page = (await get(county, `/api/metrics/${def.key}/records?${query}&pageSize=100`)).json();
        expect(page.total, `${def.key} ${query}`).toBe(figure.value);
        expect(page.items, def.key).toHaveLength(page.total);
        for (const c of page.columns) expect(c.label, `${def.key}.${c.key}`).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(def.label).toMatch(/[\u4e00-\u9fff]/);
      expect(def.description).toMatch(/[\u4e00-\u9fff]/);
      expect(['个', '条', '项', '件', '次', '%']).toContain(def.unit);
      expect(def.phrases.length, def.key).toBeGreaterThan(0);
    }
  });

  it('keeps the figures from users without the module’s permission, and shows the labels of codes in records', async () => {
    const denied = await get(sessions.grid, `/api/metrics/inspections.problems.found?orgId=${tree.orgs.group.id}`);
    expect(denied.statusCode).toBe(403);
    const catalogue = (await get(sessions.grid, '/api/metrics')).json().items.map((m: { key: string }) => m.key);
    expect(catalogue).not.toContain('tasks.tasks.total');
    const all = (await get(county, '/api/metrics')).json().items as Array<{ key: string; group: string }>;
    expect(all.filter((m) => DECLARED.some((d) => d.key === m.key))).toHaveLength(DECLARED.length);
    const rated = await get(county, `/api/metrics/ratings.five_star/records?orgId=${tree.orgs.town.id}&${H1}`);
    expect(rated.json().items).toEqual([
      expect.objectContaining({ orgName: '城关镇红旗村党支部', year: 2026, stars: '五星级' }),
    ]);
  });
});

it('counts a fixed state by its event only while no transition leaves it (else a replay would be needed)', () => {
  expect(finalStates(RECTIFICATION, 'fixed')).toEqual(['accepted']);
  const reopen = { ...RECTIFICATION.actions.return, from: ['accepted' as const] };
  expect(() =>
    finalStates({ ...RECTIFICATION, actions: { ...RECTIFICATION.actions, return: reopen } }, 'fixed'),
  ).toThrow('rectification: fixed states can be left');
});
