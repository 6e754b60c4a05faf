// Cross-field rules of a member record (DOMAIN.md §2), run on the whole record after a create or a merged edit.

import type { Gender, MemberStatus } from './constants.js';
import { ageOn } from './dates.js';
import type { FieldErrors } from './errors.js';
import { parseIdNumber } from './id-number.js';

export interface MemberRecordForRules {
  idNumber: string;
  birthDate: string;
  gender: Gender;
  joinedOn: string;
  fullOn: string | null;
  status: MemberStatus;
}

export const MIN_JOIN_AGE = 18;

export function memberRecordErrors(m: MemberRecordForRules, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const id = parseIdNumber(m.idNumber, today);
  if (!id.ok) {
    errors.idNumber = id.message;
  } else {
    if (id.value.birthDate !== m.birthDate) {
      errors.birthDate = `出生日期与身份证号码不一致（身份证为${id.value.birthDate}）`;
    }
    if (id.value.gender !== m.gender) {
      errors.gender = `性别与身份证号码不一致（身份证为${id.value.gender === 'male' ? '男' : '女'}）`;
    }
  }
  if (m.birthDate > today) errors.birthDate ??= '出生日期不能晚于今天';
  if (m.joinedOn > today) errors.joinedOn = '入党时间不能晚于今天';
  else if (ageOn(m.birthDate, m.joinedOn) < MIN_JOIN_AGE) errors.joinedOn = `入党时应年满${MIN_JOIN_AGE}周岁`;
  if (m.status === 'full') {
    if (m.fullOn === null) errors.fullOn = '正式党员须填写转正时间';
    else if (m.fullOn < m.joinedOn) errors.fullOn = '转正时间不能早于入党时间';
    else if (m.fullOn > today) errors.fullOn = '转正时间不能晚于今天';
  } else if (m.fullOn !== null) {
    errors.fullOn = '预备党员不应有转正时间';
  }
  return errors;
}
