// 督导整改 metrics: "发现问题421个，整改到位406个，还有15个问题正在整改之中". Problems count at the inspected org and
// are found in the period; whether one was rectified by the period's end is read from its workflow_events (the
// acceptance by then), so a past period's figure stays what it was. Only the fixed class (已验收销号) counts.
import {
  INSPECTION_KIND_LABELS,
  type InspectionKind,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SEVERITY_LABELS,
  PROBLEM_STATE_LABELS,
} from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import {
  defineRecordMetric,
  defineShareMetric,
  finalStates,
  inPeriod,
  type MetricDefinition,
  type MetricQuery,
  onOrBefore,
  reachedBy,
  stateAsOf,
  workflowHistory,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';
import { RECTIFICATION } from './inspections.workflow.js';

const META = { group: '督导整改', module: 'inspections', permission: 'inspections:read' } as const;

const PROBLEM_COLUMNS = [
  { key: 'description', label: '问题描述' },
  { key: 'orgName', label: '被检查单位' },
  { key: 'roundTitle', label: '检查轮次' },
  { key: 'category', label: '问题类别', labels: PROBLEM_CATEGORY_LABELS },
  { key: 'severity', label: '严重程度', labels: PROBLEM_SEVERITY_LABELS },
  { key: 'responsiblePerson', label: '整改责任人' },
  { key: 'foundOn', label: '发现日期' },
  { key: 'deadline', label: '整改期限' },
  { key: 'state', label: '截止日期时状态', labels: PROBLEM_STATE_LABELS },
] as const;

const HISTORY = workflowHistory(RECTIFICATION.name);
const FIXED = finalStates(RECTIFICATION, 'fixed');

/** Accepted (销号) by the period's end: a fixed state, never left once reached. */
const rectifiedBy = (q: MetricQuery) => sql<SqlBool>`${sql.ref('p.id')} in ${reachedBy(HISTORY, FIXED, q)}`;
const openOn = (q: MetricQuery) => sql<SqlBool>`${sql.ref('p.id')} not in ${reachedBy(HISTORY, FIXED, q)}`;

function problemMetric(
  meta: { key: string; label: string; description: string; phrases: readonly string[]; instant?: boolean },
  where: (q: MetricQuery) => Expression<SqlBool>,
): MetricDefinition {
  const { instant, ...info } = meta;
  return defineRecordMetric({
    ...META,
    ...info,
    unit: '个',
    period: instant ? 'instant' : 'range',
    query: (db, q) =>
      db
        .selectFrom('problems as p')
        .innerJoin('orgs as o', 'o.id', 'p.orgId')
        .innerJoin('inspectionRounds as r', 'r.id', 'p.roundId')
        .select(['p.id', 'p.description', 'o.name as orgName', 'p.orgPath', 'r.title as roundTitle', 'p.category'])
        .select(['p.severity', 'p.responsiblePerson', 'p.foundOn', 'p.deadline'])
        // The state on `to`; a problem found by then has its creation event, the initial state covers one without.
        .select(sql<string>`coalesce(${stateAsOf(HISTORY, 'p.id', q)}, ${RECTIFICATION.initial})`.as('state'))
        .where(whereInScope(q.scope, 'p.orgPath'))
        .where(where(q)),
    columns: PROBLEM_COLUMNS,
    orderBy: 'org_path, found_on, id',
  });
}

const found = problemMetric(
  {
    key: 'inspections.problems.found',
    label: '发现问题',
    description: '督导检查在期间内（按发现日期）发现的、被检查单位在所选范围内的问题个数',
    phrases: ['发现问题', '问题', '检查发现问题', '督导发现问题'],
  },
  (q) => inPeriod('p.foundOn', q),
);

const rectified = problemMetric(
  {
    key: 'inspections.problems.rectified',
    label: '整改到位问题',
    description:
      '期间内发现的问题中，截至截止日期已验收销号的个数（按整改流程记录回溯截止日期时的状态；只算验收销号，不算其他关闭）',
    phrases: ['整改到位', '已整改', '整改完成', '验收销号', '已销号'],
  },
  (q) => sql<SqlBool>`${inPeriod('p.foundOn', q)} and ${rectifiedBy(q)}`,
);

const inProgress = problemMetric(
  {
    key: 'inspections.problems.in_progress',
    label: '正在整改问题',
    description: '期间内发现的问题中，截至截止日期尚未验收销号（待整改、整改中或已提交待验收）的个数',
    phrases: ['正在整改', '整改之中', '正在整改之中', '未整改到位', '尚未整改'],
  },
  (q) => sql<SqlBool>`${inPeriod('p.foundOn', q)} and ${openOn(q)}`,
);

/** 逾期 as the module rules it (isProblemOverdue): not accepted and past the deadline, the period's end for today. */
const overdue = problemMetric(
  {
    key: 'inspections.problems.overdue',
    label: '逾期未整改问题',
    description: '截止日期时已过整改期限（期限当天不算逾期）仍未验收销号的问题个数，不论何时发现；期限按当前记录',
    phrases: ['逾期未整改', '逾期问题', '超期未整改'],
    instant: true,
  },
  (q) => sql<SqlBool>`${onOrBefore('p.foundOn', q)} and ${sql.ref('p.deadline')} < ${q.to} and ${openOn(q)}`,
);

const ROUND_COLUMNS = [
  { key: 'title', label: '检查名称' },
  { key: 'orgName', label: '组织单位' },
  { key: 'team', label: '检查组' },
  { key: 'kind', label: '检查方式', labels: INSPECTION_KIND_LABELS },
  { key: 'startsOn', label: '开始日期' },
  { key: 'endsOn', label: '结束日期' },
] as const;

function roundMetric(key: string, label: string, description: string, phrases: string[], kind?: InspectionKind) {
  return defineRecordMetric({
    ...META,
    key,
    label,
    unit: '次',
    period: 'range',
    description,
    phrases,
    query: (db, q) =>
      db
        .selectFrom('inspectionRounds as r')
        .innerJoin('orgs as o', 'o.id', 'r.orgId')
        .select(['r.id', 'r.title', 'o.name as orgName', 'r.orgPath', 'r.team', 'r.kind', 'r.startsOn', 'r.endsOn'])
        .where(whereInScope(q.scope, 'r.orgPath'))
        .where(inPeriod('r.startsOn', q))
        .$if(kind !== undefined, (qb) => qb.where('r.kind', '=', kind!)),
    columns: ROUND_COLUMNS,
    orderBy: 'starts_on, id',
  });
}

export const INSPECTION_METRICS: readonly MetricDefinition[] = [
  found,
  rectified,
  inProgress,
  defineShareMetric({
    key: 'inspections.problems.rectified.share',
    label: '问题整改率',
    description: '期间内发现的问题中截至截止日期已验收销号的个数 ÷ 期间内发现问题个数',
    numerator: rectified,
    denominator: found,
    phrases: ['整改率', '问题整改率', '整改完成率'],
  }),
  overdue,
  roundMetric(
    'inspections.rounds',
    '督导检查',
    '所选范围内的党组织组织开展、开始日期在期间内的督导检查（含明察暗访）轮次数',
    ['督导检查', '开展督导', '督导'],
  ),
  roundMetric(
    'inspections.rounds.unannounced',
    '明察暗访',
    '所选范围内的党组织组织开展、开始日期在期间内的明察暗访轮次数',
    ['明察暗访'],
    'unannounced',
  ),
];
