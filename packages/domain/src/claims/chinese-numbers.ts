// Numbers as a 工作汇报 writes them: Arabic (1,234 / 41539.41 / full-width １２３), Chinese (十五, 一百零五, 两千, 〇),
// mixed (3万, 4.2万, 41539.41万, 1.2亿) and percentages (85%, 85％, 百分之八十五).
import { normalizeReportText } from './normalize-text.js';

/** The Chinese digits (two forms of zero; 两 = 2 before a unit; the financial forms 壹…玖). */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
/** 廿 = 二十, 卅 = 三十 (still seen in dates and in older writing). */
const CONTRACTIONS: Readonly<Record<string, string>> = { 廿: '二十', 卅: '三十' };

/** The characters a Chinese numeral is written with (the scanner's alphabet). */
export const CHINESE_NUMERAL_CHARS = `${Object.keys(CHINESE_DIGITS).join('')}${Object.keys(SMALL_UNITS).join('')}万亿廿卅`;

export const isChineseDigit = (c: string | undefined): boolean => c !== undefined && c in CHINESE_DIGITS;

/** A float cleaned of binary noise (41539.41 × 10000 = 415394100, not 415394099.99999994). */
export function tidyNumber(x: number): number {
  return Number(x.toPrecision(12));
}

/** A string of Chinese digits read digit by digit (二〇二三 → 2023); null when it is anything else. */
function parseDigitSequence(s: string): number | null {
  if (s.length < 2 || s.includes('两')) return null;
  let out = 0;
  for (const c of s) {
    const d = CHINESE_DIGITS[c];
    if (d === undefined) return null;
    out = out * 10 + d;
  }
  return out;
}

/**
 * A whole Chinese integer: 十五 → 15, 二十三 → 23, 一百零五 → 105, 两千 → 2000, 三万五千 → 35000, 一亿二千万 → 120000000,
 * the spoken abbreviations 一万五 → 15000 and 两千三 → 2300, the digit-by-digit 二〇二三 → 2023. Null when the string
 * is not one (十百, 五五十, empty).
 */
export function parseChineseInteger(input: string): number | null {
  let s = input;
  for (const [k, v] of Object.entries(CONTRACTIONS)) s = s.split(k).join(v);
  if (s === '') return null;
  if (s.length === 1 && isChineseDigit(s)) return CHINESE_DIGITS[s]!;
  const sequence = parseDigitSequence(s);
  if (sequence !== null) return sequence;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 0; // the last unit written (small or big), for order checks and abbreviations
  let afterZero = false;
  let sawBig = 0; // the last big unit, to reject 万万 and 亿万
  for (const c of s) {
    if (isChineseDigit(c)) {
      const d = CHINESE_DIGITS[c]!;
      if (digit !== null) return null;
      if (d === 0) {
        if (afterZero || lastUnit === 0) return null;
        afterZero = true;
        continue;
      }
      digit = d;
    } else if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c]!;
      if (lastUnit !== 0 && lastUnit < 1e4 && u >= lastUnit) return null;
      if (digit === null && afterZero && u !== 10) return null;
      section += (digit ?? 1) * u;
      digit = null;
      lastUnit = u;
      afterZero = false;
    } else if (c in BIG_UNITS) {
      const b = BIG_UNITS[c]!;
      const sectionValue = section + (digit ?? 0);
      if (b === 1e4) {
        if (sawBig === 1e4) return null;
        if (sectionValue === 0) {
          if (total !== 0 || afterZero) return null;
          total = 1e4; // a bare 万
        } else total += sectionValue * 1e4;
      } else {
        if (sectionValue === 0 && total === 0)
          total = 1e8; // a bare 亿
        else if (sectionValue === 0 && sawBig !== 1e4) return null;
        else total = (total + sectionValue) * 1e8;
      }
      sawBig = b;
      section = 0;
      digit = null;
      lastUnit = b;
      afterZero = false;
    } else return null;
  }
  if (digit !== null) {
    // 一百一 = 110, 一万五 = 15000, 两千三 = 2300; after 零 (一百零五) or with no unit it is the units digit
    if (!afterZero && lastUnit >= 100) section += digit * (lastUnit / 10);
    else section += digit;
  } else if (afterZero) return null;
  return total + section;
}

