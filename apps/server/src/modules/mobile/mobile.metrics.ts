// 流动党员 metrics: members away from their branch on the period's end, and those of them marked 失联. The records
// are the mobile records (one active record per member at a time) of members still in the platform on that day.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { defineRecordMetric, type MetricDefinition, type MetricQuery, onOrBefore } from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const GROUP = '流动党员';

/** Records of the scope away on the period's end: left by then, not yet back, the member not gone from the platform. */
function awayOn(db: Db, q: MetricQuery) {
  return db
    .selectFrom('mobileMembers as mm')
    .innerJoin('members as m', 'm.id', 'mm.memberId')
    .innerJoin('orgs as o', 'o.id', 'mm.orgId')
    .select([
      'mm.id',
      'm.name',
      'o.name as orgName',
      'mm.orgPath',
      'mm.destinationRegion',
      'mm.workplace',
      'mm.station',
      'mm.since',
      sql<string>`coalesce(mm.last_contact_on, mm.since)`.as('lastContactOn'),
    ])
    .where(whereInScope(q.scope, 'mm.orgPath'))
    .where(onOrBefore('mm.since', q))
    .where((eb) => eb.or([eb('mm.returnedOn', 'is', null), eb('mm.returnedOn', '>', q.to)]))
    .where((eb) => eb.or([eb('m.leftOn', 'is', null), eb('m.leftOn', '>', q.to)]));
}

const COLUMNS = [
  { key: 'name', label: '姓名' },
  { key: 'orgName', label: '所在党组织' },
  { key: 'destinationRegion', label: '流入地' },
  { key: 'workplace', label: '工作单位或务工地点' },
  { key: 'station', label: '流入地党组织或服务站' },
  { key: 'since', label: '外出日期' },
  { key: 'lastContactOn', label: '最近联系日期' },
] as const;

const META = {
  unit: '名',
  group: GROUP,
  module: 'mobile',
  period: 'instant',
  permission: 'members:read',
  columns: COLUMNS,
  orderBy: 'org_path, since, id',
} as const;

export const MOBILE_METRICS: readonly MetricDefinition[] = [
  defineRecordMetric({
    ...META,
    key: 'mobile.members',
    label: '流动党员',
    description: '截止日期时已外出、尚未返回的流动党员人数（按流动党员登记的外出日期和返回日期计）',
    phrases: ['流动党员', '外出流动党员'],
    query: awayOn,
  }),
  defineRecordMetric({
    ...META,
    key: 'mobile.lost_contact',
    label: '失联党员',
    description: '截止日期时在外流动、被所在党支部标记为失联的党员人数（失联标记不记日期，按目前的标记计）',
    phrases: ['失联党员', '失去联系的党员', '失联流动党员'],
    query: (db, q) => awayOn(db, q).where('mm.lostContact', '=', 1),
  }),
];
