// 组织建设 metrics: the orgs of a subtree as of the period's end, in all and by kind and sector (党内统计 counts
// 基层党组织 without 党小组). Today's figures of a whole subtree come from subtree counters; a past date or a partial
// scope counts the records: an org counts from its founding date (unknown: always) until it is closed.
import {
  addDays,
  ORG_KIND_LABELS,
  ORG_KINDS,
  type OrgKind,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
} from '@grassroots/domain';
import type { Db } from '../../db/database.js';
import { readCounters } from '../../platform/counters.js';
import { defineRecordMetric, type MetricDefinition, type MetricQuery } from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const GROUP = '组织建设';

const ORG_RECORD_COLUMNS = [
  { key: 'name', label: '组织名称' },
  { key: 'kind', label: '组织类别', labels: ORG_KIND_LABELS },
  { key: 'sector', label: '所属领域', labels: SECTOR_LABELS },
  { key: 'parentName', label: '上级党组织' },
  { key: 'code', label: '组织编码' },
  { key: 'secretaryName', label: '书记' },
  { key: 'foundedOn', label: '成立日期' },
] as const;

type OrgFilter = { kind?: OrgKind; sector?: Sector };

/** Orgs of the scope that exist on the period's end: founded by then (or undated) and not closed by then. */
function orgsAsOf(db: Db, q: MetricQuery, f: OrgFilter) {
  let qb = db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parentId')
    .select([
      'o.id',
      'o.name',
      'o.path',
      'o.kind',
      'o.sector',
      'p.name as parentName',
      'o.code',
      'o.secretaryName',
      'o.foundedOn',
    ])
    .where(whereInScope(q.scope, 'o.path'))
    .where((eb) => eb.or([eb('o.foundedOn', 'is', null), eb('o.foundedOn', '<=', q.to)]))
    // closed_at is a moment: an org closed during the last day no longer counts on it.
    .where((eb) => eb.or([eb('o.closedAt', 'is', null), eb('o.closedAt', '>=', addDays(q.to, 1))]));
  qb = f.kind ? qb.where('o.kind', '=', f.kind) : qb.where('o.kind', '!=', 'group');
  if (f.sector) qb = qb.where('o.sector', '=', f.sector);
  return qb;
}

/** Today's count of a whole subtree from the counters of open orgs (orgs.counters.ts), or null. */
async function fromCounters(db: Db, q: MetricQuery, f: OrgFilter): Promise<number | null> {
  if (!q.wholeSubtree || q.to < q.today) return null;
  const rows = await readCounters(db, [q.orgId], ['org', 'org.kind']);
  const count = (dimension: string, value: string) =>
    Number(rows.find((r) => r.dimension === dimension && r.value === value)?.count ?? 0);
  return f.kind ? count('org.kind', f.kind) : count('org', 'all') - count('org.kind', 'group');
}

function orgMetric(
  key: string,
  label: string,
  description: string,
  f: OrgFilter,
  phrases: readonly string[],
): MetricDefinition {
  return defineRecordMetric({
    key,
    label,
    unit: '个',
    group: GROUP,
    module: 'orgs',
    period: 'instant',
    permission: 'orgs:read',
    description,
    phrases,
    query: (db, q) => orgsAsOf(db, q, f),
    columns: ORG_RECORD_COLUMNS,
    orderBy: 'path, id',
    // The counters count orgs by kind and by sector separately: a sector without 党小组 needs the records.
    ...(f.sector ? {} : { fast: (db: Db, q: MetricQuery) => fromCounters(db, q, f) }),
  });
}

const KIND_PHRASES: Record<OrgKind, readonly string[]> = {
  committee: ['基层党委'],
  working_committee: ['党工委'],
  general_branch: ['党总支', '总支部'],
  branch: ['党支部'],
  joint_branch: ['联合党支部'],
  temporary_branch: ['临时党支部'],
  group: ['党小组'],
};

export const ORG_METRICS: readonly MetricDefinition[] = [
  orgMetric(
    'orgs.total',
    '党组织总数',
    '截止日期时存续的党组织个数（党委、党工委、党总支、党支部等，含所选组织本身，不含党小组；已撤销的不计）',
    {},
    ['党组织', '基层党组织', '党组织总数'],
  ),
  ...ORG_KINDS.map((k) =>
    orgMetric(
      `orgs.kind.${k}`,
      `${ORG_KIND_LABELS[k]}数`,
      `截止日期时存续的${ORG_KIND_LABELS[k]}个数`,
      { kind: k },
      KIND_PHRASES[k],
    ),
  ),
  ...SECTORS.map((s) =>
    orgMetric(
      `orgs.sector.${s}`,
      `${SECTOR_LABELS[s]}领域党组织数`,
      `截止日期时存续、所属领域为${SECTOR_LABELS[s]}的党组织个数（不含党小组）`,
      { sector: s },
      [`${SECTOR_LABELS[s]}党组织`, `${SECTOR_LABELS[s]}领域党组织`],
    ),
  ),
];
