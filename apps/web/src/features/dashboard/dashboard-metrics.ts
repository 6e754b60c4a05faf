// Which catalogue metrics each part of the 数据看板 shows, with the short names of chart segments. A metric missing
// from the catalogue (not registered, or not permitted to the user) is left out; a part with none is hidden.
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  DEVELOPMENT_STAGE_LABELS,
  EDUCATION_LABELS,
  EDUCATIONS,
  GENDER_LABELS,
  GENDERS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  ORG_KIND_LABELS,
  ORG_KINDS,
  SECTOR_LABELS,
  SECTORS,
} from '@grassroots/domain';

/** A chart segment or a figure: the metric behind it and its short name on the dashboard. */
export interface MetricSlice {
  key: string;
  label: string;
}

const slices = <K extends string>(prefix: string, keys: readonly K[], labels: Record<K, string>): MetricSlice[] =>
  keys.map((k) => ({ key: `${prefix}.${k}`, label: labels[k] }));

/** The cards on top, with the dashboard's short titles. */
export const KPI_SLICES: MetricSlice[] = [
  { key: 'members.total', label: '党员总数' },
  { key: 'orgs.total', label: '基层党组织' },
  { key: 'members.female.share', label: '女党员占比' },
  { key: 'members.college.share', label: '大专及以上占比' },
  { key: 'development.probationary.admitted', label: '发展党员' },
  { key: 'life.meetings.compliance', label: '组织生活达标率' },
  { key: 'tasks.assignments.done.share', label: '任务完成率' },
  { key: 'inspections.problems.rectified.share', label: '整改率' },
];

export const GENDER_SLICES = slices('members.gender', GENDERS, GENDER_LABELS);
export const AGE_SLICES = slices('members.age', AGE_BANDS, AGE_BAND_LABELS);
export const EDUCATION_SLICES = slices('members.education', EDUCATIONS, EDUCATION_LABELS);
export const OCCUPATION_SLICES = slices('members.occupation', OCCUPATIONS, OCCUPATION_LABELS);
export const ORG_KIND_SLICES = slices('orgs.kind', ORG_KINDS, ORG_KIND_LABELS);
export const SECTOR_SLICES = slices('orgs.sector', SECTORS, SECTOR_LABELS);
export const MEETING_KIND_SLICES = slices('life.meetings.kind', MEETING_KINDS, MEETING_KIND_LABELS);

export const ETHNICITY_SLICES: MetricSlice[] = [
  { key: 'members.han', label: '汉族' },
  { key: 'members.minority', label: '少数民族' },
];

export const DEVELOPMENT_STAGE_SLICES: MetricSlice[] = (['applicant', 'activist', 'candidate'] as const).map((s) => ({
  key: `development.stage.${s}`,
  label: DEVELOPMENT_STAGE_LABELS[s],
}));
export const DEVELOPMENT_PERIOD_SLICES: MetricSlice[] = [
  { key: 'development.applications', label: '递交入党申请' },
  { key: 'development.probationary.admitted', label: '发展党员' },
  { key: 'development.probationary.converted', label: '预备党员转正' },
];

export const LIFE_RATE_KEY = 'life.meetings.compliance';
export const LIFE_SLICES: MetricSlice[] = [
  { key: 'life.meetings.held', label: '召开会议' },
  { key: 'life.orgs.short', label: '未达标组织' },
];

export const TASK_RATE_KEY = 'tasks.assignments.done.share';
export const TASK_SLICES: MetricSlice[] = [
  { key: 'tasks.assignments.total', label: '任务分解' },
  { key: 'tasks.assignments.done', label: '已完成' },
  { key: 'tasks.assignments.overdue', label: '已逾期' },
];

export const RECTIFICATION_RATE_KEY = 'inspections.problems.rectified.share';
export const RECTIFICATION_SLICES: MetricSlice[] = [
  { key: 'inspections.problems.found', label: '发现问题' },
  { key: 'inspections.problems.rectified', label: '已整改' },
  { key: 'inspections.problems.in_progress', label: '整改中' },
  { key: 'inspections.problems.overdue', label: '逾期未改' },
];

/** 近12个月走势. */
export const TREND_SLICES: MetricSlice[] = [
  { key: 'members.total', label: '党员总数' },
  { key: 'development.probationary.admitted', label: '发展党员' },
  { key: 'life.meetings.held', label: '召开会议' },
  { key: 'inspections.problems.found', label: '发现问题' },
];

/** 各下级对比 columns. */
export const CHILDREN_KEYS = [
  'members.total',
  'orgs.total',
  'members.female.share',
  'members.college.share',
  'members.minority.share',
  'development.probationary.admitted',
  'life.meetings.compliance',
  'tasks.assignments.done.share',
  'inspections.problems.rectified.share',
];

const keysOf = (...lists: ReadonlyArray<ReadonlyArray<{ key: string }>>): string[] => [
  ...new Set(lists.flatMap((list) => list.map((s) => s.key))),
];

/**
 * Everything below the cards, one request per part, so a slow part does not hold up the others (the cards are asked
 * separately, with 同比 when it is on).
 */
export const SECTION_KEYS = {
  members: keysOf(ETHNICITY_SLICES, GENDER_SLICES, AGE_SLICES, EDUCATION_SLICES, OCCUPATION_SLICES),
  orgs: keysOf(ORG_KIND_SLICES, SECTOR_SLICES),
  development: keysOf(DEVELOPMENT_STAGE_SLICES, DEVELOPMENT_PERIOD_SLICES),
  life: keysOf([{ key: LIFE_RATE_KEY }], LIFE_SLICES, MEETING_KIND_SLICES),
  tasks: keysOf([{ key: TASK_RATE_KEY }], TASK_SLICES),
  rectification: keysOf([{ key: RECTIFICATION_RATE_KEY }], RECTIFICATION_SLICES),
};
