import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, ageOn } from './dates.js';
import { ID_NUMBER_MESSAGES, makeIdNumber } from './id-number.js';
import { type MemberRecordForRules, MIN_JOIN_AGE, memberRecordErrors } from './member-rules.js';

const TODAY = '2025-06-30';
const BIRTH = '1990-03-07';

function member(over: Partial<MemberRecordForRules> = {}): MemberRecordForRules {
  const birthDate = over.birthDate ?? BIRTH;
  const gender = over.gender ?? 'male';
  return {
    idNumber: makeIdNumber('110105', birthDate, 12, gender),
    birthDate,
    gender,
    joinedOn: '2015-06-01',
    fullOn: '2016-06-01',
    status: 'full',
    ...over,
  };
}

describe('a consistent record', () => {
  it('has no errors (full member)', () => {
    expect(memberRecordErrors(member(), TODAY)).toEqual({});
  });

  it('has no errors (probationary member without fullOn)', () => {
    expect(memberRecordErrors(member({ status: 'probationary', fullOn: null }), TODAY)).toEqual({});
  });

  it('accepts the ID number with a lowercase x', () => {
    const idNumber = '11010519491231002x';
    const m = member({
      idNumber,
      birthDate: '1949-12-31',
      gender: 'female',
      joinedOn: '1970-07-01',
      fullOn: '1971-07-01',
    });
    expect(memberRecordErrors(m, TODAY)).toEqual({});
  });
});

describe('age at joining (≥18)', () => {
  it('joined the day before the 18th birthday: refused on joinedOn', () => {
    const m = member({ joinedOn: '2008-03-06', fullOn: '2009-03-06' });
    expect(memberRecordErrors(m, TODAY)).toEqual({ joinedOn: '入党时应年满18周岁' });
  });

  it('joined on the 18th birthday: accepted', () => {
    expect(memberRecordErrors(member({ joinedOn: '2008-03-07', fullOn: '2009-03-07' }), TODAY)).toEqual({});
  });

  it('born on 02-29: 18 on 03-01 of a non-leap year, as ageOn says', () => {
    const b = '2000-02-29';
    expect(ageOn(b, '2018-02-28')).toBe(17);
    const early = member({ birthDate: b, joinedOn: '2018-02-28', fullOn: '2019-02-28' });
    expect(memberRecordErrors(early, TODAY)).toEqual({ joinedOn: '入党时应年满18周岁' });
    const onTime = member({ birthDate: b, joinedOn: '2018-03-01', fullOn: '2019-03-01' });
    expect(memberRecordErrors(onTime, TODAY)).toEqual({});
  });

  it('property: joinedOn is accepted exactly when the member is at least 18 on that day', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2005-12-31T00:00:00Z'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          // Leap-day births, 1932 to 2004, which random dates almost never hit.
          fc.integer({ min: 483, max: 501 }).map((k) => `${k * 4}-02-29`),
        ),
        fc.integer({ min: -3, max: 3 }),
        (birthDate, offset) => {
          const joinedOn = addDays(addYears(birthDate, MIN_JOIN_AGE), offset);
          const errors = memberRecordErrors(
            member({ birthDate, joinedOn, status: 'probationary', fullOn: null }),
            TODAY,
          );
          expect(errors.joinedOn === undefined).toBe(ageOn(birthDate, joinedOn) >= MIN_JOIN_AGE);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('joined after today: refused', () => {
    const m = member({ joinedOn: '2025-07-01', status: 'probationary', fullOn: null });
    expect(memberRecordErrors(m, TODAY)).toEqual({ joinedOn: '入党时间不能晚于今天' });
    expect(memberRecordErrors({ ...m, joinedOn: TODAY }, TODAY)).toEqual({});
  });
});

describe('status and full-membership date (转正时间)', () => {
  it('full member without fullOn: refused on fullOn', () => {
    expect(memberRecordErrors(member({ status: 'full', fullOn: null }), TODAY)).toEqual({
      fullOn: '正式党员须填写转正时间',
    });
  });

  it('probationary member with fullOn: refused on fullOn', () => {
    expect(memberRecordErrors(member({ status: 'probationary', fullOn: '2016-06-01' }), TODAY)).toEqual({
      fullOn: '预备党员不应有转正时间',
    });
  });

  it('fullOn the day before joinedOn: refused; on the same day: accepted', () => {
    expect(memberRecordErrors(member({ joinedOn: '2015-06-01', fullOn: '2015-05-31' }), TODAY)).toEqual({
      fullOn: '转正时间不能早于入党时间',
    });
    expect(memberRecordErrors(member({ joinedOn: '2015-06-01', fullOn: '2015-06-01' }), TODAY)).toEqual({});
  });

  it('fullOn after today: refused; today: accepted', () => {
    expect(memberRecordErrors(member({ fullOn: '2025-07-01' }), TODAY)).toEqual({ fullOn: '转正时间不能晚于今天' });
    expect(memberRecordErrors(member({ fullOn: TODAY }), TODAY)).toEqual({});
  });
});

describe('ID number vs record', () => {
  it('birth date differing from the ID: error on birthDate naming the ID’s date', () => {
    const m = { ...member(), birthDate: '1990-03-08' };
    expect(memberRecordErrors(m, TODAY)).toEqual({ birthDate: '出生日期与身份证号码不一致（身份证为1990-03-07）' });
  });

  it('gender differing from the ID: error on gender naming the ID’s gender', () => {
    expect(memberRecordErrors({ ...member({ gender: 'male' }), gender: 'female' }, TODAY)).toEqual({
      gender: '性别与身份证号码不一致（身份证为男）',
    });
    expect(memberRecordErrors({ ...member({ gender: 'female' }), gender: 'male' }, TODAY)).toEqual({
      gender: '性别与身份证号码不一致（身份证为女）',
    });
  });

  it('both differing: both fields have errors', () => {
    const m = { ...member(), birthDate: '1991-03-07', gender: 'female' as const };
    expect(Object.keys(memberRecordErrors(m, TODAY)).sort()).toEqual(['birthDate', 'gender']);
  });

  it('wrong check digit: error on idNumber only (nothing to compare against)', () => {
    const good = member().idNumber;
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(memberRecordErrors(member({ idNumber: bad }), TODAY)).toEqual({ idNumber: ID_NUMBER_MESSAGES.check_digit });
  });

  it('malformed ID: the format message on idNumber', () => {
    expect(memberRecordErrors(member({ idNumber: '11010519900307' }), TODAY)).toEqual({
      idNumber: ID_NUMBER_MESSAGES.format,
    });
  });

  it('ID with a birth date after today: the birth-date message on idNumber', () => {
    const idNumber = makeIdNumber('110105', '2025-07-01', 1, 'male');
    const errors = memberRecordErrors(member({ idNumber, status: 'probationary', fullOn: null }), TODAY);
    expect(errors.idNumber).toBe(ID_NUMBER_MESSAGES.birth_date);
  });

  it('birth date after today (with an unusable ID): refused on birthDate', () => {
    const m = member({
      idNumber: 'x',
      birthDate: '2025-07-01',
      joinedOn: '2025-06-01',
      status: 'probationary',
      fullOn: null,
    });
    const errors = memberRecordErrors(m, TODAY);
    expect(errors.birthDate).toBe('出生日期不能晚于今天');
    expect(errors.idNumber).toBe(ID_NUMBER_MESSAGES.format);
  });
});
