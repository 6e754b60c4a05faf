// The built-in forms: the 党内统计 tables (DOMAIN §12) every org can fill, written with the catalogue's keys
// (/tmp/metric-keys.md). A key not in the catalogue yet makes its cell 无法计算, not the form. Addressed by key
// (`/api/forms/members-basic/fill`); stored forms are addressed by their numeric id, so the two never collide.
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  type CellFormat,
  EDUCATION_LABELS,
  EDUCATIONS,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  ORG_KIND_LABELS,
  ORG_KINDS,
  SECTOR_LABELS,
  SECTORS,
  type TFormCell,
  type TFormDefinition,
} from '@grassroots/domain';

export interface BuiltInForm {
  key: string;
  name: string;
  definition: TFormDefinition;
}

type Line = [header: string, ...cells: TFormCell[]];

const f = (expr: string, format?: CellFormat): TFormCell => (format ? { expr, format } : { expr });

function grid(title: string, note: string, rowHeader: string, columns: string[], lines: Line[]): TFormDefinition {
  return {
    title,
    note,
    rowHeader,
    columns,
    rows: lines.map(([header]) => header),
    cells: lines.map(([, ...cells]) => cells),
  };
}

/** A count and its share of a total: 人数, 占比. */
const withShare = (header: string, key: string, total: string, share?: string): Line => [
  header,
  f(key),
  f(share ?? `${key} / ${total}`, 'percent'),
];

const MEMBERS = 'members.total';

const membersBasic = grid(
  '党员基本情况',
  '党员人数为截止日期时在册人数（含预备党员）；年龄按截止日期计算。',
  '项目',
  ['人数', '占比'],
  [
    withShare('党员总数', MEMBERS, MEMBERS),
    withShare('其中：女党员', 'members.gender.female', MEMBERS, 'members.female.share'),
    withShare('少数民族党员', 'members.minority', MEMBERS, 'members.minority.share'),
    withShare('预备党员', 'members.status.probationary', MEMBERS),
    withShare('大专及以上学历', 'members.college', MEMBERS, 'members.college.share'),
    ...EDUCATIONS.map((e) => withShare(`学历：${EDUCATION_LABELS[e]}`, `members.education.${e}`, MEMBERS)),
    ...AGE_BANDS.map((b) => withShare(`年龄：${AGE_BAND_LABELS[b]}`, `members.age.${b}`, MEMBERS)),
    ...OCCUPATIONS.map((o) => withShare(`职业：${OCCUPATION_LABELS[o]}`, `members.occupation.${o}`, MEMBERS)),
  ],
);

const ORGS = 'orgs.total';

const orgsBasic = grid(
  '党组织基本情况',
  '基层党组织为截止日期时未撤销的党组织（不含党小组）。',
  '项目',
  ['个数', '占比'],
  [
    withShare('基层党组织总数', ORGS, ORGS),
    ...ORG_KINDS.filter((k) => k !== 'group').map((k) =>
      withShare(`按类别：${ORG_KIND_LABELS[k]}`, `orgs.kind.${k}`, ORGS),
    ),
    ...SECTORS.map((s) => withShare(`按领域：${SECTOR_LABELS[s]}`, `orgs.sector.${s}`, ORGS)),
  ],
);

const development = grid(
  '发展党员情况',
  '入党申请人、积极分子、发展对象为截止日期时所处阶段的人数；其余为期间内发生的人数。',
  '项目',
  ['人数'],
  [
    ['入党申请人', f('development.stage.applicant')],
    ['入党积极分子', f('development.stage.activist')],
    ['发展对象', f('development.stage.candidate')],
    ['期间递交入党申请', f('development.applications')],
    ['期间发展党员（接收预备党员）', f('development.probationary.admitted')],
    ['期间预备党员转正', f('development.probationary.converted')],
  ],
);

export const BUILT_IN_FORMS: readonly BuiltInForm[] = [
  { key: 'members-basic', name: '党员基本情况统计表', definition: membersBasic },
  { key: 'orgs-basic', name: '党组织基本情况统计表', definition: orgsBasic },
  { key: 'development', name: '发展党员情况统计表', definition: development },
];