const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** An Arabic number, with thousands separators and decimals (1,234.5); full-width digits are accepted. */
export function parseArabicNumber(input: string): number | null {
  const s = normalizeReportText(input.trim());
  if (!ARABIC.test(s)) return null;
  return Number(s.replaceAll(',', ''));
}

/**
 * Any way a report writes a number, as a whole string: Arabic, Chinese, mixed (4.2万 → 42000, 41539.41万 →
 * 415394100, 1.2亿), Chinese with a decimal point (四点二万), and percentages as fractions (85% → 0.85, 百分之八十五 →
 * 0.85, 3‰ → 0.003). Traditional characters and full-width digits read the same. Null when it is not a number.
 */
export function parseChineseNumber(input: string): number | null {
  const s = normalizeReportText(input.trim());
  if (s === '') return null;
  const percent = /^(.+?)[%％]$/.exec(s) ?? /^百分之(.+)$/.exec(s);
  if (percent) {
    const v = parseChineseNumber(percent[1]!);
    return v === null ? null : tidyNumber(v / 100);
  }
  const permille = /^(.+?)‰$/.exec(s) ?? /^千分之(.+)$/.exec(s);
  if (permille) {
    const v = parseChineseNumber(permille[1]!);
    return v === null ? null : tidyNumber(v / 1000);
  }
  // a fraction: 三分之一 → 1/3, 2/3 is not read (it is also a date)
  const fraction = /^(.+?)分之(.+)$/.exec(s);
  if (fraction) {
    const d = parseChineseNumber(fraction[1]!);
    const n = parseChineseNumber(fraction[2]!);
    return d === null || n === null || d === 0 ? null : tidyNumber(n / d);
  }
  const arabic = parseArabicNumber(s);
  if (arabic !== null) return arabic;
  // mixed: an Arabic mantissa and Chinese magnitudes (3万, 4.2万, 1.2亿, 3千万)
  const mixed = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([十百千万亿]+)$/.exec(s);
  if (mixed) {
    const magnitude = magnitudeOf(mixed[2]!);
    return magnitude === null ? null : tidyNumber(Number(mixed[1]!.replaceAll(',', '')) * magnitude);
  }
  // Chinese with a decimal point: 四点二万, 八十五点五
  const decimal = /^(.+?)点([零〇一二三四五六七八九]+)([万亿]*)$/.exec(s);
  if (decimal) {
    const whole = parseChineseInteger(decimal[1]!);
    const magnitude = decimal[3] ? magnitudeOf(decimal[3]) : 1;
    if (whole === null || magnitude === null) return null;
    const fractionDigits = [...decimal[2]!].map((c) => CHINESE_DIGITS[c]!).join('');
    return tidyNumber(Number(`${whole}.${fractionDigits}`) * magnitude);
  }
  return parseChineseInteger(s);
}

/** The factor of a run of magnitude characters written after a number (万 → 1e4, 千万 → 1e7, 万亿 → 1e12). */
export function magnitudeOf(chars: string): number | null {
  let m = 1;
  for (const c of chars) {
    const u = SMALL_UNITS[c] ?? BIG_UNITS[c];
    if (u === undefined) return null;
    m *= u;
  }
  return m;
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** One four-digit section (0 < n < 10000) in Chinese, with 零 for inner gaps (1005 → 一千零五). */
function formatSection(n: number, liang: boolean): string {
  const places = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ] as const;
  let out = '';
  let pendingZero = false;
  let started = false;
  for (const [p, name] of places) {
    const d = Math.floor(n / p) % 10;
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    started = true;
    const digit = liang && d === 2 && (p === 1000 || p === 100) ? '两' : DIGIT_CHARS[d]!;
    out += digit + name;
  }
  return out;
}

