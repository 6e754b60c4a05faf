// 整顿评定 metrics of 软弱涣散党组织整顿: orgs designated for the period's years and those whose rectification the upper
// level accepted by the period's end, as weak_org_events record it.
import { WEAK_ORG_STATUS_LABELS } from '@grassroots/domain';
import { type SqlBool, sql } from 'kysely';
import {
  defineRecordMetric,
  defineShareMetric,
  type MetricDefinition,
  reachedBy,
  type StateHistory,
  stateAsOf,
  yearInPeriod,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const META = { group: '整顿评定', module: 'weak-orgs', permission: 'ratings:read' } as const;

const HISTORY: StateHistory = { table: 'weakOrgEvents', recordColumn: 'rectificationId', stateColumn: 'toStatus' };

function weakOrgMetric(
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
        .selectFrom('weakOrgRectifications as w')
        .innerJoin('orgs as o', 'o.id', 'w.orgId')
        .select(['w.id', 'o.name as orgName', 'w.orgPath', 'w.year', 'w.leaderName', 'w.deadline'])
        .select(stateAsOf(HISTORY, 'w.id', q).as('status'))
        .where(whereInScope(q.scope, 'w.orgPath'))
        .where(yearInPeriod('w.year', q))
        // 验收通过 is final: no action leads out of it (nextWeakOrgStatus).
        .$if(accepted, (qb) => qb.where(sql<SqlBool>`${sql.ref('w.id')} in ${reachedBy(HISTORY, ['accepted'], q)}`)),
    columns: [
      { key: 'orgName', label: '党组织' },
      { key: 'year', label: '认定年度' },
      { key: 'leaderName', label: '包联领导' },
      { key: 'deadline', label: '整顿期限' },
      { key: 'status', label: '截止日期时状态', labels: WEAK_ORG_STATUS_LABELS },
    ],
    orderBy: 'year, org_path, id',
  });
}

const identified = weakOrgMetric(
  {
    key: 'weak_orgs.identified',
    label: '软弱涣散党组织',
    description: '认定年度在期间所跨年份内、所选范围内被列为软弱涣散的党组织个数（同一组织不同年度分别计）',
    phrases: ['软弱涣散党组织', '软弱涣散', '排查整顿'],
  },
  false,
);

const rectified = weakOrgMetric(
  {
    key: 'weak_orgs.rectified',
    label: '整顿验收通过',
    description:
      '认定年度在期间所跨年份内的软弱涣散党组织中，截至截止日期已经上级验收通过的个数（按整顿记录回溯截止日期时的状态）',
    phrases: ['整顿转化', '验收通过', '整顿到位', '完成整顿'],
  },
  true,
);

export const WEAK_ORG_METRICS: readonly MetricDefinition[] = [
  identified,
  rectified,
  defineShareMetric({
    key: 'weak_orgs.rectified.share',
    label: '软弱涣散党组织整顿验收率',
    description: '截至截止日期整顿验收通过的个数 ÷ 同期认定的软弱涣散党组织个数',
    numerator: rectified,
    denominator: identified,
    phrases: ['整顿转化率', '整顿验收率'],
  }),
];
