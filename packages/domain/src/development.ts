// 发展党员 (DOMAIN.md §2, 发展党员工作细则): the five stages, the 25 steps, the rules that allow or refuse the next
// step of a person's development, and what is due for a person on a given day.
//
// A person's development record is the list of the steps done so far, in the order they were recorded, each with its
// date and the details its step needs (sponsors, training, review result, outcome). `checkDevelopmentStep` decides
// whether the next step may be recorded; `developmentStatus` derives the stage, the dates and the next step due.
//
// Decisions where DOMAIN.md is silent (each a value of DEVELOPMENT_RULES where it is a number):
// - Intervals are calendar intervals by addYears/addMonths: one year from 2024-02-29 ends on 2025-02-28, one month
//   from 01-31 ends on the last day of February. Age uses ageOn, as memberRecordErrors does: a person born on 02-29
//   turns 18 on 03-01 of a common year.
// - Steps go strictly in order, one after the other, and no step is dated before the one before it. Two repetitions:
//   after a failed political review only a new review (step 10) may follow; after an approved extension of
//   probation the member applies again (22), the branch meeting discusses again (23) and the upper committee
//   approves again (24).
// - Late talk (2), late approval of admission (17), a 转正 application after probation ended (22), late 转正
//   discussion (23) and late approval of 转正 (24) are allowed and marked late (warnings), never refused.
// - The 转正 application (22) may be made from 1 month before probation ends; the branch meeting (23) from the day it
//   ends (the end date itself is allowed, the day before refused) and is late after 1 more month; the upper committee
//   approves 转正 within 3 months of that meeting.
// - An extension is 6 to 12 whole months (细则: 不能少于半年，最长不超过一年), once, counted from the original end.
// - Outcomes (按期转正 / 延长预备期 / 取消预备党员资格) are decided by the branch meeting (23) and take effect with the
//   upper committee's approval (24). A cancellation during probation, before its end, is not modelled here.
// - The person is a 预备党员 from the approval of admission (17), with 入党时间 = the admission meeting (15); a
//   正式党员 from the approval of 转正 (24), with 转正时间 = the end of probation.
import type { MemberStatus } from './constants.js';
import { addDays, addMonths, addYears, ageOn, isValidIsoDate } from './dates.js';
import type { ErrorCode } from './errors.js';

export const DEVELOPMENT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type DevelopmentStage = (typeof DEVELOPMENT_STAGES)[number];
export const DEVELOPMENT_STAGE_LABELS: Record<DevelopmentStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

export const DEVELOPMENT_STEP_CODES = [
  'application', // 1 递交入党申请书
  'talk', // 2 党组织派人谈话
  'activist_selection', // 3 推荐和确定入党积极分子
  'activist_filing', // 4 报上级党委备案
  'contact_persons', // 5 指定培养联系人
  'activist_observation', // 6 培养教育考察
  'candidate_selection', // 7 确定发展对象
  'candidate_filing', // 8 报上级党委备案
  'sponsors', // 9 确定入党介绍人
  'political_review', // 10 政治审查
  'training', // 11 集中培训
  'committee_review', // 12 支部委员会审查
  'upper_pre_review', // 13 上级党委预审
  'application_form', // 14 填写入党志愿书
  'admission_meeting', // 15 支部大会讨论接收
  'upper_talk', // 16 上级党委派人谈话
  'admission_approval', // 17 上级党委审批
  'admission_filing', // 18 再上一级组织部门备案
  'placement', // 19 编入党支部和党小组
  'oath', // 20 入党宣誓
  'probation_education', // 21 继续教育考察
  'full_membership_application', // 22 提出转正申请
  'full_membership_meeting', // 23 支部大会讨论
  'full_membership_approval', // 24 上级党委审批
  'archiving', // 25 材料归档
] as const;
export type DevelopmentStepCode = (typeof DEVELOPMENT_STEP_CODES)[number];