/**
 * A non-negative integer below 10¹² in standard Chinese numerals: 15 → 十五, 105 → 一百零五, 100010 → 十万零一十,
 * 120000000 → 一亿二千万. With `liang`, 2 before 百/千/万/亿 is written 两 (两千, 两万).
 */
export function formatChineseNumber(n: number, options: { liang?: boolean } = {}): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`cannot write ${n} in Chinese numerals`);
  if (n === 0) return '零';
  const liang = options.liang ?? false;
  const sections = [
    [Math.floor(n / 1e8), '亿'],
    [Math.floor(n / 1e4) % 1e4, '万'],
    [n % 1e4, ''],
  ] as const;
  let out = '';
  let needZero = false;
  for (const [value, name] of sections) {
    if (value === 0) {
      if (out !== '') needZero = true;
      continue;
    }
    if (out !== '' && (needZero || value < 1000)) out += '零';
    needZero = false;
    let text = formatSection(value, liang);
    if (liang && name !== '' && value === 2) text = '两';
    out += text + name;
  }
  // 一十五 is written 十五 at the head of the number
  return out.startsWith('一十') ? out.slice(1) : out;
}

export const NUMBER_TOKEN_KINDS = ['arabic', 'chinese', 'mixed', 'percent', 'sequence', 'invalid'] as const;
export type NumberTokenKind = (typeof NUMBER_TOKEN_KINDS)[number];

/** A number found in a text: where it is, how it is written, and its value. */
export interface NumberToken {
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
  /** NaN for `invalid` (a run of numeral characters that is no number, e.g. 三十五六 or 十四五). */
  value: number;
  /**
   * arabic 1,234.5 · chinese 一百零五 · mixed 4.2万 · percent 85% / 百分之八十五 (value a fraction) · sequence 二〇二三 /
   * 一二三 (digit by digit, a year or a list, never a count) · invalid.
   */
  kind: NumberTokenKind;
  /** Digits after the decimal point as written (85.5% → 1), for the precision of a percentage. */
  decimals: number;
  /** The factor of the magnitude characters written after an Arabic mantissa (4.2万 → 10000), else 1. */
  magnitude: number;
  /** A Chinese numeral that starts with 百/千/万/亿 and so has no digit of its own (百万元村, 千方百计). */
  bare: boolean;
}

const ARABIC_AT = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/y;
const MAGNITUDE_AT = /[百千万亿]+/y;
const CHINESE_RUN_CHARS = new Set([...CHINESE_NUMERAL_CHARS]);

function matchAt(re: RegExp, s: string, i: number): string | null {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0] : null;
}

function chineseRunEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (CHINESE_RUN_CHARS.has(c)) j++;
    else if (c === '点' && j > i && isChineseDigit(s[j + 1]) && !s.slice(i, j).includes('点')) j++;
    else break;
  }
  return j;
}

function decimalsOf(text: string): number {
  const m = /[.点]([0-9零〇一二三四五六七八九]+)/.exec(text);
  return m ? m[1]!.length : 0;
}

/** 三分之一, 3分之2: a fraction, read as a share (kind percent, value n/d). */
function fractionAt(s: string, i: number): NumberToken | null {
  const denominator = /[0-9]/.test(s[i]!) ? matchAt(ARABIC_AT, s, i) : s.slice(i, chineseRunEnd(s, i));
  if (!denominator || !s.startsWith('分之', i + denominator.length)) return null;
  const from = i + denominator.length + 2;
  const numerator = /[0-9]/.test(s[from] ?? '') ? matchAt(ARABIC_AT, s, from) : s.slice(from, chineseRunEnd(s, from));
  if (!numerator) return null;
  const v = parseChineseNumber(`${denominator}分之${numerator}`);
  if (v === null) return null;
  const end = from + numerator.length;
  return {
    start: i,
    end,
    text: s.slice(i, end),
    value: v,
    kind: 'percent',
    decimals: 2,
    magnitude: 1,
    bare: false,
  };
}

