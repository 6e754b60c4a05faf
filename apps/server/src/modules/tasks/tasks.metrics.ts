// 清单任务 metrics: key tasks, measures and their assignments (one per responsible org) of the lists of the period's
// years. A figure counts what was assigned to orgs of the scope, as the module's roll-ups do; an assignment is done
// when the issuer accepted it (已完成) by the period's end, as workflow_events record it.
import { SECTOR_LABELS, TASK_ASSIGNMENT_STATE_LABELS } from '@grassroots/domain';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  defineRecordMetric,
  defineShareMetric,
  finalStates,
  type MetricDefinition,
  type MetricQuery,
  reachedBy,
  stateAsOf,
  workflowHistory,
  yearInPeriod,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';
import { TASK_ASSIGNMENT } from './tasks.workflow.js';

const META = { group: '清单任务', module: 'tasks', permission: 'tasks:read' } as const;

const LIST_COLUMNS = [
  { key: 'listTitle', label: '任务清单' },
  { key: 'issuerName', label: '下达单位' },
  { key: 'year', label: '年度' },
] as const;

/** Assignments of orgs of the scope. */
const inScope = (db: Db, q: MetricQuery) =>
  db.selectFrom('taskAssignments as a').where(whereInScope(q.scope, 'a.orgPath'));

const HISTORY = workflowHistory(TASK_ASSIGNMENT.name);
const FIXED = finalStates(TASK_ASSIGNMENT, 'fixed');

/** Accepted (已完成) by the period's end: a fixed state, never left once reached. */
const doneBy = (q: MetricQuery) => sql<SqlBool>`${sql.ref('a.id')} in ${reachedBy(HISTORY, FIXED, q)}`;

/** Any state: an assignment with an event by the period's end existed then. */
const ANY = Object.keys(TASK_ASSIGNMENT.states);

/**
 * 逾期 as the module rules it (isAssignmentOverdue), the period's end for today: assigned by then (an event by then),
 * not accepted by then, and past the deadline.
 */
const overdueOn = (q: MetricQuery) =>
  sql<SqlBool>`${sql.ref('a.deadline')} < ${q.to} and ${sql.ref('a.id')} in ${reachedBy(HISTORY, ANY, q)} and ${sql.ref(
    'a.id',
  )} not in ${reachedBy(HISTORY, FIXED, q)}`;

const tasksTotal = defineRecordMetric({
  ...META,
  key: 'tasks.tasks.total',
  label: '重点任务',
  unit: '项',
  period: 'range',
  description: '年度在期间所跨年份内的任务清单中，有推进措施下达给所选范围内党组织的重点任务项数',
  phrases: ['重点任务', '任务'],
  query: (db, q) =>
    db
      .selectFrom('tasks as t')
      .innerJoin('taskLists as l', 'l.id', 't.listId')
      .innerJoin('orgs as o', 'o.id', 'l.orgId')
      .select(['t.id', 't.title', 'l.title as listTitle', 'o.name as issuerName', 'l.year', 'l.sector'])
      .select(['l.id as listId', 't.seq'])
      .where(yearInPeriod('l.year', q))
      .where('t.id', 'in', inScope(db, q).select('a.taskId')),
  columns: [
    { key: 'title', label: '重点任务' },
    ...LIST_COLUMNS,
    { key: 'sector', label: '领域', labels: SECTOR_LABELS },
  ],
  orderBy: 'year, list_id, seq, id',
});

const MEASURE_COLUMNS = [
  { key: 'title', label: '推进措施' },
  { key: 'taskTitle', label: '重点任务' },
  ...LIST_COLUMNS,
  { key: 'deadline', label: '完成时限' },
  { key: 'responsiblePerson', label: '责任人' },
] as const;

function measureMetric(meta: {
  key: string;
  label: string;
  description: string;
  phrases: string[];
  instant: boolean;
}): MetricDefinition {
  const { instant, ...info } = meta;
  return defineRecordMetric({
    ...META,
    ...info,
    unit: '条',
    period: instant ? 'instant' : 'range',
    query: (db, q) =>
      db
        .selectFrom('taskMeasures as m')
        .innerJoin('tasks as t', 't.id', 'm.taskId')
        .innerJoin('taskLists as l', 'l.id', 'm.listId')
        .innerJoin('orgs as o', 'o.id', 'l.orgId')
        .select(['m.id', 'm.title', 't.title as taskTitle', 'l.title as listTitle', 'o.name as issuerName', 'l.year'])
        .select(['m.deadline', 'm.responsiblePerson', 'l.id as listId', 't.seq as taskSeq', 'm.seq'])
        .$if(!instant, (qb) => qb.where(yearInPeriod('l.year', q)))
        .where(
          'm.id',
          'in',
          inScope(db, q)
            .select('a.measureId')
            .$if(instant, (qb) => qb.where(overdueOn(q))),
        ),
    columns: MEASURE_COLUMNS,
    orderBy: 'year, list_id, task_seq, seq, id',
  });
}

