import { describe, expect, it } from 'vitest';
import { isInitialsQuery, pinyinInitials } from './pinyin.js';

describe('pinyinInitials: place and org names', () => {
  it.each([
    ['城关镇', 'cgz'],
    ['城关镇党委', 'cgzdw'],
    ['第一党支部', 'dydzb'],
    ['长安街道', 'cajd'],
    ['单元', 'dy'],
  ])('%s → %s', (name, initials) => {
    expect(pinyinInitials(name)).toBe(initials);
  });

  it('is always lower case letters and digits only', () => {
    for (const name of ['城关镇（中心）党委', '新区·第1网格', 'A栋3单元', '  城 关 镇 ']) {
      expect(pinyinInitials(name)).toMatch(/^[a-z0-9]*$/);
    }
  });

  it('drops punctuation and spaces', () => {
    expect(pinyinInitials('城关镇（中心）党委')).toBe('cgzzxdw');
    expect(pinyinInitials(' 城 关 镇 ')).toBe('cgz');
    expect(pinyinInitials('')).toBe('');
  });
});

describe('pinyinInitials: mixed Latin letters and digits', () => {
  it('keeps Latin letters and digits as they are, lower-cased', () => {
    expect(pinyinInitials('A栋3单元')).toBe('ad3dy');
    expect(pinyinInitials('第1网格')).toBe('d1wg');
    expect(pinyinInitials('ABC党支部')).toBe('abcdzb');
    expect(pinyinInitials('5G产业园党支部')).toBe('5gcyydzb');
    expect(pinyinInitials('张三2号')).toBe('zs2h');
  });
});

describe('pinyinInitials: person names use the surname reading', () => {
  it.each([
    ['单雄信', 'sxx', 'dxx'], // 单 shàn, not dān
    ['曾国藩', 'zgf', 'cgf'], // 曾 zēng, not céng
    ['解晓东', 'xxd', 'jxd'], // 解 xiè
    ['乐嘉', 'yj', 'lj'], // 乐 yuè
    ['查良镛', 'zly', 'cly'], // 查 zhā
  ])('%s → %s as a person name (%s otherwise)', (name, asPerson, asText) => {
    expect(pinyinInitials(name, { personName: true })).toBe(asPerson);
    expect(pinyinInitials(name)).toBe(asText);
  });

  it('single surname characters', () => {
    expect(pinyinInitials('单', { personName: true })).toMatch(/^s/);
    expect(pinyinInitials('曾', { personName: true })).toMatch(/^z/);
  });

  it('only the surname position uses the surname reading', () => {
    // 单 as a given name keeps its ordinary reading.
    expect(pinyinInitials('王单', { personName: true })).toBe('wd');
  });

  it('ordinary names are unaffected', () => {
    expect(pinyinInitials('张三', { personName: true })).toBe('zs');
    expect(pinyinInitials('李四', { personName: true })).toBe('ls');
  });
});

describe('isInitialsQuery', () => {
  it.each([
    ['cgz', true],
    ['CGZ', true],
    ['Cgz', true],
    ['cg1', false],
    ['城关', false],
    ['c g', false],
    ['', false],
    ['zhang-san', false],
  ])('%j → %s', (q, expected) => {
    expect(isInitialsQuery(q)).toBe(expected);
  });
});