/** Who decides (or meets on) a step; null = no decision body (a filing, a form, a talk). */
export const DEVELOPMENT_DECISION_BODIES = ['branch_committee', 'branch_meeting', 'upper_committee'] as const;
export type DevelopmentDecisionBody = (typeof DEVELOPMENT_DECISION_BODIES)[number];
export const DEVELOPMENT_DECISION_BODY_LABELS: Record<DevelopmentDecisionBody, string> = {
  branch_committee: '支部委员会',
  branch_meeting: '支部大会',
  upper_committee: '上级党委',
};

/** 转正 outcomes decided by the branch meeting (23). */
export const PROBATION_OUTCOMES = ['on_time', 'extended', 'cancelled'] as const;
export type ProbationOutcome = (typeof PROBATION_OUTCOMES)[number];
export const PROBATION_OUTCOME_LABELS: Record<ProbationOutcome, string> = {
  on_time: '按期转正',
  extended: '延长预备期',
  cancelled: '取消预备党员资格',
};

/** A party member named in a step (培养联系人, 入党介绍人), as the members table knows them. */
export interface DevelopmentPerson {
  name: string;
  idNumber: string;
  status: MemberStatus;
  fullOn: string | null;
}

/** The details some steps need; each step's `fields` in DEVELOPMENT_STEPS says which. */
export interface DevelopmentStepDetails {
  /** 5: one or two full members. */
  contactPersons?: readonly DevelopmentPerson[];
  /** 9: two full members. */
  sponsors?: readonly DevelopmentPerson[];
  /** 10: the review's conclusion. */
  politicalReviewPassed?: boolean;
  /** 11: days and class hours of concentrated training (either suffices). */
  trainingDays?: number;
  trainingHours?: number;
  /** 23: the branch meeting's decision; `extensionMonths` with 'extended'. */
  outcome?: ProbationOutcome;
  extensionMonths?: number;
}

export interface DevelopmentStepEntry extends DevelopmentStepDetails {
  step: DevelopmentStepCode;
  date: string;
}

export interface DevelopmentRecord {
  /** The person's ID number (to tell them apart from their sponsors). */
  idNumber: string;
  birthDate: string;
  /** Steps done so far, in the order recorded. */
  entries: readonly DevelopmentStepEntry[];
}

export interface DevelopmentStep {
  number: number;
  code: DevelopmentStepCode;
  /** The phase of 发展党员工作细则 the step belongs to. */
  stage: DevelopmentStage;
  label: string;
  /** Every step records a date. */
  needsDate: true;
  decidedBy: DevelopmentDecisionBody | null;
  /** Documents and records to keep (台账). */
  checklist: readonly string[];
  /** Details the entry must carry. */
  fields: readonly (keyof DevelopmentStepDetails)[];
  /** The time rule, in words; null = only "after the step before". */
  timeRule: string | null;
}

function step(
  number: number,
  stage: DevelopmentStage,
  label: string,
  decidedBy: DevelopmentDecisionBody | null,
  checklist: readonly string[],
  fields: readonly (keyof DevelopmentStepDetails)[] = [],
  timeRule: string | null = null,
): DevelopmentStep {
  const code = DEVELOPMENT_STEP_CODES[number - 1] as DevelopmentStepCode;
  return { number, code, stage, label, needsDate: true, decidedBy, checklist, fields, timeRule };
}

