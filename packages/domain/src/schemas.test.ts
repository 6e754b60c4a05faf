import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ETHNICITIES } from './constants.js';
import {
  ZGrant,
  ZLogin,
  ZMemberCreate,
  ZMemberListQuery,
  ZMemberUpdate,
  ZOrgCreate,
  ZOrgUpdate,
  ZPaging,
  ZUserCreate,
} from './schemas.js';

/** The issues of a refused input as [dotted path, message] pairs. */
function issues(schema: z.ZodType, input: unknown): [string, string][] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => [i.path.join('.'), i.message]);
}
/** The single issue on `path`, or undefined. */
function issueAt(schema: z.ZodType, input: unknown, path: string): string | undefined {
  const found = issues(schema, input).filter(([p]) => p === path);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.[1];
}

const validMember = {
  orgId: 12,
  name: '张三',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '1990-03-07',
  idNumber: '110101199003074477',
  education: 'bachelor',
  occupation: 'farmer',
  joinedOn: '2015-06-01',
  fullOn: '2016-06-01',
  status: 'full',
  phone: '13812345678',
  address: '城关镇东街1号',
  flags: ['mobile'],
};

describe('ZMemberCreate', () => {
  it('accepts a complete member and trims text', () => {
    const r = ZMemberCreate.safeParse({ ...validMember, name: '  张三 ', idNumber: ' 110101199003074477 ' });
    expect(r.success).toBe(true);
    expect(r.data?.name).toBe('张三');
    expect(r.data?.idNumber).toBe('110101199003074477');
  });

  it('accepts optional fields left out or null', () => {
    const { fullOn: _f, phone: _p, address: _a, flags: _fl, ...required } = validMember;
    expect(ZMemberCreate.safeParse({ ...required, status: 'probationary' }).success).toBe(true);
    expect(ZMemberCreate.safeParse({ ...validMember, fullOn: null, phone: null, address: null }).success).toBe(true);
  });

  it('an empty body gives one Chinese message per required field', () => {
    expect(Object.fromEntries(issues(ZMemberCreate, {}))).toEqual({
      orgId: '编号无效',
      name: '请填写姓名',
      gender: '性别应为男或女',
      ethnicity: '民族应为56个民族之一',
      birthDate: '出生日期应为日期',
      idNumber: '请填写身份证号码',
      education: '学历无效',
      occupation: '职业类别无效',
      joinedOn: '入党时间应为日期',
      status: '党员类别应为预备党员或正式党员',
    });
  });

  it.each<[string, unknown, string]>([
    ['name', '   ', '请填写姓名'],
    ['name', '张'.repeat(51), '姓名不能超过50个字'],
    ['name', 123, '请填写姓名'],
    ['gender', 'M', '性别应为男或女'],
    ['gender', '男', '性别应为男或女'],
    ['ethnicity', '汉', '民族应为56个民族之一'],
    ['ethnicity', 'Han', '民族应为56个民族之一'],
    ['birthDate', '2023-02-29', '出生日期应为有效日期（YYYY-MM-DD）'],
    ['birthDate', '1990/03/07', '出生日期应为有效日期（YYYY-MM-DD）'],
    ['birthDate', 19900307, '出生日期应为日期'],
    ['idNumber', '', '请填写身份证号码'],
    ['idNumber', '1101011990030744770', '身份证号码应为18位'],
    ['education', '本科', '学历无效'],
    ['occupation', 'teacher', '职业类别无效'],
    ['joinedOn', '2015-06-31', '入党时间应为有效日期（YYYY-MM-DD）'],
    ['fullOn', '2016-13-01', '转正时间应为有效日期（YYYY-MM-DD）'],
    ['status', 'formal', '党员类别应为预备党员或正式党员'],
    ['address', 'x'.repeat(201), '家庭住址不能超过200个字'],
    ['orgId', 0, '编号无效'],
    ['orgId', -3, '编号无效'],
    ['orgId', 1.5, '编号无效'],
    ['orgId', 'abc', '编号无效'],
  ])('%s = %j is refused on that field with %s', (field, value, message) => {
    const all = issues(ZMemberCreate, { ...validMember, [field]: value });
    expect(all).toEqual([[field, message]]);
  });

  it('accepts a leap-day birth date and a numeric-string orgId', () => {
    const r = ZMemberCreate.safeParse({ ...validMember, birthDate: '2000-02-29', orgId: '12' });
    expect(r.success).toBe(true);
    expect(r.data?.orgId).toBe(12);
  });

  it('accepts every one of the 56 ethnicities', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
    for (const ethnicity of ETHNICITIES)
      expect(ZMemberCreate.safeParse({ ...validMember, ethnicity }).success).toBe(true);
  });

  it('refuses an unknown flag on its array index', () => {
    expect(issues(ZMemberCreate, { ...validMember, flags: ['mobile', 'vip'] })).toEqual([['flags.1', '标记无效']]);
  });
});

