import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './passwords.js';

const TOO_SHORT = '密码至少8位';
const SAME_AS_USER = '密码不能与用户名相同';
const COMMON = '密码过于常见，请更换';
const CLASSES = '密码应包含大写字母、小写字母、数字、符号中的至少三类';

describe('passwordProblem', () => {
  it('minimum length is 8', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
  });

  it('7 characters: too short, even if otherwise strong', () => {
    expect(passwordProblem('Gx7!kq2', 'zhangsan')).toBe(TOO_SHORT);
  });

  it('8 characters with three classes: accepted', () => {
    expect(passwordProblem('Gx7!kq2m', 'zhangsan')).toBeNull();
    expect(passwordProblem('Xyz12345', 'zhangsan')).toBeNull();
  });

  it('empty: too short', () => {
    expect(passwordProblem('', 'zhangsan')).toBe(TOO_SHORT);
  });

  it('property: anything shorter than 8 characters is refused as too short', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), fc.string(), (pw, user) => {
        expect(passwordProblem(pw, user)).toBe(TOO_SHORT);
      }),
    );
  });

  it('equal to the username, ignoring case: refused', () => {
    expect(passwordProblem('Zhang.San1', 'zhang.san1')).toBe(SAME_AS_USER);
    expect(passwordProblem('zhang.san1', 'ZHANG.SAN1')).toBe(SAME_AS_USER);
    expect(passwordProblem('Zhang.San1', 'Zhang.San1')).toBe(SAME_AS_USER);
  });

  it('containing the username but longer: not refused for that reason', () => {
    expect(passwordProblem('Zhang.San1!', 'zhang.san1')).toBeNull();
  });

  it.each([
    '12345678',
    'password',
    'Password1',
    'PASSWORD123',
    'P@ssw0rd',
    'Admin@123',
    'Abc12345',
    'Woaini1314',
    '1QAZ2wsx',
  ])('a well-known password %s is refused, whatever its case', (pw) => {
    expect(passwordProblem(pw, 'zhangsan')).toBe(COMMON);
  });

  it.each([
    ['only lower case', 'abcdefgh'],
    ['only digits', '20250630'],
    ['lower case and digits', 'zhangsan2025'],
    ['upper and lower case', 'ZhangSanFeng'],
    ['digits and symbols', '2025-06-30!'],
    ['upper case and symbols', 'ABC!@#$%'],
  ])('fewer than three character classes (%s): refused', (_label, pw) => {
    expect(passwordProblem(pw, 'someone')).toBe(CLASSES);
  });

  it.each([
    ['lower, upper, digit', 'zhangSan2025'],
    ['lower, digit, symbol', 'zhang.san2025'],
    ['upper, digit, symbol', 'ZHANG-2025'],
    ['lower, upper, symbol', 'Zhang_San'],
    ['all four', 'Zh@ngSan2025'],
  ])('three or more classes (%s): accepted', (_label, pw) => {
    expect(passwordProblem(pw, 'someone')).toBeNull();
  });

  it('the messages are checked in order: length, username, common list, classes', () => {
    expect(passwordProblem('abc', 'abc')).toBe(TOO_SHORT);
    expect(passwordProblem('password', 'password')).toBe(SAME_AS_USER);
    expect(passwordProblem('abcdefgh', 'admin')).toBe(CLASSES);
  });
});