export const DEVELOPMENT_STEPS: readonly DevelopmentStep[] = [
  step(1, 'applicant', '递交入党申请书', null, ['入党申请书'], [], '年满18周岁'),
  step(2, 'applicant', '党组织派人谈话', null, ['谈话记录'], [], '收到入党申请书后一个月内'),
  step(3, 'activist', '推荐和确定入党积极分子', 'branch_committee', ['党员推荐或群团组织推优情况', '支委会会议记录']),
  step(4, 'activist', '报上级党委备案', null, ['入党积极分子备案材料']),
  step(5, 'activist', '指定培养联系人', 'branch_committee', ['培养联系人名单（1至2名正式党员）'], ['contactPersons']),
  step(6, 'activist', '培养教育考察', null, ['培养教育考察登记表', '每半年一次的考察意见']),
  step(
    7,
    'candidate',
    '确定发展对象',
    'branch_committee',
    ['党小组意见', '培养联系人意见', '党员和群众意见', '支委会会议记录'],
    [],
    '确定为入党积极分子一年以后',
  ),
  step(8, 'candidate', '报上级党委备案', null, ['发展对象备案材料']),
  step(9, 'candidate', '确定入党介绍人', null, ['入党介绍人名单（两名正式党员）'], ['sponsors']),
  step(10, 'candidate', '进行政治审查', null, ['政治审查综合报告'], ['politicalReviewPassed']),
  step(
    11,
    'candidate',
    '开展集中培训',
    null,
    ['培训结业证明'],
    ['trainingDays', 'trainingHours'],
    '不少于3天或不少于24学时',
  ),
  step(12, 'probationary', '支部委员会审查', 'branch_committee', ['支委会审查意见']),
  step(13, 'probationary', '上级党委预审', 'upper_committee', ['预审意见']),
  step(14, 'probationary', '填写入党志愿书', null, ['入党志愿书']),
  step(15, 'probationary', '支部大会讨论接收', 'branch_meeting', ['支部大会会议记录', '表决结果', '支部大会决议']),
  step(16, 'probationary', '上级党委派人谈话', null, ['谈话记录']),
  step(17, 'probationary', '上级党委审批', 'upper_committee', ['审批意见'], [], '支部大会通过后三个月内'),
  step(18, 'probationary', '再上一级党委组织部门备案', null, ['备案材料']),
  step(19, 'probationary', '编入党支部和党小组', null, ['编入党支部和党小组情况']),
  step(20, 'probationary', '入党宣誓', null, ['入党宣誓记录']),
  step(21, 'full', '继续教育考察', null, ['预备党员考察登记表']),
  step(22, 'full', '提出转正申请', null, ['转正申请书'], [], '预备期满时'),
  step(
    23,
    'full',
    '支部大会讨论转正',
    'branch_meeting',
    ['支部大会会议记录', '表决结果', '支部大会决议'],
    ['outcome', 'extensionMonths'],
    '预备期满后及时讨论',
  ),
  step(24, 'full', '上级党委审批转正', 'upper_committee', ['审批意见'], [], '支部大会讨论后三个月内'),
  step(25, 'full', '材料归档', null, ['入党申请书', '入党志愿书', '政治审查材料', '培养教育考察材料', '转正申请书']),
];

export function developmentStep(code: DevelopmentStepCode): DevelopmentStep {
  return DEVELOPMENT_STEPS[DEVELOPMENT_STEP_CODES.indexOf(code)] as DevelopmentStep;
}

/** Numbers of 发展党员工作细则 as defaults; the intervals of DOMAIN.md §2 and the decisions at the top of this file. */
export interface DevelopmentRules {
  minApplicantAge: number;
  talkWithinMonths: number;
  activistMinYears: number;
  contactPersonsMin: number;
  contactPersonsMax: number;
  sponsorCount: number;
  trainingMinDays: number;
  trainingMinHours: number;
  admissionApprovalWithinMonths: number;
  probationYears: number;
  fullApplicationLeadMonths: number;
  fullMeetingGraceMonths: number;
  fullApprovalWithinMonths: number;
  extensionMinMonths: number;
  extensionMaxMonths: number;
}

export const DEVELOPMENT_RULES: DevelopmentRules = {
  minApplicantAge: 18,
  talkWithinMonths: 1,
  activistMinYears: 1,
  contactPersonsMin: 1,
  contactPersonsMax: 2,
  sponsorCount: 2,
  trainingMinDays: 3,
  trainingMinHours: 24,
  admissionApprovalWithinMonths: 3,
  probationYears: 1,
  fullApplicationLeadMonths: 1,
  fullMeetingGraceMonths: 1,
  fullApprovalWithinMonths: 3,
  extensionMinMonths: 6,
  extensionMaxMonths: 12,
};

