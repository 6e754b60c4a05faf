import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageOn } from './dates.js';
import {
  checkDevelopmentStep,
  DEVELOPMENT_RULES,
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STAGES,
  DEVELOPMENT_STEP_CODES,
  DEVELOPMENT_STEPS,
  type DevelopmentCheck,
  type DevelopmentPerson,
  type DevelopmentRecord,
  type DevelopmentStepCode,
  type DevelopmentStepEntry,
  developmentStatus,
  developmentStep,
  nextDevelopmentStep,
  PROBATION_OUTCOME_LABELS,
  PROBATION_OUTCOMES,
  probationEnd,
} from './development.js';
import { ERROR_STATUS } from './errors.js';
import { makeIdNumber } from './id-number.js';

const TODAY = '2030-12-31';
const BIRTH = '1995-05-10';
const PERSON_ID = makeIdNumber('110105', BIRTH, 7, 'male');

function member(name: string, fullOn: string | null, seq: number): DevelopmentPerson {
  return {
    name,
    idNumber: makeIdNumber('110105', '1970-01-01', seq, 'female'),
    status: fullOn === null ? 'probationary' : 'full',
    fullOn,
  };
}
const WANG = member('王芳', '2000-07-01', 1);
const LI = member('李红', '2005-07-01', 2);
const ZHAO = member('赵敏', '2010-07-01', 3);

/** A development done by the book: every step on time. */
const STANDARD: readonly DevelopmentStepEntry[] = [
  { step: 'application', date: '2022-03-01' },
  { step: 'talk', date: '2022-03-20' },
  { step: 'activist_selection', date: '2022-04-15' },
  { step: 'activist_filing', date: '2022-04-20' },
  { step: 'contact_persons', date: '2022-04-25', contactPersons: [WANG] },
  { step: 'activist_observation', date: '2023-04-10' },
  { step: 'candidate_selection', date: '2023-04-15' },
  { step: 'candidate_filing', date: '2023-04-20' },
  { step: 'sponsors', date: '2023-05-01', sponsors: [WANG, LI] },
  { step: 'political_review', date: '2023-05-20', politicalReviewPassed: true },
  { step: 'training', date: '2023-06-01', trainingDays: 3 },
  { step: 'committee_review', date: '2023-06-10' },
  { step: 'upper_pre_review', date: '2023-06-15' },
  { step: 'application_form', date: '2023-06-20' },
  { step: 'admission_meeting', date: '2023-07-01' },
  { step: 'upper_talk', date: '2023-07-10' },
  { step: 'admission_approval', date: '2023-08-01' },
  { step: 'admission_filing', date: '2023-08-10' },
  { step: 'placement', date: '2023-08-15' },
  { step: 'oath', date: '2023-08-20' },
  { step: 'probation_education', date: '2023-09-01' },
  { step: 'full_membership_application', date: '2024-06-20' },
  { step: 'full_membership_meeting', date: '2024-07-01', outcome: 'on_time' },
  { step: 'full_membership_approval', date: '2024-07-20' },
  { step: 'archiving', date: '2024-08-01' },
];

function record(entries: readonly DevelopmentStepEntry[], birthDate = BIRTH): DevelopmentRecord {
  return { idNumber: PERSON_ID, birthDate, entries };
}

/** The standard record up to (not including) `code`, with `changes` replacing the named steps' entries. */
function before(
  code: DevelopmentStepCode,
  changes: Partial<Record<DevelopmentStepCode, Partial<DevelopmentStepEntry>>> = {},
) {
  const n = DEVELOPMENT_STEP_CODES.indexOf(code);
  return record(STANDARD.slice(0, n).map((e) => ({ ...e, ...changes[e.step] })));
}

/** Records entries one by one through the check, failing the test on a refusal. */
function recordThrough(entries: readonly DevelopmentStepEntry[], birthDate = BIRTH): DevelopmentRecord {
  let r = record([], birthDate);
  for (const e of entries) {
    const result = checkDevelopmentStep(r, e, TODAY);
    if (!result.ok) throw new Error(`${e.step} ${e.date}: ${result.code} ${result.message}`);
    r = { ...r, entries: [...r.entries, e] };
  }
  return r;
}

const check = (r: DevelopmentRecord, e: DevelopmentStepEntry, today = TODAY) => checkDevelopmentStep(r, e, today);
const codeOf = (c: DevelopmentCheck) => (c.ok ? 'ok' : c.code);

function refusal(c: DevelopmentCheck) {
  if (c.ok) throw new Error('expected a refusal');
  return c;
}

