// 发展党员 metrics: the pipeline as of the period's end (入党申请人, 入党积极分子, 发展对象) and the period's events
// (applications, admissions, 转正). Everything is read from the dated steps, so a past period counts what was true
// then: a person is in the stage whose entry step is the last one dated by the period's end (developmentStatus).
import {
  DEVELOPMENT_RECORD_STAGE_LABELS,
  DEVELOPMENT_STAGE_LABELS,
  type DevelopmentStepCode,
  EDUCATION_LABELS,
  GENDER_LABELS,
} from '@grassroots/domain';
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  defineRecordMetric,
  inPeriod,
  type MetricDefinition,
  type MetricQuery,
  onOrBefore,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';

const GROUP = '发展党员';

/** The steps that open a stage (developmentStatus): 1 递交入党申请书, 3, 7 and 17 上级党委审批 (预备党员). */
const STAGE_ENTRY_STEPS = {
  applicant: 'application',
  activist: 'activist_selection',
  candidate: 'candidate_selection',
  probationary: 'admission_approval',
} as const satisfies Record<string, DevelopmentStepCode>;
type PipelineStage = Exclude<keyof typeof STAGE_ENTRY_STEPS, 'probationary'>;

const PERSON_COLUMNS = [
  { key: 'name', label: '姓名' },
  { key: 'orgName', label: '所在党组织' },
  { key: 'gender', label: '性别', labels: GENDER_LABELS },
  { key: 'birthDate', label: '出生日期' },
  { key: 'education', label: '学历', labels: EDUCATION_LABELS },
] as const;
const CURRENT_STAGE = { key: 'stage', label: '目前所处阶段', labels: DEVELOPMENT_RECORD_STAGE_LABELS } as const;

/** Records of the scope with a step `step` dated as `when` says: one row per such step, with the step's date. */
function recordsWithStep(db: Db, q: MetricQuery, step: DevelopmentStepCode, when: Expression<SqlBool>) {
  return db
    .selectFrom('developmentRecords as d')
    .innerJoin('orgs as o', 'o.id', 'd.orgId')
    .innerJoin('developmentSteps as s', 's.recordId', 'd.id')
    .leftJoin('members as m', 'm.id', 'd.memberId')
    .select([
      'd.id',
      'd.name',
      'o.name as orgName',
      'd.orgPath',
      'd.gender',
      'd.birthDate',
      'd.education',
      's.date',
      'm.joinedOn',
      'm.fullOn',
      'd.stage',
    ])
    .where(whereInScope(q.scope, 'd.orgPath'))
    .where('s.step', '=', step)
    .where(when);
}

function developmentMetric(
  meta: { key: string; label: string; description: string; phrases: readonly string[] },
  period: 'instant' | 'range',
  query: (db: Db, q: MetricQuery) => ReturnType<typeof recordsWithStep>,
  dateLabel: string,
  more: ReadonlyArray<{ key: string; label: string }> = [],
): MetricDefinition {
  return defineRecordMetric({
    ...meta,
    unit: '名',
    group: GROUP,
    module: 'development',
    period,
    permission: 'development:read',
    query,
    columns: [...PERSON_COLUMNS, { key: 'date', label: dateLabel }, ...more, CURRENT_STAGE],
    orderBy: 'date, org_path, id',
  });
}

function pipelineMetric(stage: PipelineStage, phrases: readonly string[]): MetricDefinition {
  const label = DEVELOPMENT_STAGE_LABELS[stage];
  const entrySteps = Object.values(STAGE_ENTRY_STEPS);
  return developmentMetric(
    {
      key: `development.stage.${stage}`,
      label,
      description: `截止日期时处于${label}阶段的人数：该阶段的起始步骤已于截止日期前办理，下一阶段的起始步骤尚未办理`,
      phrases,
    },
    'instant',
    (db, q) =>
      recordsWithStep(db, q, STAGE_ENTRY_STEPS[stage], onOrBefore('s.date', q)).where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('developmentSteps as x')
              .select('x.id')
              .whereRef('x.recordId', '=', 's.recordId')
              .whereRef('x.seq', '>', 's.seq')
              .where('x.step', 'in', entrySteps)
              .where(onOrBefore('x.date', q)),
          ),
        ),
      ),
    '进入该阶段日期',
  );
}

const JOINED_ON = { key: 'joinedOn', label: '入党时间' } as const;

export const DEVELOPMENT_METRICS: readonly MetricDefinition[] = [
  pipelineMetric('applicant', ['入党申请人']),
  pipelineMetric('activist', ['入党积极分子', '积极分子']),
  pipelineMetric('candidate', ['发展对象']),
  developmentMetric(
    {
      key: 'development.applications',
      label: '递交入党申请人数',
      description: '起止日期内递交入党申请书（发展党员第1步）的人数',
      phrases: ['递交入党申请书', '入党申请书', '申请入党'],
    },
    'range',
    (db, q) => recordsWithStep(db, q, 'application', inPeriod('s.date', q)),
    '申请日期',
  ),
  developmentMetric(
    {
      key: 'development.probationary.admitted',
      label: '发展党员数',
      description: '起止日期内经上级党委审批接收为预备党员（发展党员第17步）的人数，按审批日期计',
      phrases: ['发展党员', '新发展党员', '发展新党员', '接收预备党员'],
    },
    'range',
    (db, q) => recordsWithStep(db, q, 'admission_approval', inPeriod('s.date', q)),
    '审批日期',
    [JOINED_ON],
  ),
  developmentMetric(
    {
      key: 'development.probationary.converted',
      label: '预备党员转正数',
      description: '起止日期内经上级党委审批按期转正（发展党员第24步，支部大会决定按期转正）的人数，按审批日期计',
      phrases: ['预备党员转正', '按期转正', '转为正式党员'],
    },
    'range',
    (db, q) =>
      recordsWithStep(db, q, 'full_membership_approval', inPeriod('s.date', q)).where((eb) =>
        eb(
          // The outcome is the branch meeting's (23) just before the approval; an extension or a cancellation is no 转正.
          eb
            .selectFrom('developmentSteps as meeting')
            .select('meeting.outcome')
            .whereRef('meeting.recordId', '=', 's.recordId')
            .where('meeting.step', '=', 'full_membership_meeting')
            .whereRef('meeting.seq', '<', 's.seq')
            .orderBy('meeting.seq', 'desc')
            .limit(1),
          '=',
          'on_time',
        ),
      ),
    '审批日期',
    [JOINED_ON, { key: 'fullOn', label: '转正时间' }],
  ),
];