const ASSIGNMENT_COLUMNS = [
  { key: 'orgName', label: '责任单位' },
  { key: 'measureTitle', label: '推进措施' },
  { key: 'taskTitle', label: '重点任务' },
  ...LIST_COLUMNS,
  { key: 'deadline', label: '完成时限' },
  { key: 'state', label: '截止日期时状态', labels: TASK_ASSIGNMENT_STATE_LABELS },
] as const;

function assignmentMetric(
  meta: { key: string; label: string; description: string; phrases: string[]; instant?: boolean },
  where: (q: MetricQuery) => Expression<SqlBool> | null,
): MetricDefinition {
  const { instant, ...info } = meta;
  return defineRecordMetric({
    ...META,
    ...info,
    unit: '项',
    period: instant ? 'instant' : 'range',
    query: (db, q) => {
      const extra = where(q);
      return inScope(db, q)
        .innerJoin('taskMeasures as m', 'm.id', 'a.measureId')
        .innerJoin('tasks as t', 't.id', 'a.taskId')
        .innerJoin('taskLists as l', 'l.id', 'a.listId')
        .innerJoin('orgs as o', 'o.id', 'a.orgId')
        .innerJoin('orgs as issuer', 'issuer.id', 'l.orgId')
        .select(['a.id', 'o.name as orgName', 'a.orgPath', 'm.title as measureTitle', 't.title as taskTitle'])
        .select(['l.title as listTitle', 'issuer.name as issuerName', 'l.year', 'a.deadline'])
        .select(stateAsOf(HISTORY, 'a.id', q).as('state'))
        .$if(!instant, (qb) => qb.where(yearInPeriod('l.year', q)))
        .$if(extra !== null, (qb) => qb.where(extra!));
    },
    columns: ASSIGNMENT_COLUMNS,
    orderBy: 'org_path, deadline, id',
  });
}

const assignmentsTotal = assignmentMetric(
  {
    key: 'tasks.assignments.total',
    label: '任务落实事项',
    description:
      '年度在期间所跨年份内的任务清单中，推进措施下达给所选范围内各责任单位的落实事项数（一条措施每个责任单位算一项）',
    phrases: ['落实事项', '责任事项', '任务事项'],
  },
  () => null,
);

const assignmentsDone = assignmentMetric(
  {
    key: 'tasks.assignments.done',
    label: '已完成任务事项',
    description:
      '年度在期间所跨年份内的任务清单的落实事项中，截至截止日期已经下达单位验收通过（已完成）的项数（按流程记录回溯截止日期时的状态）',
    phrases: ['已完成', '完成任务', '已落实'],
  },
  doneBy,
);

export const TASK_METRICS: readonly MetricDefinition[] = [
  tasksTotal,
  measureMetric({
    key: 'tasks.measures.total',
    label: '推进措施',
    description: '年度在期间所跨年份内的任务清单中，下达给所选范围内党组织的推进措施条数',
    phrases: ['推进措施', '措施', '具体措施'],
    instant: false,
  }),
  measureMetric({
    key: 'tasks.measures.overdue',
    label: '逾期推进措施',
    description:
      '截止日期时，所选范围内至少有一个责任单位已过完成时限（时限当天不算逾期）仍未验收通过的推进措施条数，不论清单年度；时限按当前记录',
    phrases: ['逾期措施', '逾期未完成措施'],
    instant: true,
  }),
  assignmentsTotal,
  assignmentsDone,
  defineShareMetric({
    key: 'tasks.assignments.done.share',
    label: '任务完成率',
    description: '截至截止日期已验收通过的落实事项数 ÷ 同期清单的落实事项总数',
    numerator: assignmentsDone,
    denominator: assignmentsTotal,
    phrases: ['任务完成率', '完成率'],
  }),
  assignmentMetric(
    {
      key: 'tasks.assignments.overdue',
      label: '逾期任务事项',
      description:
        '截止日期时，所选范围内已下达、已过完成时限（时限当天不算逾期）仍未验收通过的落实事项数，不论清单年度；时限按当前记录',
      phrases: ['逾期任务', '逾期未完成'],
      instant: true,
    },
    overdueOn,
  ),
];
