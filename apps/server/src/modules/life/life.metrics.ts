// 组织生活 metrics: meetings held in the period (all, and by kind), and compliance with the obligation catalogue —
// the same computation as the 完成情况 page (subtreeCompliance), so a figure and the page agree for a period.
import {
  COMPLIANCE_STATUS_LABELS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  type MeetingKind,
  ORG_KIND_LABELS,
  periodLabel,
} from '@grassroots/domain';
import { type Db, dataGeneration } from '../../db/database.js';
import {
  defineRecordMetric,
  defineShareMetric,
  inPeriod,
  type MetricDefinition,
  type MetricQuery,
} from '../../platform/metrics.js';
import { ReadCache } from '../../platform/read-cache.js';
import { whereInScope } from '../../platform/scope.js';
import { type OrgLifeCompliance, shortfallMessage, subtreeCompliance } from './life.compliance.js';

const GROUP = '组织生活';

const MEETING_COLUMNS = [
  { key: 'date', label: '会议日期' },
  { key: 'orgName', label: '党组织' },
  { key: 'kind', label: '会议类型', labels: MEETING_KIND_LABELS },
  { key: 'topic', label: '主题' },
  { key: 'host', label: '主持人' },
  { key: 'attendeeCount', label: '出席人数' },
  { key: 'absentCount', label: '缺席人数' },
  { key: 'late', label: '补录', labels: { '0': '否', '1': '是' } },
] as const;

function meetingMetric(
  key: string,
  label: string,
  description: string,
  kind: MeetingKind | null,
  phrases: readonly string[],
): MetricDefinition {
  return defineRecordMetric({
    key,
    label,
    unit: '次',
    group: GROUP,
    module: 'life',
    period: 'range',
    permission: 'life:read',
    description,
    phrases,
    query: (db, q) => {
      const qb = db
        .selectFrom('meetings as m')
        .innerJoin('orgs as o', 'o.id', 'm.orgId')
        .select([
          'm.id',
          'm.date',
          'o.name as orgName',
          'm.orgPath',
          'm.kind',
          'm.topic',
          'm.host',
          'm.attendeeCount',
          'm.absentCount',
          'm.late',
        ])
        .where(whereInScope(q.scope, 'm.orgPath'))
        .where(inPeriod('m.date', q));
      return kind ? qb.where('m.kind', '=', kind) : qb;
    },
    columns: MEETING_COLUMNS,
    orderBy: 'date, org_path, id',
  });
}

// ——— compliance ———

/**
 * A county's compliance takes a few hundred milliseconds (every org, a year of meetings) and several metrics read it
 * for the same query (a share's two sides at once, the short orgs beside them): a run in progress is shared, and
 * its result kept like the metric values (dropped at this process's next write).
 */
const COMPLIANCE_CACHE_MS = 30_000;
const kept = new ReadCache<OrgLifeCompliance[]>(COMPLIANCE_CACHE_MS, 200);
const running = new WeakMap<Db, Map<string, Promise<OrgLifeCompliance[]>>>();