describe('phone numbers', () => {
  const PHONE_MESSAGE = '联系电话应为11位手机号或带区号的固定电话';

  it.each(['13812345678', '19912345678', '0931-8123456', '010-12345678', '09318123456', '0108123456', ' 13812345678 '])(
    'accepts %j',
    (phone) => {
      expect(issues(ZMemberCreate, { ...validMember, phone })).toEqual([]);
    },
  );

  it.each([
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '23812345678', // not starting with 1
    '+8613812345678',
    '138-1234-5678',
    '0931-123456', // 6-digit local number
    '931-8123456', // area code without 0
    '0931 8123456',
    '',
  ])('refuses %j on phone', (phone) => {
    expect(issues(ZMemberCreate, { ...validMember, phone })).toEqual([['phone', PHONE_MESSAGE]]);
  });

  it('applies to an org contact phone too', () => {
    const org = { parentId: 1, name: '城关镇党委', kind: 'committee', sector: 'rural', code: 'CGZ-01' };
    expect(issueAt(ZOrgCreate, { ...org, contactPhone: '12345' }, 'contactPhone')).toBe(PHONE_MESSAGE);
    expect(ZOrgCreate.safeParse({ ...org, contactPhone: '0931-8123456' }).success).toBe(true);
  });
});

describe('ZMemberUpdate', () => {
  it('accepts a partial edit with a version', () => {
    expect(ZMemberUpdate.safeParse({ phone: '13812345678', version: 3 }).success).toBe(true);
  });

  it('refuses an edit without a version', () => {
    expect(issues(ZMemberUpdate, { phone: '13812345678' })).toEqual([['version', '缺少版本号']]);
  });

  it('still validates the fields it receives', () => {
    expect(issues(ZMemberUpdate, { birthDate: '1999-02-30', version: 1 })).toEqual([
      ['birthDate', '出生日期应为有效日期（YYYY-MM-DD）'],
    ]);
  });
});

describe('ZPaging', () => {
  it('defaults to page 1 of 20', () => {
    expect(ZPaging.parse({})).toEqual({ page: 1, pageSize: 20 });
  });

  it('coerces query-string numbers', () => {
    expect(ZPaging.parse({ page: '3', pageSize: '50' })).toEqual({ page: 3, pageSize: 50 });
  });

  it('accepts pageSize 1 and 200', () => {
    expect(ZPaging.parse({ pageSize: '1' }).pageSize).toBe(1);
    expect(ZPaging.parse({ pageSize: '200' }).pageSize).toBe(200);
  });

  it.each<[string, unknown, string]>([
    ['pageSize', '201', '每页条数最大为200'],
    ['pageSize', 201, '每页条数最大为200'],
    ['pageSize', '0', '每页条数最小为1'],
    ['pageSize', '2.5', '每页条数无效'],
    ['pageSize', 'abc', '每页条数无效'],
    ['page', '0', '页码最小为1'],
    ['page', '-1', '页码最小为1'],
    ['page', '100001', '页码过大'],
    ['page', 'x', '页码无效'],
  ])('%s = %j is refused with %s', (field, value, message) => {
    expect(issues(ZPaging, { [field]: value })).toEqual([[field, message]]);
  });

  it('applies to list queries, whose sort defaults to name', () => {
    expect(ZMemberListQuery.parse({})).toMatchObject({ page: 1, pageSize: 20, sort: 'name' });
    expect(issueAt(ZMemberListQuery, { pageSize: '201' }, 'pageSize')).toBe('每页条数最大为200');
    expect(issueAt(ZMemberListQuery, { ageBand: '30_35' }, 'ageBand')).toBe('年龄段无效');
    expect(ZMemberListQuery.parse({ ageBand: '31_35', sort: '-joinedOn' })).toMatchObject({ ageBand: '31_35' });
  });
});