export type DevelopmentErrorCode = Extract<ErrorCode, `DEVELOPMENT_${string}`> | 'VALIDATION_FAILED';

export const DEVELOPMENT_WARNING_KINDS = [
  'talk_late',
  'admission_approval_late',
  'full_membership_application_late',
  'full_membership_meeting_late',
  'full_membership_approval_late',
] as const;
export type DevelopmentWarningKind = (typeof DEVELOPMENT_WARNING_KINDS)[number];

/** A step recorded after its time limit: allowed, and marked late. */
export interface DevelopmentWarning {
  kind: DevelopmentWarningKind;
  step: DevelopmentStepCode;
  message: string;
  /** The time limit that was passed. */
  dueDate: string;
}

export type DevelopmentCheck =
  | { ok: true; late: boolean; warnings: DevelopmentWarning[] }
  | { ok: false; code: DevelopmentErrorCode; message: string; earliestDate?: string };

// ——— reading a record ———

function lastOf(record: DevelopmentRecord, code: DevelopmentStepCode): DevelopmentStepEntry | undefined {
  for (let i = record.entries.length - 1; i >= 0; i--) {
    const e = record.entries[i] as DevelopmentStepEntry;
    if (e.step === code) return e;
  }
  return undefined;
}

function stepName(code: DevelopmentStepCode): string {
  const s = developmentStep(code);
  return `第${s.number}步「${s.label}」`;
}

function extensionMonthsOf(record: DevelopmentRecord): number {
  let months = 0;
  for (const e of record.entries) {
    if (e.step === 'full_membership_meeting' && e.outcome === 'extended') months += e.extensionMonths ?? 0;
  }
  return months;
}

/** 预备期满之日: one year from the admission meeting (15), plus an extension; null before the admission meeting. */
export function probationEnd(record: DevelopmentRecord, rules: DevelopmentRules = DEVELOPMENT_RULES): string | null {
  const admission = lastOf(record, 'admission_meeting');
  if (admission === undefined) return null;
  return addMonths(addYears(admission.date, rules.probationYears), extensionMonthsOf(record));
}

/** The first day on which ageOn reports `age` (a 02-29 birthday counts on 03-01 of a common year). */
function birthdayOfAge(birthDate: string, age: number): string {
  const d = addYears(birthDate, age);
  return ageOn(birthDate, d) < age ? addDays(d, 1) : d;
}

/** The step that may be recorded next; null when the development is over (archived). */
export function nextDevelopmentStep(record: DevelopmentRecord): DevelopmentStepCode | null {
  const last = record.entries.at(-1);
  if (last === undefined) return 'application';
  if (last.step === 'political_review' && last.politicalReviewPassed !== true) return 'political_review';
  if (last.step === 'full_membership_approval') {
    // An approved extension: the member applies again when the extended probation ends.
    return lastOf(record, 'full_membership_meeting')?.outcome === 'extended'
      ? 'full_membership_application'
      : 'archiving';
  }
  if (last.step === 'archiving') return null;
  return DEVELOPMENT_STEP_CODES[DEVELOPMENT_STEP_CODES.indexOf(last.step) + 1] ?? null;
}

interface LowerBound {
  date: string;
  code: DevelopmentErrorCode;
  message: string;
}

