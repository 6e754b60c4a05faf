// 换届选举 metric: the elections completed in the period by orgs of the scope (an election is never edited, so the
// recorded date is the fact).
import { ELECTION_METHOD_LABELS } from '@grassroots/domain';
import { defineRecordMetric, inPeriod, type MetricDefinition } from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

export const ELECTION_METRICS: readonly MetricDefinition[] = [
  defineRecordMetric({
    key: 'elections.held',
    label: '完成换届选举',
    unit: '个',
    group: '整顿评定',
    module: 'elections',
    period: 'range',
    permission: 'orgs:read',
    description: '选举日期在期间内、所选范围内完成换届选举的党组织次数（一个组织期间内换届两次算两次）',
    phrases: ['换届选举', '完成换届', '换届'],
    query: (db, q) =>
      db
        .selectFrom('elections as e')
        .innerJoin('orgs as o', 'o.id', 'e.orgId')
        .select(['e.id', 'o.name as orgName', 'e.orgPath', 'e.electedOn', 'e.method', 'e.secretaryName'])
        .select(['e.termYears', 'e.eligibleVoters', 'e.presentVoters'])
        .where(whereInScope(q.scope, 'e.orgPath'))
        .where(inPeriod('e.electedOn', q)),
    columns: [
      { key: 'orgName', label: '党组织' },
      { key: 'electedOn', label: '选举日期' },
      { key: 'method', label: '选举方式', labels: ELECTION_METHOD_LABELS },
      { key: 'secretaryName', label: '当选书记' },
      { key: 'termYears', label: '任期（年）' },
      { key: 'eligibleVoters', label: '应到人数' },
      { key: 'presentVoters', label: '实到人数' },
    ],
    orderBy: 'elected_on, id',
  }),
];
