// Password policy (ASVS L2): length, not the username, not a well-known password.
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  '11111111',
  '88888888',
  'abc12345',
  'a1234567',
  'admin123',
  'admin@123',
  'iloveyou',
  'woaini1314',
  '1qaz2wsx',
  'p@ssw0rd',
  'passw0rd',
  'abcd1234',
  'aa123456',
  'zxcvbnm1',
  '00000000',
  '66666666',
  '12341234',
  'qq123456',
  'password123',
  'welcome1',
]);

export const PASSWORD_MIN_LENGTH = 8;

/** The Chinese reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (password.toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同';
  if (COMMON.has(password.toLowerCase())) return '密码过于常见，请更换';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码应包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
