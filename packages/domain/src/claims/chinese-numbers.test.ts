import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findNumbers,
  formatChineseNumber,
  parseArabicNumber,
  parseChineseInteger,
  parseChineseNumber,
} from './chinese-numbers.js';

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!);

describe('parseChineseNumber', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['1,234', 1234],
    ['12,056.5', 12056.5],
    ['41539.41', 41539.41],
    ['１２３', 123],
    ['１，２３４'.replace('，', ','), 1234],
    ['〇', 0],
    ['零', 0],
    ['十', 10],
    ['十五', 15],
    ['二十三', 23],
    ['一百零五', 105],
    ['一百一', 110],
    ['两千', 2000],
    ['两千三', 2300],
    ['一万五', 15000],
    ['三万五千', 35000],
    ['十万零一十', 100010],
    ['一亿二千万', 120000000],
    ['一万亿', 1e12],
    ['廿', 20],
    ['廿三', 23],
    ['卅', 30],
    ['二〇二三', 2023],
    ['壹佰零伍', 105],
    ['3万', 30000],
    ['4.2万', 42000],
    ['4.18万', 41800],
    ['41539.41万', 415394100],
    ['33.54万', 335400],
    ['1.2亿', 120000000],
    ['3千万', 30000000],
    ['四点二万', 42000],
    ['85%', 0.85],
    ['85％', 0.85],
    ['85.5%', 0.855],
    ['百分之八十五', 0.85],
    ['百分之八十五点五', 0.855],
    ['百分之百', 1],
    ['3‰', 0.003],
    ['三分之一', 1 / 3],
    // traditional characters read the same
    ['萬', 10000],
    ['兩千', 2000],
    ['一萬五千', 15000],
    ['1.2億', 120000000],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumber(text)).toBeCloseTo(value, 9);
  });

  it.each(['', 'abc', '十百', '万万', '亿万', '1.2.3', '1,23', '五五十', '百分之', '十零', '零五十'])(
    '%s is no number',
    (text) => {
      expect(parseChineseNumber(text)).toBeNull();
    },
  );

  it('reads a whole number only: 3个 is no number', () => {
    expect(parseChineseNumber('3个')).toBeNull();
    expect(parseChineseInteger('3')).toBeNull();
    expect(parseArabicNumber('三')).toBeNull();
  });
});

describe('formatChineseNumber', () => {
  it.each<[number, string, boolean]>([
    [0, '零', false],
    [10, '十', false],
    [15, '十五', false],
    [105, '一百零五', false],
    [1005, '一千零五', false],
    [100010, '十万零一十', false],
    [120000000, '一亿二千万', false],
    [100000005, '一亿零五', false],
    [2000, '两千', true],
    [22000, '两万两千', true],
    [220, '两百二十', true],
  ])('%d → %s', (n, text, liang) => {
    expect(formatChineseNumber(n, { liang })).toBe(text);
  });
});

describe('round trips', () => {
  const integer = fc.integer({ min: 0, max: 999_999_999_999 });

  it('Chinese numerals, with 二 and with 两', () => {
    fc.assert(
      fc.property(integer, fc.boolean(), (n, liang) => parseChineseNumber(formatChineseNumber(n, { liang })) === n),
    );
  });

  it('Arabic numerals, plain, with thousands separators and full-width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const grouped = n.toLocaleString('en-US');
        return (
          parseChineseNumber(String(n)) === n &&
          parseChineseNumber(grouped) === n &&
          parseChineseNumber(toFullWidth(String(n))) === n
        );
      }),
    );
  });

  it('decimals with 万 and 亿 multiply out exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom(['万', 1e4], ['亿', 1e8]),
        (cents, [m, f]) => {
          const text = `${(cents / 100).toFixed(2)}${m}`;
          return parseChineseNumber(text) === Math.round((cents * f) / 100);
        },
      ),
    );
  });

  it('percentages as fractions: k% = 百分之k = k/100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (k) => {
        const expected = k / 100;
        return (
          parseChineseNumber(`${k}%`) === expected &&
          parseChineseNumber(`${k}％`) === expected &&
          parseChineseNumber(`百分之${formatChineseNumber(k)}`) === expected
        );
      }),
    );
  });

  it('findNumbers finds each number at its offsets in running text', () => {
    const written = fc.oneof(
      integer.map((n) => [String(n), n] as const),
      integer.map((n) => [n.toLocaleString('en-US'), n] as const),
      fc.integer({ min: 1, max: 99_999 }).map((n) => [formatChineseNumber(n), n] as const),
      fc.integer({ min: 1, max: 9_999 }).map((n) => [`${n / 10}万`, n * 1000] as const),
    );
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 6 }), (numbers) => {
        let text = '';
        const expected: Array<{ start: number; end: number; value: number }> = [];
        for (const [w, v] of numbers) {
          text += '共有党员';
          expected.push({ start: text.length, end: text.length + w.length, value: v });
          text += `${w}名，`;
        }
        const found = findNumbers(text).map(({ start, end, value }) => ({ start, end, value }));
        expect(found).toEqual(expected);
      }),
    );
  });
});