describe('ZGrant', () => {
  const grant = { role: 'branch_secretary', orgId: 7 };

  it('fills defaults: whole subtree, open-ended', () => {
    expect(ZGrant.parse(grant)).toEqual({ ...grant, includeSubtree: true, validFrom: null, validTo: null });
  });

  it('refuses validTo before validFrom on the validTo field', () => {
    expect(issues(ZGrant, { ...grant, validFrom: '2025-07-01', validTo: '2025-06-30' })).toEqual([
      ['validTo', '失效日期不能早于生效日期'],
    ]);
  });

  it('accepts validTo equal to validFrom (a one-day grant) and open ends', () => {
    expect(ZGrant.safeParse({ ...grant, validFrom: '2025-07-01', validTo: '2025-07-01' }).success).toBe(true);
    expect(ZGrant.safeParse({ ...grant, validFrom: '2025-07-01', validTo: null }).success).toBe(true);
    expect(ZGrant.safeParse({ ...grant, validFrom: null, validTo: '2025-07-01' }).success).toBe(true);
  });

  it('refuses an unknown role and an invalid date on their fields', () => {
    expect(issues(ZGrant, { ...grant, role: 'root' })).toEqual([['role', '角色无效']]);
    expect(issues(ZGrant, { ...grant, validTo: '2025-02-29' })).toEqual([
      ['validTo', '失效日期应为有效日期（YYYY-MM-DD）'],
    ]);
  });

  it('is checked inside ZUserCreate, with the path into the grants array', () => {
    const user = { username: 'zhang.san', name: '张三', password: 'x' };
    expect(issues(ZUserCreate, { ...user, grants: [] })).toEqual([['grants', '至少授予一个角色']]);
    expect(
      issues(ZUserCreate, { ...user, grants: [grant, { ...grant, validFrom: '2025-07-02', validTo: '2025-07-01' }] }),
    ).toEqual([['grants.1.validTo', '失效日期不能早于生效日期']]);
    expect(issueAt(ZUserCreate, { ...user, username: 'zs', grants: [grant] }, 'username')).toBe(
      '用户名应为3-32位字母、数字、下划线、点或短横线',
    );
  });
});

describe('ZOrgCreate', () => {
  const org = { parentId: 1, name: '城关镇第一党支部', kind: 'branch', sector: 'rural', code: 'CGZ-001' };

  it('accepts a minimal org', () => {
    expect(ZOrgCreate.safeParse(org).success).toBe(true);
  });

  it.each([3, 5, null])('accepts termYears %j', (termYears) => {
    expect(ZOrgCreate.safeParse({ ...org, termStart: '2024-01-01', termYears }).success).toBe(true);
  });

  it.each([1, 2, 4, 6, '3', 0])('refuses termYears %j with 任期应为3年或5年', (termYears) => {
    expect(issues(ZOrgCreate, { ...org, termYears })).toEqual([['termYears', '任期应为3年或5年']]);
  });

  it.each<[string, unknown, string]>([
    ['name', '', '请填写组织名称'],
    ['kind', 'cell', '组织类别无效'],
    ['sector', 'farm', '所属领域无效'],
    ['code', 'CGZ 001', '组织代码应为1-32位字母、数字或短横线'],
    ['code', 'X'.repeat(33), '组织代码应为1-32位字母、数字或短横线'],
    ['termStart', '2024-02-30', '本届任期开始日期应为有效日期（YYYY-MM-DD）'],
    ['parentId', 0, '编号无效'],
  ])('%s = %j is refused with %s', (field, value, message) => {
    expect(issues(ZOrgCreate, { ...org, [field]: value })).toEqual([[field, message]]);
  });

  it('refuses more than 30 committee members and blank names in the list', () => {
    expect(issueAt(ZOrgCreate, { ...org, committee: Array(31).fill('李四') }, 'committee')).toBe('委员最多30人');
    expect(issues(ZOrgCreate, { ...org, committee: ['李四', ' '] })).toEqual([['committee.1', '请填写委员姓名']]);
  });

  it('ZOrgUpdate has no parentId and needs a version', () => {
    expect(issues(ZOrgUpdate, { name: '新名称' })).toEqual([['version', '缺少版本号']]);
    const r = ZOrgUpdate.safeParse({ parentId: 5, version: 1 });
    expect(r.success).toBe(true);
    expect(r.data).not.toHaveProperty('parentId');
  });
});

describe('ZLogin', () => {
  it('asks for the username and password in Chinese', () => {
    expect(Object.fromEntries(issues(ZLogin, { username: '  ', password: '' }))).toEqual({
      username: '请输入用户名',
      password: '请输入密码',
    });
  });
});