function complianceOf(db: Db, q: MetricQuery): Promise<OrgLifeCompliance[]> {
  const key = JSON.stringify([q.path, q.scope, q.from, q.to, q.today]);
  const done = kept.get(db, key);
  if (done) return Promise.resolve(done);
  let byKey = running.get(db);
  if (!byKey) {
    byKey = new Map();
    running.set(db, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const generation = dataGeneration();
  const run = subtreeCompliance(db, q.path, q.scope, q.from, q.to, q.today).then((r) => {
    kept.set(db, key, r.orgs, generation);
    return r.orgs;
  });
  byKey.set(key, run);
  const forget = () => byKey.delete(key);
  run.then(forget, forget);
  return run;
}

const COMPLIANCE_COLUMNS = [
  { key: 'name', label: '党组织' },
  { key: 'orgKind', label: '组织类别', labels: ORG_KIND_LABELS },
  { key: 'status', label: '完成情况', labels: COMPLIANCE_STATUS_LABELS },
  { key: 'expected', label: '应召开次数' },
  { key: 'held', label: '实际召开次数' },
  { key: 'shortfalls', label: '未完成事项' },
] as const;

function complianceRecord(o: OrgLifeCompliance) {
  const shortfalls = o.kinds.flatMap((k) =>
    k.periods
      .filter((p) => p.status === 'short')
      .map((p) => `${periodLabel(p)}${shortfallMessage({ kind: k.kind, ...p })}`),
  );
  return {
    id: o.orgId,
    name: o.name,
    orgKind: o.orgKind,
    status: o.status,
    expected: o.kinds.reduce((s, k) => s + k.expected, 0),
    held: o.kinds.reduce((s, k) => s + k.held, 0),
    shortfalls: shortfalls.join('；'),
  };
}

/**
 * Orgs of the compliance computation that `keep` selects, counted in memory: the records are the same list, so
 * they add up to the figure as the record metrics' rows do.
 */
function complianceMetric(
  meta: { key: string; label: string; description: string; phrases: readonly string[] },
  keep: (o: OrgLifeCompliance) => boolean,
): MetricDefinition {
  const selected = async (db: Db, q: MetricQuery) => (await complianceOf(db, q)).filter(keep);
  const count = async (db: Db, q: MetricQuery) => (await selected(db, q)).length;
  return {
    ...meta,
    unit: '个',
    kind: 'count',
    period: 'range',
    group: GROUP,
    module: 'life',
    permission: 'life:read',
    compute: count,
    records: {
      columns: COMPLIANCE_COLUMNS,
      sumColumn: null,
      count,
      async list(db, q, paging) {
        const rows = await selected(db, q);
        return rows.slice(paging.offset, paging.offset + paging.limit).map(complianceRecord);
      },
    },
  };
}

const owing = complianceMetric(
  {
    key: 'life.orgs.owing',
    label: '应开展组织生活的党组织数',
    description: '起止日期涉及的各周期内，受组织生活要求（三会一课等会议频次）约束、须按要求召开会议的党组织个数',
    phrases: ['应开展组织生活的党组织'],
  },
  () => true,
);

const compliant = complianceMetric(
  {
    key: 'life.orgs.compliant',
    label: '组织生活达标党组织数',
    description: '受组织生活要求约束、起止日期涉及的已结束周期均按要求召开会议的党组织个数（未结束的周期不计为未完成）',
    phrases: ['组织生活达标', '按要求开展组织生活'],
  },
  (o) => o.status !== 'short',
);

export const LIFE_METRICS: readonly MetricDefinition[] = [
  meetingMetric(
    'life.meetings.held',
    '召开组织生活会议次数',
    '起止日期内召开并登记的组织生活会议次数（三会一课、主题党日、第一议题、组织生活会、民主评议党员）',
    null,
    ['三会一课', '组织生活', '开展组织生活'],
  ),
  ...MEETING_KINDS.map((k) =>
    meetingMetric(
      `life.meetings.kind.${k}`,
      `召开${MEETING_KIND_LABELS[k]}次数`,
      `起止日期内召开并登记的${MEETING_KIND_LABELS[k]}次数`,
      k,
      [MEETING_KIND_LABELS[k]],
    ),
  ),
  owing,
  compliant,
  defineShareMetric({
    key: 'life.meetings.compliance',
    label: '组织生活完成率',
    description:
      '组织生活达标的党组织数 ÷ 受组织生活要求约束的党组织数；按组织生活要求逐周期比较应开与实开次数，与“完成情况”页口径相同',
    numerator: compliant,
    denominator: owing,
    phrases: ['组织生活完成率', '三会一课完成率', '组织生活达标率'],
  }),
  complianceMetric(
    {
      key: 'life.orgs.short',
      label: '组织生活未完成党组织数',
      description: '起止日期涉及的已结束周期中，有会议未按要求召开（应开未开）且未免于考核的党组织个数',
      phrases: ['未按要求开展组织生活', '组织生活未完成'],
    },
    (o) => o.status === 'short',
  ),
];
