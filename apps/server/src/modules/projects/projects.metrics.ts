// 书记项目 metrics: the secretaries' projects of the period's years (accepted by the period's end, as workflow_events
// record it) and the 实事 / 急难愁盼问题 they take up ("领办1560件实事已完成85%"). A matter keeps no event
// history: done means done today with its 办结日期 on or before the period's end.
import {
  MATTER_KIND_LABELS,
  MATTER_STATUS_LABELS,
  type MatterKind,
  PROJECT_STAGE_LABELS,
  SATISFACTION_LABELS,
} from '@grassroots/domain';
import { type SqlBool, sql } from 'kysely';
import {
  defineRecordMetric,
  defineShareMetric,
  finalStates,
  type MetricDefinition,
  reachedBy,
  stateAsOf,
  workflowHistory,
  yearInPeriod,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';
import { SECRETARY_PROJECT } from './projects.workflow.js';

const META = { group: '书记项目', module: 'projects', permission: 'tasks:read' } as const;

const HISTORY = workflowHistory(SECRETARY_PROJECT.name);
/** 已验收 and 已评比: never left once reached. */
const FIXED = finalStates(SECRETARY_PROJECT, 'fixed');

function projectMetric(
  meta: { key: string; label: string; description: string; phrases: string[] },
  accepted: boolean,
) {
  return defineRecordMetric({
    ...META,
    ...meta,
    unit: '个',
    period: 'range',
    query: (db, q) =>
      db
        .selectFrom('secretaryProjects as p')
        .innerJoin('orgs as o', 'o.id', 'p.orgId')
        .select(['p.id', 'p.title', 'o.name as orgName', 'p.orgPath', 'p.secretaryName', 'p.year', 'p.targetDate'])
        .select(stateAsOf(HISTORY, 'p.id', q).as('stage'))
        .where(whereInScope(q.scope, 'p.orgPath'))
        .where(yearInPeriod('p.year', q))
        .$if(accepted, (qb) => qb.where(sql<SqlBool>`${sql.ref('p.id')} in ${reachedBy(HISTORY, FIXED, q)}`)),
    columns: [
      { key: 'title', label: '项目名称' },
      { key: 'orgName', label: '党组织' },
      { key: 'secretaryName', label: '领办书记' },
      { key: 'year', label: '年度' },
      { key: 'targetDate', label: '计划完成时间' },
      { key: 'stage', label: '截止日期时阶段', labels: PROJECT_STAGE_LABELS },
    ],
    orderBy: 'org_path, id',
  });
}

const MATTER_COLUMNS = [
  { key: 'title', label: '事项' },
  { key: 'orgName', label: '党组织' },
  { key: 'kind', label: '类别', labels: MATTER_KIND_LABELS },
  { key: 'year', label: '年度' },
  { key: 'raisedBy', label: '提出人（来源）' },
  { key: 'ownerName', label: '责任人' },
  { key: 'targetDate', label: '承诺完成时间' },
  { key: 'status', label: '当前办理状态', labels: MATTER_STATUS_LABELS },
  { key: 'doneOn', label: '办结日期' },
  { key: 'satisfaction', label: '群众满意度', labels: SATISFACTION_LABELS },
] as const;

function matterMetric(
  meta: { key: string; label: string; description: string; phrases: string[] },
  kind: MatterKind,
  done: boolean,
) {
  return defineRecordMetric({
    ...META,
    ...meta,
    unit: '件',
    period: 'range',
    query: (db, q) =>
      db
        .selectFrom('practicalMatters as m')
        .innerJoin('orgs as o', 'o.id', 'm.orgId')
        .select(['m.id', 'm.title', 'o.name as orgName', 'm.orgPath', 'm.kind', 'm.year', 'm.raisedBy'])
        .select(['m.ownerName', 'm.targetDate', 'm.status', 'm.doneOn', 'm.satisfaction'])
        .where(whereInScope(q.scope, 'm.orgPath'))
        .where(yearInPeriod('m.year', q))
        .where('m.kind', '=', kind)
        .$if(done, (qb) => qb.where('m.status', '=', 'done').where('m.doneOn', '<=', q.to)),
    columns: MATTER_COLUMNS,
    orderBy: 'org_path, id',
  });
}

const practical = matterMetric(
  {
    key: 'projects.practical.total',
    label: '为民办实事',
    description: '年度在期间所跨年份内、所选范围内党组织承办的为民办实事件数',
    phrases: ['实事', '为民办实事', '办实事', '民生实事'],
  },
  'practical_matter',
  false,
);

const practicalDone = matterMetric(
  {
    key: 'projects.practical.done',
    label: '已办结实事',
    description:
      '年度在期间所跨年份内的为民办实事中，当前为已办结且办结日期不晚于截止日期的件数（实事不留状态变更记录，按当前状态计）',
    phrases: ['已办结实事', '办结实事', '已完成实事'],
  },
  'practical_matter',
  true,
);

const urgent = matterMetric(
  {
    key: 'projects.urgent.total',
    label: '急难愁盼问题',
    description: '年度在期间所跨年份内、所选范围内党组织承办的群众急难愁盼问题件数',
    phrases: ['急难愁盼问题', '急难愁盼'],
  },
  'urgent_need',
  false,
);

const urgentDone = matterMetric(
  {
    key: 'projects.urgent.done',
    label: '已解决急难愁盼问题',
    description:
      '年度在期间所跨年份内的急难愁盼问题中，当前为已办结且办结日期不晚于截止日期的件数（不留状态变更记录，按当前状态计）',
    phrases: ['解决急难愁盼问题', '已解决急难愁盼问题'],
  },
  'urgent_need',
  true,
);

export const PROJECT_METRICS: readonly MetricDefinition[] = [
  projectMetric(
    {
      key: 'projects.secretary.total',
      label: '书记项目',
      description: '年度在期间所跨年份内、所选范围内党组织立项的书记项目个数',
      phrases: ['书记项目', '书记领办项目', '领办项目'],
    },
    false,
  ),
  projectMetric(
    {
      key: 'projects.secretary.accepted',
      label: '已验收书记项目',
      description:
        '年度在期间所跨年份内的书记项目中，截至截止日期已经上级验收（含已评比）的个数（按流程记录回溯截止日期时的阶段）',
      phrases: ['已验收书记项目', '书记项目已验收'],
    },
    true,
  ),
  practical,
  practicalDone,
  defineShareMetric({
    key: 'projects.practical.done.share',
    label: '实事办结率',
    description: '截至截止日期已办结的为民办实事件数 ÷ 同期为民办实事件数',
    numerator: practicalDone,
    denominator: practical,
    phrases: ['实事办结率', '实事完成率'],
  }),
  urgent,
  urgentDone,
];