/** Lower bounds on the date of `code` from the record (not the entry's details): the rule's own, then the step before. */
function recordBounds(record: DevelopmentRecord, code: DevelopmentStepCode, rules: DevelopmentRules): LowerBound[] {
  const bounds: LowerBound[] = [];
  const r = rules;
  if (code === 'application') {
    const date = birthdayOfAge(record.birthDate, r.minApplicantAge);
    bounds.push({
      date,
      code: 'DEVELOPMENT_APPLICANT_UNDER_18',
      message: `入党申请人须年满${r.minApplicantAge}周岁，该申请人于${date}年满${r.minApplicantAge}周岁`,
    });
  }
  if (code === 'candidate_selection') {
    const activist = lastOf(record, 'activist_selection');
    if (activist !== undefined) {
      const date = addYears(activist.date, r.activistMinYears);
      bounds.push({
        date,
        code: 'DEVELOPMENT_ACTIVIST_PERIOD_TOO_SHORT',
        message: `入党积极分子须经过${r.activistMinYears}年以上的培养教育和考察方可确定为发展对象（${activist.date}确定为入党积极分子，最早可于${date}确定为发展对象）`,
      });
    }
  }
  const end = probationEnd(record, rules);
  if (code === 'full_membership_application' && end !== null) {
    const date = addMonths(end, -r.fullApplicationLeadMonths);
    bounds.push({
      date,
      code: 'DEVELOPMENT_FULL_APPLICATION_TOO_EARLY',
      message: `转正申请应在预备期满时提出：预备期至${end}届满，最早可于${date}提出`,
    });
  }
  if (code === 'full_membership_meeting' && end !== null) {
    bounds.push({
      date: end,
      code: 'DEVELOPMENT_PROBATION_NOT_ENDED',
      message: `预备期自支部大会通过之日起算，至${end}届满；预备期满后方可讨论转正`,
    });
  }
  const previous = record.entries.at(-1);
  if (previous !== undefined) {
    bounds.push({
      date: previous.date,
      code: 'DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP',
      message: `${stepName(code)}的日期不能早于上一步${stepName(previous.step)}的日期（${previous.date}）`,
    });
  }
  return bounds;
}

/** The binding bound: the latest; on a tie the rule's own bound wins over "after the step before". */
function bindingBound(bounds: readonly LowerBound[]): LowerBound | null {
  let best: LowerBound | null = null;
  for (const b of bounds) if (best === null || b.date > best.date) best = b;
  return best;
}

interface DueRule {
  kind: DevelopmentWarningKind;
  dueDate: string;
  message: (date: string) => string;
}

/** The time limit of `code` (after which it is late), from the record; null = no limit. */
function dueRule(record: DevelopmentRecord, code: DevelopmentStepCode, rules: DevelopmentRules): DueRule | null {
  const r = rules;
  if (code === 'talk') {
    const application = lastOf(record, 'application');
    if (application === undefined) return null;
    const dueDate = addMonths(application.date, r.talkWithinMonths);
    return {
      kind: 'talk_late',
      dueDate,
      message: (date) =>
        `党组织应在收到入党申请书后${r.talkWithinMonths}个月内派人谈话（${application.date}递交申请，应于${dueDate}前谈话），${date}谈话已晚于期限（仅提示，不影响办理）`,
    };
  }
  if (code === 'admission_approval') {
    const meeting = lastOf(record, 'admission_meeting');
    if (meeting === undefined) return null;
    const dueDate = addMonths(meeting.date, r.admissionApprovalWithinMonths);
    return {
      kind: 'admission_approval_late',
      dueDate,
      message: (date) =>
        `上级党委应在支部大会通过后${r.admissionApprovalWithinMonths}个月内审批（${meeting.date}支部大会通过，应于${dueDate}前审批），${date}审批已逾期`,
    };
  }
  if (code === 'full_membership_application') {
    const end = probationEnd(record, rules);
    if (end === null) return null;
    return {
      kind: 'full_membership_application_late',
      dueDate: end,
      message: (date) => `转正申请应在预备期满时提出（预备期于${end}届满），${date}提出已晚于期限`,
    };
  }
  if (code === 'full_membership_meeting') {
    const end = probationEnd(record, rules);
    if (end === null) return null;
    const dueDate = addMonths(end, r.fullMeetingGraceMonths);
    return {
      kind: 'full_membership_meeting_late',
      dueDate,
      message: (date) => `预备期于${end}届满，支部大会应及时讨论转正（应于${dueDate}前），${date}讨论已逾期`,
    };
  }
  if (code === 'full_membership_approval') {
    const meeting = lastOf(record, 'full_membership_meeting');
    if (meeting === undefined) return null;
    const dueDate = addMonths(meeting.date, r.fullApprovalWithinMonths);
    return {
      kind: 'full_membership_approval_late',
      dueDate,
      message: (date) =>
        `上级党委应在支部大会讨论后${r.fullApprovalWithinMonths}个月内审批（${meeting.date}支部大会讨论，应于${dueDate}前审批），${date}审批已逾期`,
    };
  }
  return null;
}