/** One number starting at `i` (which holds a digit or a numeral character), or null. */
function numberAt(s: string, i: number): NumberToken | null {
  const c = s[i]!;
  if (s.startsWith('百分之', i) || s.startsWith('千分之', i)) {
    const from = i + 3;
    const inner = /[0-9]/.test(s[from] ?? '') ? matchAt(ARABIC_AT, s, from) : s.slice(from, chineseRunEnd(s, from));
    if (!inner) return null;
    const v = parseChineseNumber(inner);
    if (v === null) return null;
    const end = from + inner.length;
    const per = s[i] === '百' ? 100 : 1000;
    return {
      start: i,
      end,
      text: s.slice(i, end),
      value: tidyNumber(v / per),
      kind: 'percent',
      decimals: decimalsOf(inner),
      magnitude: 1,
      bare: false,
    };
  }
  const fraction = fractionAt(s, i);
  if (fraction) return fraction;
  let end: number;
  let value: number;
  let kind: NumberTokenKind;
  let magnitude = 1;
  let bare = false;
  if (c >= '0' && c <= '9') {
    const digits = matchAt(ARABIC_AT, s, i)!;
    end = i + digits.length;
    value = Number(digits.replaceAll(',', ''));
    kind = 'arabic';
    const mag = s[end] === '%' ? null : matchAt(MAGNITUDE_AT, s, end);
    if (mag) {
      magnitude = magnitudeOf(mag)!;
      value = tidyNumber(value * magnitude);
      end += mag.length;
      kind = 'mixed';
    }
  } else if (CHINESE_RUN_CHARS.has(c)) {
    end = chineseRunEnd(s, i);
    const text = s.slice(i, end);
    const units = /[十百千万亿廿卅拾佰仟]/.test(text);
    if (!units && text.length > 1) {
      kind = 'sequence';
      value = parseChineseInteger(text) ?? Number.NaN;
    } else {
      const v = parseChineseNumber(text);
      kind = v === null ? 'invalid' : 'chinese';
      value = v ?? Number.NaN;
      bare = /^[百千万亿佰仟]/.test(text);
    }
  } else return null;
  const text = s.slice(i, end);
  if ((kind === 'arabic' || kind === 'chinese' || kind === 'mixed') && (s[end] === '%' || s[end] === '‰')) {
    const per = s[end] === '%' ? 100 : 1000;
    return {
      start: i,
      end: end + 1,
      text: s.slice(i, end + 1),
      value: tidyNumber(value / per),
      kind: 'percent',
      decimals: decimalsOf(text),
      magnitude: 1,
      bare: false,
    };
  }
  return { start: i, end, text, value, kind, decimals: decimalsOf(text), magnitude, bare };
}

/**
 * Every number written in a text, left to right, with offsets (JS string indices, end exclusive). The text is read
 * through normalizeReportText, so 萬/億/兩 and full-width digits count, and offsets still point into the input.
 * This finds numbers, not claims: dates, ordinals and list numbers are here too (see readClaims).
 */
export function findNumbers(text: string): NumberToken[] {
  const s = normalizeReportText(text);
  const out: NumberToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const startsNumber =
      (c >= '0' && c <= '9' && !/[0-9.]/.test(s[i - 1] ?? '')) ||
      CHINESE_RUN_CHARS.has(c) ||
      s.startsWith('百分之', i) ||
      s.startsWith('千分之', i);
    const token = startsNumber ? numberAt(s, i) : null;
    if (token) {
      out.push({ ...token, text: text.slice(token.start, token.end) });
      i = token.end;
    } else i++;
  }
  return out;
}