describe('the catalogue of 25 steps', () => {
  it('has the five stages of GLOSSARY.md with their Chinese names', () => {
    expect(DEVELOPMENT_STAGES).toEqual(['applicant', 'activist', 'candidate', 'probationary', 'full']);
    expect(Object.values(DEVELOPMENT_STAGE_LABELS)).toEqual([
      '入党申请人',
      '入党积极分子',
      '发展对象',
      '预备党员',
      '正式党员',
    ]);
  });

  it('numbers the steps 1 to 25 with their codes in order', () => {
    expect(DEVELOPMENT_STEPS.map((s) => s.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(DEVELOPMENT_STEPS.map((s) => s.code)).toEqual([...DEVELOPMENT_STEP_CODES]);
    for (const s of DEVELOPMENT_STEPS) expect(developmentStep(s.code)).toBe(s);
  });

  it('groups the steps by stage as DOMAIN.md does (1–2, 3–6, 7–11, 12–20, 21–25)', () => {
    const numbers = (stage: string) => DEVELOPMENT_STEPS.filter((s) => s.stage === stage).map((s) => s.number);
    expect(numbers('applicant')).toEqual([1, 2]);
    expect(numbers('activist')).toEqual([3, 4, 5, 6]);
    expect(numbers('candidate')).toEqual([7, 8, 9, 10, 11]);
    expect(numbers('probationary')).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(numbers('full')).toEqual([21, 22, 23, 24, 25]);
  });

  it('gives each step a Chinese label, a date and a checklist', () => {
    for (const s of DEVELOPMENT_STEPS) {
      expect(s.label).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(s.needsDate).toBe(true);
      expect(s.checklist.length).toBeGreaterThan(0);
    }
    expect(developmentStep('application').label).toBe('递交入党申请书');
    expect(developmentStep('admission_meeting').label).toBe('支部大会讨论接收');
    expect(developmentStep('archiving').label).toBe('材料归档');
  });

  it('names who decides: the meetings and approvals', () => {
    const by = (body: string) => DEVELOPMENT_STEPS.filter((s) => s.decidedBy === body).map((s) => s.number);
    expect(by('branch_meeting')).toEqual([15, 23]);
    expect(by('upper_committee')).toEqual([13, 17, 24]);
    expect(by('branch_committee')).toEqual([3, 5, 7, 12]);
  });

  it('names the details the steps need', () => {
    const withFields = DEVELOPMENT_STEPS.filter((s) => s.fields.length > 0).map((s) => [s.number, s.fields]);
    expect(withFields).toEqual([
      [5, ['contactPersons']],
      [9, ['sponsors']],
      [10, ['politicalReviewPassed']],
      [11, ['trainingDays', 'trainingHours']],
      [23, ['outcome', 'extensionMonths']],
    ]);
  });

  it('has the outcomes of 转正 and the default numbers of 发展党员工作细则', () => {
    expect(PROBATION_OUTCOMES.map((o) => PROBATION_OUTCOME_LABELS[o])).toEqual([
      '按期转正',
      '延长预备期',
      '取消预备党员资格',
    ]);
    expect(DEVELOPMENT_RULES).toMatchObject({
      minApplicantAge: 18,
      talkWithinMonths: 1,
      activistMinYears: 1,
      sponsorCount: 2,
      trainingMinDays: 3,
      trainingMinHours: 24,
      admissionApprovalWithinMonths: 3,
      probationYears: 1,
      extensionMaxMonths: 12,
    });
  });

  it('every development refusal is a 422', () => {
    const codes = Object.entries(ERROR_STATUS).filter(([code]) => code.startsWith('DEVELOPMENT_'));
    expect(codes.length).toBeGreaterThanOrEqual(17);
    for (const [, status] of codes) expect(status).toBe(422);
  });
});

describe('a development by the book', () => {
  it('allows every step in turn, with no warning', () => {
    let r = record([]);
    for (const e of STANDARD) {
      expect(check(r, e)).toEqual({ ok: true, late: false, warnings: [] });
      r = { ...r, entries: [...r.entries, e] };
    }
  });

  it('ends as a full member: joined at the admission meeting, full at the end of probation', () => {
    const status = developmentStatus(recordThrough(STANDARD), '2024-09-01');
    expect(status).toEqual({
      stage: 'full',
      cancelled: false,
      stageSince: '2024-07-01',
      daysInStage: 62,
      joinedOn: '2023-07-01',
      probationEnd: '2024-07-01',
      fullOn: '2024-07-01',
      next: null,
      lateSteps: [],
    });
  });

  it('refuses any step after archiving', () => {
    const r = refusal(check(record(STANDARD), { step: 'archiving', date: '2024-09-01' }));
    expect(r.code).toBe('DEVELOPMENT_STEP_OUT_OF_ORDER');
    expect(r.message).toBe('发展程序已全部完成，不能再办理第25步「材料归档」');
  });
});

describe('steps strictly in order', () => {
  it('an empty record allows only the application', () => {
    expect(nextDevelopmentStep(record([]))).toBe('application');
    const r = refusal(check(record([]), { step: 'talk', date: '2022-03-01' }));
    expect(r).toEqual({
      ok: false,
      code: 'DEVELOPMENT_STEP_OUT_OF_ORDER',
      message: '发展党员须按程序逐步进行：下一步应为第1步「递交入党申请书」，不能办理第2步「党组织派人谈话」',
    });
  });

  it('refuses skipping a step, going back and repeating one', () => {
    const r = before('contact_persons');
    expect(codeOf(check(r, { step: 'activist_observation', date: '2023-01-01' }))).toBe(
      'DEVELOPMENT_STEP_OUT_OF_ORDER',
    );
    expect(codeOf(check(r, { step: 'talk', date: '2023-01-01' }))).toBe('DEVELOPMENT_STEP_OUT_OF_ORDER');
    expect(codeOf(check(r, { step: 'activist_filing', date: '2023-01-01' }))).toBe('DEVELOPMENT_STEP_OUT_OF_ORDER');
    expect(codeOf(check(r, { step: 'contact_persons', date: '2023-01-01', contactPersons: [LI] }))).toBe('ok');
  });

  it.each(DEVELOPMENT_STEP_CODES.map((c, i) => [i + 1, c] as const))(
    'step %i (%s) is the one after the step before',
    (_, code) => {
      expect(nextDevelopmentStep(before(code))).toBe(code);
    },
  );

  it('refuses a date before the step before (earliestDate = that date), allows the same day', () => {
    const r = before('activist_filing');
    expect(refusal(check(r, { step: 'activist_filing', date: '2022-04-14' }))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP',
      message: '第4步「报上级党委备案」的日期不能早于上一步第3步「推荐和确定入党积极分子」的日期（2022-04-15）',
      earliestDate: '2022-04-15',
    });
    expect(check(r, { step: 'activist_filing', date: '2022-04-15' }).ok).toBe(true);
  });

  it('refuses a date after today, allows today', () => {
    const r = before('talk');
    expect(refusal(check(r, { step: 'talk', date: '2022-03-21' }, '2022-03-20'))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_DATE_IN_FUTURE',
      message: '第2步「党组织派人谈话」的日期不能晚于今天',
    });
    expect(check(r, { step: 'talk', date: '2022-03-20' }, '2022-03-20').ok).toBe(true);
  });

  it('refuses a malformed date or birth date', () => {
    expect(codeOf(check(before('talk'), { step: 'talk', date: '2022-02-30' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(check(record([], '1995-13-01'), { step: 'application', date: '2022-03-01' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('applicant ≥ 18 on the application date (1)', () => {
  const apply = (birthDate: string, date: string) => check(record([], birthDate), { step: 'application', date });

  it('the day before the 18th birthday: refused, earliestDate the birthday; the day itself and after: allowed', () => {
    expect(refusal(apply('2004-06-15', '2022-06-14'))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_APPLICANT_UNDER_18',
      message: '入党申请人须年满18周岁，该申请人于2022-06-15年满18周岁',
      earliestDate: '2022-06-15',
    });
    expect(apply('2004-06-15', '2022-06-15').ok).toBe(true);
    expect(apply('2004-06-15', '2022-06-16').ok).toBe(true);
  });

  it('born on 02-29: an 18th birthday never falls on 02-29 (18 is not a multiple of 4), so 18 on 03-01 as ageOn says', () => {
    expect(refusal(apply('2004-02-29', '2022-02-28')).earliestDate).toBe('2022-03-01');
    expect(apply('2004-02-29', '2022-03-01').ok).toBe(true);
  });

  it('an application on 02-29 of a leap year, the day after an 18th birthday on 02-28', () => {
    expect(apply('2006-02-28', '2024-02-29').ok).toBe(true);
    expect(refusal(apply('2006-03-01', '2024-02-29')).earliestDate).toBe('2024-03-01');
  });

  it('property: allowed exactly when ageOn ≥ 18; a refusal’s earliestDate is allowed and the day before refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          fc.integer({ min: 488, max: 502 }).map((k) => `${k * 4}-02-29`),
        ),
        fc.integer({ min: -3, max: 3 }),
        (birthDate, offset) => {
          const date = addDays(addYears(birthDate, 18), offset);
          const result = apply(birthDate, date);
          expect(result.ok).toBe(ageOn(birthDate, date) >= 18);
          if (!result.ok) {
            const earliest = result.earliestDate as string;
            expect(apply(birthDate, earliest).ok).toBe(true);
            expect(apply(birthDate, addDays(earliest, -1)).ok).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the talk within one month (2): late is a warning, not a refusal', () => {
  const talk = (application: string, date: string) =>
    check(record([{ step: 'application', date: application }]), { step: 'talk', date });

  it('on the last day of the month: on time; the day after: allowed and marked late', () => {
    expect(talk('2022-03-01', '2022-04-01')).toEqual({ ok: true, late: false, warnings: [] });
    const late = talk('2022-03-01', '2022-04-02');
    expect(late).toEqual({
      ok: true,
      late: true,
      warnings: [
        {
          kind: 'talk_late',
          step: 'talk',
          dueDate: '2022-04-01',
          message:
            '党组织应在收到入党申请书后1个月内派人谈话（2022-03-01递交申请，应于2022-04-01前谈话），2022-04-02谈话已晚于期限（仅提示，不影响办理）',
        },
      ],
    });
  });

  it('an application on 01-31 is due by the end of February (leap and common years)', () => {
    expect(talk('2024-01-31', '2024-02-29')).toMatchObject({ ok: true, late: false });
    expect(talk('2024-01-31', '2024-03-01')).toMatchObject({ ok: true, late: true });
    expect(talk('2023-01-31', '2023-02-28')).toMatchObject({ ok: true, late: false });
    expect(talk('2023-01-31', '2023-03-01')).toMatchObject({ ok: true, late: true });
  });

  it('an application on 02-29 is due by 03-29', () => {
    expect(talk('2024-02-29', '2024-03-29')).toMatchObject({ ok: true, late: false });
    expect(talk('2024-02-29', '2024-03-30')).toMatchObject({ ok: true, late: true });
  });

  it('years late is still allowed; before the application is refused', () => {
    expect(talk('2022-03-01', '2025-03-01')).toMatchObject({ ok: true, late: true });
    expect(codeOf(talk('2022-03-01', '2022-02-28'))).toBe('DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP');
  });
});

describe('培养联系人 (5): one or two full members', () => {
  const r = before('contact_persons');
  const pick = (contactPersons: DevelopmentPerson[], date = '2022-04-25') =>
    check(r, { step: 'contact_persons', date, contactPersons });

  it('one or two: allowed; none or three: refused', () => {
    expect(pick([WANG]).ok).toBe(true);
    expect(pick([WANG, LI]).ok).toBe(true);
    expect(refusal(pick([])).code).toBe('DEVELOPMENT_CONTACT_PERSONS_INVALID');
    expect(refusal(pick([WANG, LI, ZHAO])).message).toBe('须指定1至2名正式党员作培养联系人，现为3名');
  });

  it('a probationary member, one not yet full on the day, or the person themself: refused', () => {
    expect(refusal(pick([member('孙丽', null, 4)])).message).toBe(
      '培养联系人须为正式党员，孙丽在2022-04-25不是正式党员',
    );
    expect(pick([member('周洁', '2022-04-25', 5)]).ok).toBe(true);
    expect(pick([member('周洁', '2022-04-26', 5)]).ok).toBe(false);
    const self = { ...WANG, idNumber: PERSON_ID };
    expect(refusal(pick([self])).message).toBe('培养联系人不能是入党积极分子本人');
  });
});

describe('an activist for at least one year before becoming a candidate (7)', () => {
  const r = before('candidate_selection');
  const select = (date: string, rec = r) => check(rec, { step: 'candidate_selection', date });

  it('the day before one year: refused with earliestDate; the day itself and after: allowed', () => {
    expect(refusal(select('2023-04-14'))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_ACTIVIST_PERIOD_TOO_SHORT',
      message:
        '入党积极分子须经过1年以上的培养教育和考察方可确定为发展对象（2022-04-15确定为入党积极分子，最早可于2023-04-15确定为发展对象）',
      earliestDate: '2023-04-15',
    });
    expect(select('2023-04-15').ok).toBe(true);
    expect(select('2023-04-16').ok).toBe(true);
  });

  it('an activist from 02-29: one year ends on 02-28 (addYears)', () => {
    const leap = before('candidate_selection', {
      activist_selection: { date: '2024-02-29' },
      activist_filing: { date: '2024-03-01' },
      contact_persons: { date: '2024-03-01' },
      activist_observation: { date: '2025-01-01' },
    });
    expect(refusal(select('2025-02-27', leap)).earliestDate).toBe('2025-02-28');
    expect(select('2025-02-28', leap).ok).toBe(true);
  });

  it('the later bound binds: an observation recorded after the year', () => {
    const late = before('candidate_selection', { activist_observation: { date: '2023-05-01' } });
    expect(refusal(select('2023-04-20', late))).toMatchObject({
      code: 'DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP',
      earliestDate: '2023-05-01',
    });
    expect(select('2023-05-01', late).ok).toBe(true);
  });

  it('on a tie the rule’s own message wins', () => {
    const tie = before('candidate_selection', { activist_observation: { date: '2023-04-15' } });
    expect(refusal(select('2023-04-14', tie))).toMatchObject({
      code: 'DEVELOPMENT_ACTIVIST_PERIOD_TOO_SHORT',
      earliestDate: '2023-04-15',
    });
  });

  it('the status lists it as not ready before the year and ready on the day', () => {
    expect(developmentStatus(r, '2023-04-14').next).toMatchObject({ earliestDate: '2023-04-15', ready: false });
    expect(developmentStatus(r, '2023-04-15').next).toMatchObject({ earliestDate: '2023-04-15', ready: true });
  });
});

describe('two sponsors who are full members on the date (9)', () => {
  const r = before('sponsors');
  const name = (sponsors: DevelopmentPerson[], date = '2023-05-01') => check(r, { step: 'sponsors', date, sponsors });

  it('two full members: allowed', () => {
    expect(name([WANG, LI]).ok).toBe(true);
  });

  it('one, three, none or the same one twice: refused', () => {
    expect(refusal(name([WANG]))).toMatchObject({
      code: 'DEVELOPMENT_SPONSOR_COUNT',
      message: '发展对象须有2名正式党员作入党介绍人，现为1名',
    });
    expect(codeOf(name([WANG, LI, ZHAO]))).toBe('DEVELOPMENT_SPONSOR_COUNT');
    expect(codeOf(check(r, { step: 'sponsors', date: '2023-05-01' }))).toBe('DEVELOPMENT_SPONSOR_COUNT');
    const twice = { ...WANG, idNumber: WANG.idNumber.toLowerCase() };
    expect(refusal(name([WANG, twice])).message).toBe('入党介绍人须为2名不同的正式党员，不能重复');
  });

  it('the candidate themself: refused (ID numbers compared whatever the case of X)', () => {
    const selfId = Array.from({ length: 50 }, (_, i) => makeIdNumber('110105', '1990-01-05', i, 'male')).find((id) =>
      id.endsWith('X'),
    ) as string;
    expect(selfId).toMatch(/X$/);
    const rec = { ...r, idNumber: selfId.toLowerCase() };
    const result = check(rec, { step: 'sponsors', date: '2023-05-01', sponsors: [WANG, { ...LI, idNumber: selfId }] });
    expect(refusal(result)).toEqual({
      ok: false,
      code: 'DEVELOPMENT_SPONSOR_IS_APPLICANT',
      message: '入党介绍人不能是发展对象本人',
    });
  });

  it('a probationary member or a full member without a date: refused, no earliest date', () => {
    expect(refusal(name([WANG, member('孙丽', null, 4)]))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER',
      message: '入党介绍人须为正式党员，孙丽是预备党员',
    });
    const noDate = { ...LI, status: 'full' as const, fullOn: null };
    expect(refusal(name([WANG, noDate])).earliestDate).toBeUndefined();
  });

  it('full on the day: allowed; full the day after: refused with earliestDate that day', () => {
    expect(name([WANG, member('周洁', '2023-05-01', 5)]).ok).toBe(true);
    expect(refusal(name([WANG, member('周洁', '2023-05-02', 5)]))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_SPONSOR_NOT_FULL_MEMBER',
      message: '入党介绍人须为正式党员，周洁于2023-05-02转为正式党员，在2023-05-01尚不是正式党员',
      earliestDate: '2023-05-02',
    });
    expect(name([WANG, member('周洁', '2023-05-02', 5)], '2023-05-02').ok).toBe(true);
  });

  it('both not yet full: the later date binds', () => {
    const a = member('周洁', '2023-06-01', 5);
    const b = member('吴静', '2023-07-01', 6);
    expect(refusal(name([a, b])).earliestDate).toBe('2023-07-01');
    expect(refusal(name([b, a])).earliestDate).toBe('2023-07-01');
    expect(name([a, b], '2023-07-01').ok).toBe(true);
  });

  it('full long before, but the step before is later: the step before binds', () => {
    expect(refusal(name([WANG, LI], '2023-04-19'))).toMatchObject({
      code: 'DEVELOPMENT_DATE_BEFORE_PREVIOUS_STEP',
      earliestDate: '2023-04-20',
    });
  });
});

describe('political review (10)', () => {
  it('needs a conclusion', () => {
    const r = check(before('political_review'), { step: 'political_review', date: '2023-05-20' });
    expect(refusal(r)).toMatchObject({ code: 'DEVELOPMENT_STEP_INCOMPLETE' });
  });

  it('a failed review is recorded, blocks the next steps, and a new review may follow', () => {
    const failed = before('training', { political_review: { politicalReviewPassed: false } });
    expect(nextDevelopmentStep(failed)).toBe('political_review');
    expect(refusal(check(failed, { step: 'training', date: '2023-06-01', trainingDays: 3 }))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_POLITICAL_REVIEW_NOT_PASSED',
      message: '政治审查不合格，不能办理第11步「开展集中培训」，须重新进行政治审查',
    });
    const again: DevelopmentStepEntry = { step: 'political_review', date: '2023-08-01', politicalReviewPassed: true };
    expect(check(failed, again).ok).toBe(true);
    const passed = { ...failed, entries: [...failed.entries, again] };
    expect(check(passed, { step: 'training', date: '2023-08-02', trainingHours: 24 }).ok).toBe(true);
    expect(developmentStatus(failed, '2023-06-01').next?.step.code).toBe('political_review');
  });
});

describe('concentrated training ≥ 3 days or ≥ 24 class hours (11)', () => {
  const r = before('training');
  const train = (trainingDays?: number, trainingHours?: number) =>
    check(r, { step: 'training', date: '2023-06-01', trainingDays, trainingHours });

  it('2.9 days: refused; 3 days: allowed', () => {
    expect(refusal(train(2.9))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_TRAINING_INSUFFICIENT',
      message: '发展对象集中培训须不少于3天或不少于24学时，现为2.9天、0学时',
    });
    expect(train(3).ok).toBe(true);
  });

  it('23 hours: refused; 24 hours: allowed', () => {
    expect(codeOf(train(undefined, 23))).toBe('DEVELOPMENT_TRAINING_INSUFFICIENT');
    expect(train(undefined, 24).ok).toBe(true);
  });

  it('either suffices; 2.9 days and 23 hours together do not; nothing or NaN does not', () => {
    expect(train(1, 24).ok).toBe(true);
    expect(train(3, 0).ok).toBe(true);
    expect(train(2.9, 23).ok).toBe(false);
    expect(train().ok).toBe(false);
    expect(train(Number.NaN, Number.NaN).ok).toBe(false);
  });
});

describe('approval of admission within 3 months of the branch meeting (17): late is marked, not refused', () => {
  const approve = (admission: string, date: string) => {
    const r = before('admission_approval', {
      admission_meeting: { date: admission },
      upper_talk: { date: admission },
    });
    return check(r, { step: 'admission_approval', date });
  };

  it('on the last day: on time; the day after: allowed and late', () => {
    expect(approve('2023-07-01', '2023-10-01')).toEqual({ ok: true, late: false, warnings: [] });
    const late = approve('2023-07-01', '2023-10-02');
    expect(late).toMatchObject({ ok: true, late: true });
    expect(late.ok && late.warnings).toEqual([
      {
        kind: 'admission_approval_late',
        step: 'admission_approval',
        dueDate: '2023-10-01',
        message:
          '上级党委应在支部大会通过后3个月内审批（2023-07-01支部大会通过，应于2023-10-01前审批），2023-10-02审批已逾期',
      },
    ]);
  });

  it('a branch meeting on 11-30 is due by the end of February (2024-02-29, 2025-02-28)', () => {
    expect(approve('2023-11-30', '2024-02-29')).toMatchObject({ late: false });
    expect(approve('2023-11-30', '2024-03-01')).toMatchObject({ late: true });
    expect(approve('2024-11-30', '2025-02-28')).toMatchObject({ late: false });
    expect(approve('2024-11-30', '2025-03-01')).toMatchObject({ late: true });
  });

  it('a February admission (02-29) is due by 05-29', () => {
    expect(approve('2024-02-29', '2024-05-29')).toMatchObject({ late: false });
    expect(approve('2024-02-29', '2024-05-30')).toMatchObject({ late: true });
  });

  it('the status lists it as due, and overdue from the day after', () => {
    const r = before('admission_approval');
    expect(developmentStatus(r, '2023-10-01').next).toMatchObject({ dueDate: '2023-10-01', overdue: false });
    expect(developmentStatus(r, '2023-10-02').next).toMatchObject({ dueDate: '2023-10-01', overdue: true });
  });
});

describe('probation: one year from the branch meeting that admits (22, 23)', () => {
  const withAdmission = (admission: string, code: DevelopmentStepCode) => {
    const changes: Partial<Record<DevelopmentStepCode, Partial<DevelopmentStepEntry>>> = {};
    for (const c of DEVELOPMENT_STEP_CODES.slice(14, DEVELOPMENT_STEP_CODES.indexOf(code))) {
      changes[c] = { date: admission };
    }
    return before(code, changes);
  };
  const meet = (r: DevelopmentRecord, date: string) =>
    check(r, { step: 'full_membership_meeting', date, outcome: 'on_time' });

  it('ends one year after the admission meeting', () => {
    expect(probationEnd(before('full_membership_meeting'))).toBe('2024-07-01');
    expect(probationEnd(before('admission_meeting'))).toBeNull();
  });

  it('the 转正 meeting the day before the end: refused with earliestDate; on the day: allowed', () => {
    const r = before('full_membership_meeting');
    expect(refusal(meet(r, '2024-06-30'))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_PROBATION_NOT_ENDED',
      message: '预备期自支部大会通过之日起算，至2024-07-01届满；预备期满后方可讨论转正',
      earliestDate: '2024-07-01',
    });
    expect(meet(r, '2024-07-01').ok).toBe(true);
  });

  it('admitted on 02-29: probation ends on 02-28 of the next year (addYears)', () => {
    const r = withAdmission('2024-02-29', 'full_membership_meeting');
    expect(probationEnd(r)).toBe('2025-02-28');
    expect(refusal(meet(r, '2025-02-27')).earliestDate).toBe('2025-02-28');
    expect(meet(r, '2025-02-28').ok).toBe(true);
  });

  it('admitted on 02-28 of a common year: ends on 02-28 of the leap year, not 02-29', () => {
    const r = withAdmission('2023-02-28', 'full_membership_meeting');
    expect(probationEnd(r)).toBe('2024-02-28');
    expect(meet(r, '2024-02-27').ok).toBe(false);
    expect(meet(r, '2024-02-28').ok).toBe(true);
  });

  it('the 转正 application from one month before the end', () => {
    const r = before('full_membership_application');
    const apply = (date: string) => check(r, { step: 'full_membership_application', date });
    expect(refusal(apply('2024-05-31'))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_FULL_APPLICATION_TOO_EARLY',
      message: '转正申请应在预备期满时提出：预备期至2024-07-01届满，最早可于2024-06-01提出',
      earliestDate: '2024-06-01',
    });
    expect(apply('2024-06-01').ok).toBe(true);
  });

  it('a 转正 application after the end: allowed and marked late', () => {
    const r = before('full_membership_application');
    const apply = (date: string) => check(r, { step: 'full_membership_application', date });
    expect(apply('2024-07-01')).toEqual({ ok: true, late: false, warnings: [] });
    expect(apply('2024-07-02')).toEqual({
      ok: true,
      late: true,
      warnings: [
        {
          kind: 'full_membership_application_late',
          step: 'full_membership_application',
          dueDate: '2024-07-01',
          message: '转正申请应在预备期满时提出（预备期于2024-07-01届满），2024-07-02提出已晚于期限',
        },
      ],
    });
  });

  it('discussed more than a month after the end: allowed and marked late', () => {
    const r = before('full_membership_meeting');
    expect(meet(r, '2024-08-01')).toEqual({ ok: true, late: false, warnings: [] });
    const late = meet(r, '2024-08-02');
    expect(late).toMatchObject({ ok: true, late: true });
    expect(late.ok && late.warnings[0]?.kind).toBe('full_membership_meeting_late');
  });

  it('the meeting must state the outcome', () => {
    const r = check(before('full_membership_meeting'), { step: 'full_membership_meeting', date: '2024-07-01' });
    expect(refusal(r).code).toBe('DEVELOPMENT_STEP_INCOMPLETE');
  });

  it('approval of 转正 within 3 months of the meeting: late is marked', () => {
    const r = before('full_membership_approval');
    expect(check(r, { step: 'full_membership_approval', date: '2024-10-01' })).toMatchObject({ late: false });
    const late = check(r, { step: 'full_membership_approval', date: '2024-10-02' });
    expect(late).toMatchObject({ ok: true, late: true });
    expect(late.ok && late.warnings[0]).toMatchObject({ kind: 'full_membership_approval_late', dueDate: '2024-10-01' });
  });

  it('a probationary member only once the admission is approved, joined on the meeting date', () => {
    const pending = developmentStatus(before('admission_approval'), '2023-07-20');
    expect(pending).toMatchObject({ stage: 'candidate', joinedOn: null, probationEnd: '2024-07-01' });
    const approved = developmentStatus(before('admission_filing'), '2023-08-01');
    expect(approved).toMatchObject({
      stage: 'probationary',
      stageSince: '2023-07-01',
      daysInStage: 31,
      joinedOn: '2023-07-01',
    });
  });

  it('full from the end of probation, not from the approval date', () => {
    const status = developmentStatus(before('archiving'), '2024-07-20');
    expect(status).toMatchObject({ stage: 'full', stageSince: '2024-07-01', fullOn: '2024-07-01', daysInStage: 19 });
    expect(status.next?.step.code).toBe('archiving');
  });
});

describe('extension of probation: 6 to 12 months, once', () => {
  const meeting = (outcome: DevelopmentStepEntry['outcome'], extensionMonths?: number): DevelopmentStepEntry => ({
    step: 'full_membership_meeting',
    date: '2024-07-01',
    outcome,
    extensionMonths,
  });
  const r = before('full_membership_meeting');

  it('6 and 12 months: allowed; 5: too short; 13: too long; missing or fractional: incomplete', () => {
    expect(check(r, meeting('extended', 6)).ok).toBe(true);
    expect(check(r, meeting('extended', 12)).ok).toBe(true);
    expect(refusal(check(r, meeting('extended', 5)))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_EXTENSION_TOO_SHORT',
      message: '延长预备期不能少于6个月（半年），现为5个月',
    });
    expect(refusal(check(r, meeting('extended', 13)))).toEqual({
      ok: false,
      code: 'DEVELOPMENT_EXTENSION_TOO_LONG',
      message: '延长预备期最长不超过12个月（一年），现为13个月',
    });
    expect(codeOf(check(r, meeting('extended')))).toBe('DEVELOPMENT_STEP_INCOMPLETE');
    expect(codeOf(check(r, meeting('extended', 6.5)))).toBe('DEVELOPMENT_STEP_INCOMPLETE');
  });

  const extended = recordThrough([
    ...STANDARD.slice(0, 22),
    meeting('extended', 6),
    { step: 'full_membership_approval', date: '2024-07-20' },
  ]);

  it('after an approved extension: apply again, and the meeting waits for the extended end', () => {
    expect(probationEnd(extended)).toBe('2025-01-01');
    expect(nextDevelopmentStep(extended)).toBe('full_membership_application');
    const status = developmentStatus(extended, '2024-12-15');
    expect(status).toMatchObject({ stage: 'probationary', probationEnd: '2025-01-01', fullOn: null });
    expect(status.next).toMatchObject({ earliestDate: '2024-12-01', dueDate: '2025-01-01', ready: true });
    const applied = {
      ...extended,
      entries: [...extended.entries, { step: 'full_membership_application', date: '2024-12-15' } as const],
    };
    expect(
      refusal(check(applied, { step: 'full_membership_meeting', date: '2024-12-31', outcome: 'on_time' })),
    ).toMatchObject({
      code: 'DEVELOPMENT_PROBATION_NOT_ENDED',
      earliestDate: '2025-01-01',
    });
  });

  it('a second extension: refused', () => {
    const applied = recordThrough([...extended.entries, { step: 'full_membership_application', date: '2024-12-15' }]);
    const again = check(applied, {
      step: 'full_membership_meeting',
      date: '2025-01-01',
      outcome: 'extended',
      extensionMonths: 6,
    });
    expect(refusal(again)).toEqual({
      ok: false,
      code: 'DEVELOPMENT_EXTENSION_REPEATED',
      message: '预备期只能延长一次，已延长过的预备期满后应转正或取消预备党员资格',
    });
  });

  it('转正 at the end of the extended probation: full from that day', () => {
    const done = recordThrough([
      ...extended.entries,
      { step: 'full_membership_application', date: '2024-12-15' },
      { step: 'full_membership_meeting', date: '2025-01-01', outcome: 'on_time' },
      { step: 'full_membership_approval', date: '2025-01-10' },
      { step: 'archiving', date: '2025-01-20' },
    ]);
    expect(developmentStatus(done, '2025-02-01')).toMatchObject({
      stage: 'full',
      joinedOn: '2023-07-01',
      probationEnd: '2025-01-01',
      fullOn: '2025-01-01',
      next: null,
    });
  });

  it('admitted on 02-29 and extended by 6 months: ends on 08-28 (from the original end 02-28)', () => {
    const leap = record(
      STANDARD.slice(0, 23).map((e, i) =>
        i === 14
          ? { ...e, date: '2024-02-29' }
          : i === 22
            ? { ...e, outcome: 'extended' as const, extensionMonths: 6 }
            : e,
      ),
    );
    expect(probationEnd(leap)).toBe('2025-08-28');
  });
});

describe('cancellation of probation', () => {
  it('approved cancellation: no stage, cancelled, then only archiving', () => {
    const cancelled = recordThrough([
      ...STANDARD.slice(0, 22),
      { step: 'full_membership_meeting', date: '2024-07-01', outcome: 'cancelled' },
      { step: 'full_membership_approval', date: '2024-07-20' },
    ]);
    const status = developmentStatus(cancelled, '2024-08-01');
    expect(status).toMatchObject({
      stage: null,
      cancelled: true,
      stageSince: '2024-07-20',
      joinedOn: '2023-07-01',
      probationEnd: null,
      fullOn: null,
    });
    expect(status.next?.step.code).toBe('archiving');
    const archived = recordThrough([...cancelled.entries, { step: 'archiving', date: '2024-08-01' }]);
    expect(nextDevelopmentStep(archived)).toBeNull();
  });
});

describe('what is due and time in stage (developmentStatus)', () => {
  it('before the application: no stage; the application from the 18th birthday', () => {
    const status = developmentStatus(record([], '2008-09-01'), '2026-08-31');
    expect(status).toEqual({
      stage: null,
      cancelled: false,
      stageSince: null,
      daysInStage: null,
      joinedOn: null,
      probationEnd: null,
      fullOn: null,
      next: {
        step: developmentStep('application'),
        earliestDate: '2026-09-01',
        dueDate: null,
        ready: false,
        overdue: false,
      },
      lateSteps: [],
    });
  });

  it('an applicant: the talk is due a month after, overdue from the day after', () => {
    const r = before('talk');
    expect(developmentStatus(r, '2022-04-01')).toMatchObject({
      stage: 'applicant',
      stageSince: '2022-03-01',
      daysInStage: 31,
      next: { earliestDate: '2022-03-01', dueDate: '2022-04-01', ready: true, overdue: false },
    });
    expect(developmentStatus(r, '2022-04-02').next?.overdue).toBe(true);
  });

  it('time in stage counts 02-29 and is 0 on the first day', () => {
    const r = record([{ step: 'application', date: '2024-02-01' }]);
    expect(developmentStatus(r, '2024-03-01').daysInStage).toBe(29);
    expect(developmentStatus(r, '2024-02-01').daysInStage).toBe(0);
    expect(developmentStatus(r, '2024-01-01').daysInStage).toBe(0);
  });

  it('stages follow the steps: activist from step 3, candidate from step 7', () => {
    expect(developmentStatus(before('activist_filing'), '2022-05-01')).toMatchObject({
      stage: 'activist',
      stageSince: '2022-04-15',
    });
    expect(developmentStatus(before('candidate_filing'), '2023-05-01')).toMatchObject({
      stage: 'candidate',
      stageSince: '2023-04-15',
    });
  });

  it('lists the steps recorded late', () => {
    const r = recordThrough(
      STANDARD.slice(0, 17).map((e) =>
        e.step === 'talk'
          ? { ...e, date: '2022-04-10' }
          : e.step === 'admission_approval'
            ? { ...e, date: '2023-10-09' }
            : e,
      ),
    );
    expect(developmentStatus(r, '2023-11-01').lateSteps.map((w) => [w.kind, w.dueDate])).toEqual([
      ['talk_late', '2022-04-01'],
      ['admission_approval_late', '2023-10-01'],
    ]);
  });
});

describe('properties over random records', () => {
  // A record of the first k standard steps at random non-decreasing dates, and a request of step k+1.
  const arbitraryCase = fc
    .record({
      k: fc.integer({ min: 0, max: 24 }),
      gaps: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 25, maxLength: 25 }),
      offset: fc.integer({ min: -500, max: 500 }),
      leapStart: fc.boolean(),
    })
    .map(({ k, gaps, offset, leapStart }) => {
      let date = leapStart ? '2024-02-29' : '2023-03-15';
      const entries = STANDARD.map((e, i) => {
        date = addDays(date, gaps[i] as number);
        return { ...e, date };
      });
      const prior = entries.slice(0, k);
      const request = entries[k] as DevelopmentStepEntry;
      const anchor = prior.at(-1)?.date ?? addYears('1990-01-01', 18);
      return { r: record(prior, '1990-01-01'), request: { ...request, date: addDays(anchor, offset) } };
    });

  it('a refusal’s earliestDate is allowed and the day before it is refused', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ r, request }) => {
        const result = check(r, request, '2099-12-31');
        if (!result.ok && result.earliestDate !== undefined) {
          expect(check(r, { ...request, date: result.earliestDate }, '2099-12-31').ok).toBe(true);
          expect(check(r, { ...request, date: addDays(result.earliestDate, -1) }, '2099-12-31').ok).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the status’s earliestDate for the next step agrees with the check', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ r, request }) => {
        const next = developmentStatus(r, request.date).next;
        expect(next?.step.code).toBe(request.step);
        expect(check(r, request, '2099-12-31').ok).toBe(next?.ready);
      }),
      { numRuns: 1000 },
    );
  });

  it('a late mark agrees with the status’s due date and overdue flag', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ r, request }) => {
        const result = check(r, request, '2099-12-31');
        const next = developmentStatus(r, request.date).next;
        if (result.ok) expect(result.late).toBe(next?.overdue);
      }),
      { numRuns: 1000 },
    );
  });

  it('the end of probation is addYears(admission, 1) plus the extension, and is never before the admission', () => {
    fc.assert(
      fc.property(
        fc
          .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom(0, 6, 7, 12),
        (admission, months) => {
          const entries: DevelopmentStepEntry[] = [{ step: 'admission_meeting', date: admission }];
          if (months > 0) {
            entries.push({
              step: 'full_membership_meeting',
              date: admission,
              outcome: 'extended',
              extensionMonths: months,
            });
          }
          const end = probationEnd(record(entries)) as string;
          expect(end).toBe(addMonths(addYears(admission, 1), months));
          expect(end > admission).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
