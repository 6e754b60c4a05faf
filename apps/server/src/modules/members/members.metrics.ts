// 党员队伍 metrics: members as of the period's end, by the 党内统计 dimensions (DOMAIN §12). Today's figures of a
// whole subtree come from subtree counters; a past date or a partial scope counts the records.
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  type AgeBand,
  birthDateRangeForAgeBand,
  EDUCATION_LABELS,
  EDUCATIONS,
  GENDER_LABELS,
  GENDERS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  OCCUPATION_LABELS,
  OCCUPATIONS,
} from '@grassroots/domain';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Db } from '../../db/database.js';
import { readCounters } from '../../platform/counters.js';
import {
  defineRecordMetric,
  defineShareMetric,
  type MetricDefinition,
  type MetricQuery,
  onOrBefore,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const GROUP = '党员队伍';

export const MEMBER_RECORD_COLUMNS = [
  { key: 'name', label: '姓名' },
  { key: 'orgName', label: '所在党组织' },
  { key: 'gender', label: '性别', labels: GENDER_LABELS },
  { key: 'ethnicity', label: '民族' },
  { key: 'birthDate', label: '出生日期' },
  { key: 'education', label: '学历', labels: EDUCATION_LABELS },
  { key: 'occupation', label: '职业', labels: OCCUPATION_LABELS },
  { key: 'status', label: '类别', labels: MEMBER_STATUS_LABELS },
  { key: 'joinedOn', label: '入党时间' },
] as const;

type MemberWhere = (eb: ExpressionBuilder<Database, 'members'>, q: MetricQuery) => ReturnType<typeof sql<SqlBool>>;

/** Members of the scope on the period's end: joined by then and not yet gone out of the platform. */
function membersAsOf(db: Db, q: MetricQuery, where?: MemberWhere) {
  let qb = db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.orgId')
    .select([
      'members.id',
      'members.name',
      'orgs.name as orgName',
      'members.orgPath',
      'members.gender',
      'members.ethnicity',
      'members.birthDate',
      'members.education',
      'members.occupation',
      // 类别 on that date: full from the 转正 date on.
      sql<string>`case when members.full_on is not null and members.full_on <= ${q.to} then 'full' else 'probationary' end`.as(
        'status',
      ),
      'members.joinedOn',
    ])
    .where(whereInScope(q.scope, 'members.orgPath'))
    .where(onOrBefore('members.joinedOn', q))
    .where((eb) => eb.or([eb('members.leftOn', 'is', null), eb('members.leftOn', '>', q.to)]));
  if (where) qb = qb.where((eb) => where(eb, q));
  return qb;
}

/** The counter of a whole subtree answers today's figure (counters count the members of today). */
function fromCounter(dimension: string, value: string) {
  return async (db: Db, q: MetricQuery): Promise<number | null> => {
    if (!q.wholeSubtree || q.to < q.today) return null;
    const rows = await readCounters(db, [q.orgId], [dimension]);
    return Number(rows.find((r) => r.value === value)?.count ?? 0);
  };
}

function memberMetric(
  key: string,
  label: string,
  description: string,
  counter: [string, string] | null,
  where?: MemberWhere,
  phrases: readonly string[] = [],
): MetricDefinition {
  return defineRecordMetric({
    key,
    label,
    unit: '名',
    group: GROUP,
    module: 'members',
    period: 'instant',
    permission: 'members:read',
    description,
    phrases,
    query: (db, q) => membersAsOf(db, q, where),
    columns: MEMBER_RECORD_COLUMNS,
    orderBy: 'org_path, id',
    ...(counter ? { fast: fromCounter(counter[0], counter[1]) } : {}),
  });
}

const total = memberMetric(
  'members.total',
  '党员总数',
  '截止日期时在册的党员人数（含预备党员，不含已转出系统外的）',
  ['member', 'all'],
  undefined,
  ['党员', '党员总数', '党员人数', '名党员', '共有党员'],
);

const byStatus = MEMBER_STATUSES.map((s) =>
  memberMetric(
    `members.status.${s}`,
    MEMBER_STATUS_LABELS[s],
    `截止日期时的${MEMBER_STATUS_LABELS[s]}人数（转正日期在截止日期之后的按预备党员计）`,
    null,
    (_eb, q) =>
      s === 'full'
        ? sql<SqlBool>`(members.full_on is not null and members.full_on <= ${q.to})`
        : sql<SqlBool>`(members.full_on is null or members.full_on > ${q.to})`,
    [MEMBER_STATUS_LABELS[s]],
  ),
);

const byGender = GENDERS.map((g) =>
  memberMetric(
    `members.gender.${g}`,
    `${GENDER_LABELS[g]}党员`,
    `截止日期时在册的${GENDER_LABELS[g]}性党员人数`,
    ['member.gender', g],
    () => sql<SqlBool>`members.gender = ${g}`,
    g === 'female' ? ['女党员', '女性党员'] : ['男党员'],
  ),
);

const female = byGender[1]!;

const han = memberMetric(
  'members.han',
  '汉族党员',
  '截止日期时在册的汉族党员人数',
  ['member.ethnicity', '汉族'],
  () => sql<SqlBool>`members.ethnicity = '汉族'`,
  ['汉族党员'],
);

const minority = memberMetric(
  'members.minority',
  '少数民族党员',
  '截止日期时在册的少数民族（汉族以外）党员人数',
  null,
  () => sql<SqlBool>`members.ethnicity <> '汉族'`,
  ['少数民族党员'],
);

const college = memberMetric(
  'members.college',
  '大专及以上学历党员',
  '截止日期时在册、学历为研究生、大学本科或大学专科的党员人数',
  null,
  () => sql<SqlBool>`members.education in ('postgraduate', 'bachelor', 'associate')`,
  ['大专及以上学历党员', '大专以上学历党员'],
);

const byEducation = EDUCATIONS.map((e) =>
  memberMetric(
    `members.education.${e}`,
    `${EDUCATION_LABELS[e]}学历党员`,
    `截止日期时在册、学历为${EDUCATION_LABELS[e]}的党员人数`,
    ['member.education', e],
    () => sql<SqlBool>`members.education = ${e}`,
  ),
);

/** The age band on the period's end, from the birth date (the 党内统计 bands of DOMAIN §12). */
function ageBandWhere(band: AgeBand): MemberWhere {
  return (_eb, q) => {
    const { from, to } = birthDateRangeForAgeBand(band, q.to);
    if (from && to) return sql<SqlBool>`members.birth_date >= ${from} and members.birth_date <= ${to}`;
    if (from) return sql<SqlBool>`members.birth_date >= ${from}`;
    return sql<SqlBool>`members.birth_date <= ${to}`;
  };
}

const byAgeBand = AGE_BANDS.map((b) =>
  memberMetric(
    `members.age.${b}`,
    `${AGE_BAND_LABELS[b]}党员`,
    `截止日期时年龄在${AGE_BAND_LABELS[b]}的党员人数`,
    ['member.ageBand', b],
    ageBandWhere(b),
  ),
);

const byOccupation = OCCUPATIONS.map((o) =>
  memberMetric(
    `members.occupation.${o}`,
    `${OCCUPATION_LABELS[o]}党员`,
    `截止日期时在册、职业为${OCCUPATION_LABELS[o]}的党员人数`,
    ['member.occupation', o],
    () => sql<SqlBool>`members.occupation = ${o}`,
  ),
);

export const MEMBER_METRICS: readonly MetricDefinition[] = [
  total,
  ...byStatus,
  ...byGender,
  defineShareMetric({
    key: 'members.female.share',
    label: '女党员占比',
    description: '女党员人数 ÷ 党员总数',
    numerator: female,
    denominator: total,
    phrases: ['女党员占比', '女党员比例'],
  }),
  han,
  minority,
  defineShareMetric({
    key: 'members.minority.share',
    label: '少数民族党员占比',
    description: '少数民族党员人数 ÷ 党员总数',
    numerator: minority,
    denominator: total,
  }),
  college,
  defineShareMetric({
    key: 'members.college.share',
    label: '大专及以上学历党员占比',
    description: '大专及以上学历党员人数 ÷ 党员总数',
    numerator: college,
    denominator: total,
  }),
  ...byEducation,
  ...byAgeBand,
  ...byOccupation,
];
