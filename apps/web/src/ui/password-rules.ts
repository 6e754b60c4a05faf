// Form rules of a new password and its confirmation: the domain's password policy (the same check the server makes)
// and the two entries agreeing.
import { passwordProblem } from '@grassroots/domain';
import type { FormRule } from 'antd';

/** The policy, for the account whose username `usernameOf` reads (the password may not contain it). */
export function newPasswordRule(usernameOf: (getFieldValue: (name: string) => unknown) => string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_, v: string | undefined) => {
      if (!v) throw new Error('请填写密码');
      const p = passwordProblem(v, usernameOf(getFieldValue));
      if (p) throw new Error(p);
    },
  });
}

/** The confirmation equals the field `passwordField`. */
export function confirmPasswordRule(passwordField: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_, v: string | undefined) => {
      if (v !== getFieldValue(passwordField)) throw new Error('两次输入的密码不一致');
    },
  });
}
