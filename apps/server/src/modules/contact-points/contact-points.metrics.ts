// 党建联系点 metrics: the leaders' contact points in force in the period, their visits, and the 党建难题 raised at
// those visits and solved ("协调解决党建难题2841个"), all at the linked org.
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { defineRecordMetric, inPeriod, type MetricDefinition, type MetricQuery } from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const META = { group: '党建联系点', module: 'contact-points', permission: 'tasks:read' } as const;

const links = defineRecordMetric({
  ...META,
  key: 'contact_points.total',
  label: '党建联系点',
  unit: '个',
  period: 'range',
  description:
    '联系期与期间有交集（期间内至少有一天在联系期内）的、所选范围内党组织的领导党建联系点个数（一位领导联系一个党组织算一个）',
  phrases: ['党建联系点', '联系点', '包抓联系'],
  query: (db, q) =>
    db
      .selectFrom('contactLinks as k')
      .innerJoin('orgs as o', 'o.id', 'k.orgId')
      .select(['k.id', 'k.leaderName', 'k.leaderPosition', 'o.name as orgName', 'k.orgPath', 'k.validFrom'])
      .select('k.validTo')
      .where(whereInScope(q.scope, 'k.orgPath'))
      .where('k.validFrom', '<=', q.to)
      .where((eb) => eb.or([eb('k.validTo', 'is', null), eb('k.validTo', '>=', q.from)])),
  columns: [
    { key: 'leaderName', label: '联系领导' },
    { key: 'leaderPosition', label: '职务' },
    { key: 'orgName', label: '联系党组织' },
    { key: 'validFrom', label: '联系开始日期' },
    { key: 'validTo', label: '联系结束日期' },
  ],
  orderBy: 'org_path, id',
});

const visits = defineRecordMetric({
  ...META,
  key: 'contact_points.visits',
  label: '联系点走访',
  unit: '次',
  period: 'range',
  description: '走访日期在期间内的、所选范围内党组织的联系点走访次数',
  phrases: ['走访', '调研指导', '到联系点'],
  query: (db, q) =>
    db
      .selectFrom('contactVisits as v')
      .innerJoin('contactLinks as k', 'k.id', 'v.linkId')
      .innerJoin('orgs as o', 'o.id', 'v.orgId')
      .select(['v.id', 'v.visitedOn', 'o.name as orgName', 'v.orgPath', 'k.leaderName', 'v.content'])
      .where(whereInScope(q.scope, 'v.orgPath'))
      .where(inPeriod('v.visitedOn', q)),
  columns: [
    { key: 'visitedOn', label: '走访日期' },
    { key: 'orgName', label: '联系党组织' },
    { key: 'leaderName', label: '联系领导' },
    { key: 'content', label: '走访内容' },
  ],
  orderBy: 'visited_on, id',
});

/** Problems raised at the period's visits of the scope; `solved` keeps those solved on or before its end. */
function raisedAtVisits(db: Db, q: MetricQuery, solved: boolean) {
  return db
    .selectFrom('contactProblems as p')
    .innerJoin('contactVisits as v', 'v.id', 'p.visitId')
    .innerJoin('contactLinks as k', 'k.id', 'v.linkId')
    .innerJoin('orgs as o', 'o.id', 'v.orgId')
    .select(['p.id', 'p.text', 'o.name as orgName', 'v.orgPath', 'k.leaderName', 'v.visitedOn', 'p.solvedOn'])
    .where(whereInScope(q.scope, 'v.orgPath'))
    .where(inPeriod('v.visitedOn', q))
    .$if(solved, (qb) => qb.where(sql<SqlBool>`p.solved_on is not null and p.solved_on <= ${q.to}`));
}

const PROBLEM_COLUMNS = [
  { key: 'text', label: '问题' },
  { key: 'orgName', label: '联系党组织' },
  { key: 'leaderName', label: '联系领导' },
  { key: 'visitedOn', label: '走访日期' },
  { key: 'solvedOn', label: '解决日期' },
] as const;

export const CONTACT_POINT_METRICS: readonly MetricDefinition[] = [
  links,
  visits,
  defineRecordMetric({
    ...META,
    key: 'contact_points.problems.raised',
    label: '联系点发现党建难题',
    unit: '个',
    period: 'range',
    description: '期间内联系点走访时发现（提出）的党建难题个数',
    phrases: ['发现党建难题', '梳理党建难题', '收集问题'],
    query: (db, q) => raisedAtVisits(db, q, false),
    columns: PROBLEM_COLUMNS,
    orderBy: 'visited_on, id',
  }),
  defineRecordMetric({
    ...META,
    key: 'contact_points.problems.solved',
    label: '协调解决党建难题',
    unit: '个',
    period: 'range',
    description: '期间内联系点走访时发现的党建难题中，截至截止日期已解决（解决日期不晚于截止日期）的个数',
    phrases: ['党建难题', '协调解决', '解决党建难题', '协调解决党建难题'],
    query: (db, q) => raisedAtVisits(db, q, true),
    columns: PROBLEM_COLUMNS,
    orderBy: 'visited_on, id',
  }),
];