function refuse(code: DevelopmentErrorCode, message: string, earliestDate?: string): DevelopmentCheck {
  return earliestDate === undefined ? { ok: false, code, message } : { ok: false, code, message, earliestDate };
}

function isFullOn(p: DevelopmentPerson, date: string): boolean {
  return p.status === 'full' && p.fullOn !== null && p.fullOn <= date;
}

function samePerson(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Checks of the entry's own details that do not depend on its date. */
function detailRefusal(
  record: DevelopmentRecord,
  entry: DevelopmentStepEntry,
  rules: DevelopmentRules,
): DevelopmentCheck | null {
  const r = rules;
  const name = stepName(entry.step);
  switch (entry.step) {
    case 'contact_persons': {
      const people = entry.contactPersons ?? [];
      if (people.length < r.contactPersonsMin || people.length > r.contactPersonsMax) {
        return refuse(
          'DEVELOPMENT_CONTACT_PERSONS_INVALID',
          `须指定${r.contactPersonsMin}至${r.contactPersonsMax}名正式党员作培养联系人，现为${people.length}名`,
        );
      }
      for (const p of people) {
        if (samePerson(p.idNumber, record.idNumber)) {
          return refuse('DEVELOPMENT_CONTACT_PERSONS_INVALID', '培养联系人不能是入党积极分子本人');
        }
        if (!isFullOn(p, entry.date)) {
          return refuse(
            'DEVELOPMENT_CONTACT_PERSONS_INVALID',
            `培养联系人须为正式党员，${p.name}在${entry.date}不是正式党员`,
          );
        }
      }
      return null;
    }
    case 'sponsors': {
      const sponsors = entry.sponsors ?? [];
      const distinct = new Set(sponsors.map((s) => s.idNumber.trim().toUpperCase())).size;
      if (sponsors.length !== r.sponsorCount || distinct !== sponsors.length) {
        return refuse(
          'DEVELOPMENT_SPONSOR_COUNT',
          distinct !== sponsors.length
            ? `入党介绍人须为${r.sponsorCount}名不同的正式党员，不能重复`
            : `发展对象须有${r.sponsorCount}名正式党员作入党介绍人，现为${sponsors.length}名`,
        );
      }
      for (const s of sponsors) {
        if (samePerson(s.idNumber, record.idNumber)) {
          return refuse('DEVELOPMENT_SPONSOR_IS_APPLICANT', '入党介绍人不能是发展对象本人');
        }
      }
      for (const s of sponsors) {
        if (s.status !== 'full') {
          return refuse('DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER', `入党介绍人须为正式党员，${s.name}是预备党员`);
        }
        if (s.fullOn === null) {
          return refuse(
            'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER',
            `入党介绍人${s.name}没有转正时间，无法确认其在${entry.date}是正式党员`,
          );
        }
      }
      return null;
    }
    case 'political_review':
      if (typeof entry.politicalReviewPassed !== 'boolean') {
        return refuse('DEVELOPMENT_STEP_INCOMPLETE', `${name}须填写政治审查结论（合格或不合格）`);
      }
      return null;
    case 'training': {
      const days = entry.trainingDays ?? 0;
      const hours = entry.trainingHours ?? 0;
      if (!(days >= r.trainingMinDays) && !(hours >= r.trainingMinHours)) {
        return refuse(
          'DEVELOPMENT_TRAINING_INSUFFICIENT',
          `发展对象集中培训须不少于${r.trainingMinDays}天或不少于${r.trainingMinHours}学时，现为${days}天、${hours}学时`,
        );
      }
      return null;
    }
    case 'full_membership_meeting': {
      if (entry.outcome === undefined || !PROBATION_OUTCOMES.includes(entry.outcome)) {
        return refuse('DEVELOPMENT_STEP_INCOMPLETE', `${name}须填写讨论结果（按期转正、延长预备期或取消预备党员资格）`);
      }
      if (entry.outcome !== 'extended') return null;
      if (extensionMonthsOf(record) > 0) {
        return refuse(
          'DEVELOPMENT_EXTENSION_REPEATED',
          '预备期只能延长一次，已延长过的预备期满后应转正或取消预备党员资格',
        );
      }
      const months = entry.extensionMonths;
      if (months === undefined || !Number.isInteger(months)) {
        return refuse(
          'DEVELOPMENT_STEP_INCOMPLETE',
          `延长预备期须填写延长的月数（${r.extensionMinMonths}至${r.extensionMaxMonths}个整月）`,
        );
      }
      if (months < r.extensionMinMonths) {
        return refuse(
          'DEVELOPMENT_EXTENSION_TOO_SHORT',
          `延长预备期不能少于${r.extensionMinMonths}个月（半年），现为${months}个月`,
        );
      }
      if (months > r.extensionMaxMonths) {
        return refuse(
          'DEVELOPMENT_EXTENSION_TOO_LONG',
          `延长预备期最长不超过${r.extensionMaxMonths}个月（一年），现为${months}个月`,
        );
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * May `entry` be recorded next? Refuses a step out of order, a date before the step before, a date after `today`,
 * missing or insufficient details and a date earlier than the step's minimum interval (with `earliestDate`, the first
 * day it would be allowed). A step past its time limit is allowed and marked late.
 */
export function checkDevelopmentStep(
  record: DevelopmentRecord,
  entry: DevelopmentStepEntry,
  today: string,
  rules: DevelopmentRules = DEVELOPMENT_RULES,
): DevelopmentCheck {
  if (!DEVELOPMENT_STEP_CODES.includes(entry.step)) {
    return refuse('VALIDATION_FAILED', `未知的发展党员步骤：${String(entry.step)}`);
  }
  const name = stepName(entry.step);
  if (!isValidIsoDate(entry.date)) return refuse('VALIDATION_FAILED', `${name}的日期无效`);
  if (!isValidIsoDate(record.birthDate)) return refuse('VALIDATION_FAILED', '出生日期无效');

  const expected = nextDevelopmentStep(record);
  if (expected !== entry.step) {
    if (expected === 'political_review') {
      return refuse('DEVELOPMENT_POLITICAL_REVIEW_NOT_PASSED', `政治审查不合格，不能办理${name}，须重新进行政治审查`);
    }
    return refuse(
      'DEVELOPMENT_STEP_OUT_OF_ORDER',
      expected === null
        ? `发展程序已全部完成，不能再办理${name}`
        : `发展党员须按程序逐步进行：下一步应为${stepName(expected)}，不能办理${name}`,
    );
  }
  if (entry.date > today) return refuse('DEVELOPMENT_DATE_IN_FUTURE', `${name}的日期不能晚于今天`);

  const detail = detailRefusal(record, entry, rules);
  if (detail !== null) return detail;

  const bounds = recordBounds(record, entry.step, rules);
  if (entry.step === 'sponsors') {
    // Every sponsor is a full member with a date by now (detailRefusal); the latest date binds.
    let latest = { name: '', fullOn: '' };
    for (const s of entry.sponsors ?? []) {
      if (s.fullOn !== null && s.fullOn > latest.fullOn) latest = { name: s.name, fullOn: s.fullOn };
    }
    bounds.unshift({
      date: latest.fullOn,
      code: 'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER',
      message: `入党介绍人须为正式党员，${latest.name}于${latest.fullOn}转为正式党员，在${entry.date}尚不是正式党员`,
    });
  }
  const binding = bindingBound(bounds);
  if (binding !== null && entry.date < binding.date) return refuse(binding.code, binding.message, binding.date);

  const due = dueRule(record, entry.step, rules);
  const warnings: DevelopmentWarning[] = [];
  if (due !== null && entry.date > due.dueDate) {
    warnings.push({ kind: due.kind, step: entry.step, message: due.message(entry.date), dueDate: due.dueDate });
  }
  return { ok: true, late: warnings.length > 0, warnings };
}

export interface DevelopmentDue {
  step: DevelopmentStep;
  /** First day the step may be recorded (null: no lower bound known). */
  earliestDate: string | null;
  /** Time limit after which the step is late (null: none). */
  dueDate: string | null;
  /** `on` is on or after earliestDate. */
  ready: boolean;
  /** `on` is after dueDate. */
  overdue: boolean;
}

export interface DevelopmentStatus {
  /** null before the application and after a cancellation. */
  stage: DevelopmentStage | null;
  cancelled: boolean;
  /** The day the current stage began (for probationary: the admission meeting; for full: the end of probation). */
  stageSince: string | null;
  /** Whole days from stageSince to `on` (0 on the day itself, never negative). */
  daysInStage: number | null;
  /** 入党时间: the admission meeting, once the upper committee approved it. */
  joinedOn: string | null;
  probationEnd: string | null;
  /** 转正时间: the end of probation, once 转正 is approved. */
  fullOn: string | null;
  /** The next step; null when the development is over. */
  next: DevelopmentDue | null;
  /** Steps recorded after their time limit. */
  lateSteps: DevelopmentWarning[];
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Stage, dates, the next step due on `on` and the steps recorded late. */
export function developmentStatus(
  record: DevelopmentRecord,
  on: string,
  rules: DevelopmentRules = DEVELOPMENT_RULES,
): DevelopmentStatus {
  let stage: DevelopmentStage | null = null;
  let stageSince: string | null = null;
  let cancelled = false;
  let joinedOn: string | null = null;
  let fullOn: string | null = null;
  const lateSteps: DevelopmentWarning[] = [];
  for (let i = 0; i < record.entries.length; i++) {
    const e = record.entries[i] as DevelopmentStepEntry;
    const before: DevelopmentRecord = { ...record, entries: record.entries.slice(0, i) };
    const due = dueRule(before, e.step, rules);
    if (due !== null && e.date > due.dueDate) {
      lateSteps.push({ kind: due.kind, step: e.step, message: due.message(e.date), dueDate: due.dueDate });
    }
    if (e.step === 'application') [stage, stageSince] = ['applicant', e.date];
    else if (e.step === 'activist_selection') [stage, stageSince] = ['activist', e.date];
    else if (e.step === 'candidate_selection') [stage, stageSince] = ['candidate', e.date];
    else if (e.step === 'admission_approval') {
      joinedOn = lastOf(before, 'admission_meeting')?.date ?? e.date;
      [stage, stageSince] = ['probationary', joinedOn];
    } else if (e.step === 'full_membership_approval') {
      const outcome = lastOf(before, 'full_membership_meeting')?.outcome;
      if (outcome === 'on_time') {
        fullOn = probationEnd(before, rules);
        [stage, stageSince] = ['full', fullOn];
      } else if (outcome === 'cancelled') {
        [stage, stageSince, cancelled] = [null, e.date, true];
      }
    }
  }
  const nextCode = nextDevelopmentStep(record);
  let next: DevelopmentDue | null = null;
  if (nextCode !== null) {
    const earliestDate = bindingBound(recordBounds(record, nextCode, rules))?.date ?? null;
    const dueDate = dueRule(record, nextCode, rules)?.dueDate ?? null;
    next = {
      step: developmentStep(nextCode),
      earliestDate,
      dueDate,
      ready: earliestDate === null || on >= earliestDate,
      overdue: dueDate !== null && on > dueDate,
    };
  }
  return {
    stage,
    cancelled,
    stageSince,
    daysInStage: stageSince === null ? null : Math.max(0, dayNumber(on) - dayNumber(stageSince)),
    joinedOn,
    probationEnd: cancelled ? null : probationEnd(record, rules),
    fullOn,
    next,
    lateSteps,
  };
}
