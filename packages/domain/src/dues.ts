// 党费 (DOMAIN.md §2; 中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》, 2008): the monthly amount by
// category and base, and arrears from the months paid.
//
// Decisions where DOMAIN.md is silent:
// - Brackets include their upper bound, as the 2008 rules word them ("3000元以下（含3000元）"): 3000.00 → 0.5%,
//   3000.01 → 1%, 5000.00 → 1%, 10000.00 → 1.5%, 10000.01 → 2%. The whole base is taken at its bracket's rate (not
//   progressively), so the amount jumps at each edge (3000.00 → 15.00 元, 3000.01 → 30.00 元).
// - Amounts are computed in fen (分) on integers: the base is first rounded to the fen, and the amount is rounded half
//   up (四舍五入) to the fen.
// - Farmers pay a fixed amount in 0.2–1 元 per month; the default is 0.5 元 (DUES_RULES.farmerMonthly, per county).
//   Fixed amounts have `rate` null and need no base.
// - Arrears: months are 'YYYY-MM'; the membership period and `upTo` are inclusive; exempt months (免交, with a
//   reason) are neither unpaid nor part of a run; a run is unpaid months in a row, and the flag (连续六个月不交纳党费,
//   党章第九条) is raised by a run of 6 or more.
import { AppError } from './errors.js';

export const DUES_CATEGORIES = ['employed', 'retired', 'farmer', 'student', 'unemployed', 'hardship'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employed: '在职党员',
  retired: '离退休党员',
  farmer: '农民党员',
  student: '学生党员',
  unemployed: '下岗失业党员',
  hardship: '生活困难党员',
};

/** The whole base at `rate` when base ≤ `upTo` 元 (inclusive); upTo null = no upper bound. */
export interface DuesBracket {
  upTo: number | null;
  rate: number;
}

/** Monthly after-tax salary (employed) or pension (retired). */
export const DUES_BRACKETS: Record<'employed' | 'retired', readonly DuesBracket[]> = {
  employed: [
    { upTo: 3000, rate: 0.005 },
    { upTo: 5000, rate: 0.01 },
    { upTo: 10000, rate: 0.015 },
    { upTo: null, rate: 0.02 },
  ],
  retired: [
    { upTo: 5000, rate: 0.005 },
    { upTo: null, rate: 0.01 },
  ],
};

/** Fixed monthly amounts in 元. */
export const DUES_FIXED_MONTHLY: Record<'student' | 'unemployed' | 'hardship', number> = {
  student: 0.2,
  unemployed: 0.2,
  hardship: 0.2,
};
export const FARMER_DUES_RANGE = [0.2, 1] as const;

export interface DuesRules {
  /** 元 per month for farmers, within FARMER_DUES_RANGE. */
  farmerMonthly: number;
}
export const DUES_RULES: DuesRules = { farmerMonthly: 0.5 };

export interface DuesRate {
  /** 元 per month, rounded to the fen. */
  monthly: number;
  /** Fraction of the base (0.005 = 0.5%); null for a fixed amount. */
  rate: number | null;
}

const toFen = (yuan: number) => Math.round(yuan * 100);

function bracketRate(brackets: readonly DuesBracket[], baseFen: number): number {
  for (const b of brackets) if (b.upTo === null || baseFen <= toFen(b.upTo)) return b.rate;
  return (brackets.at(-1) as DuesBracket).rate;
}

/**
 * Monthly dues for a member of `category`: `base` is the after-tax monthly salary (employed) or pension (retired)
 * in 元, and is not needed (null) for the fixed amounts. Throws DUES_BASE_INVALID for a negative, NaN or infinite base.
 */
export function duesRate(category: DuesCategory, base: number | null, rules: DuesRules = DUES_RULES): DuesRate {
  if (!DUES_CATEGORIES.includes(category)) {
    throw new AppError('VALIDATION_FAILED', `未知的党员交纳党费类别：${String(category)}`);
  }
  if (base !== null && (typeof base !== 'number' || !Number.isFinite(base) || base < 0)) {
    throw new AppError('DUES_BASE_INVALID', '党费计算基数（税后月收入）须为不小于0的数字', {
      base: '须为不小于0的数字',
    });
  }
  if (category === 'employed' || category === 'retired') {
    if (base === null) {
      throw new AppError(
        'DUES_BASE_INVALID',
        category === 'employed' ? '在职党员须填写税后月工资收入' : '离退休党员须填写税后月离退休费收入',
        { base: '必填' },
      );
    }
    const baseFen = toFen(base);
    const rate = bracketRate(DUES_BRACKETS[category], baseFen);
    // Rate in hundred-thousandths keeps the product an exact integer (0.5% = 500).
    const monthlyFen = Math.floor((baseFen * Math.round(rate * 100_000) + 50_000) / 100_000);
    return { monthly: monthlyFen / 100, rate };
  }
  if (category === 'farmer') {
    const [min, max] = FARMER_DUES_RANGE;
    if (!(rules.farmerMonthly >= min && rules.farmerMonthly <= max)) {
      throw new AppError('VALIDATION_FAILED', `农民党员每月交纳党费应在${min}元至${max}元之间`);
    }
    return { monthly: toFen(rules.farmerMonthly) / 100, rate: null };
  }
  return { monthly: DUES_FIXED_MONTHLY[category], rate: null };
}

// ——— arrears ———

/** Consecutive unpaid months that make a disciplinary matter (连续六个月不交纳党费). */
export const DUES_ARREARS_FLAG_MONTHS = 6;

export interface DuesMembershipPeriod {
  /** First month dues are owed, 'YYYY-MM'. */
  from: string;
  /** Last month owed (inclusive), null while a member. */
  to: string | null;
}

export interface DuesArrears {
  /** Unpaid months in order. */
  unpaidMonths: string[];
  total: number;
  /** The longest run of unpaid months in a row. */
  longestConsecutive: number;
  /** The run that ends at `upTo` (0 when upTo is paid, exempt or outside the membership). */
  currentConsecutive: number;
  /** longestConsecutive ≥ DUES_ARREARS_FLAG_MONTHS. */
  flagged: boolean;
}

function monthIndex(month: string, what: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mm = m === null ? 0 : Number(m[2]);
  if (m === null || mm < 1 || mm > 12)
    throw new AppError('VALIDATION_FAILED', `${what}应为“年-月”（YYYY-MM）：${month}`);
  return Number(m[1]) * 12 + mm - 1;
}

function monthOfIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** `month` ('YYYY-MM') moved by `n` months (negative: back). */
export function shiftMonth(month: string, n: number): string {
  return monthOfIndex(monthIndex(month, '月份') + n);
}

/** Months from `from` to `to`, both inclusive, in order (empty when to < from). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from, '起始月份'); i <= monthIndex(to, '截止月份'); i++) out.push(monthOfIndex(i));
  return out;
}

/** The last day of `month`, 'YYYY-MM-DD' (a month's dues fall due at its end). */
export function monthEnd(month: string): string {
  const i = monthIndex(month, '月份') + 1;
  return new Date(Date.UTC(Math.floor(i / 12), i % 12, 0)).toISOString().slice(0, 10);
}

/** Unpaid months of a membership period up to `upTo` (inclusive), with their runs. */
export function duesArrears(
  paidMonths: readonly string[],
  period: DuesMembershipPeriod,
  upTo: string,
  exemptMonths: readonly string[] = [],
  flagMonths: number = DUES_ARREARS_FLAG_MONTHS,
): DuesArrears {
  const paid = new Set(paidMonths.map((m) => monthIndex(m, '已交月份')));
  const exempt = new Set(exemptMonths.map((m) => monthIndex(m, '免交月份')));
  const from = monthIndex(period.from, '起始月份');
  const last = Math.min(
    monthIndex(upTo, '截止月份'),
    period.to === null ? Infinity : monthIndex(period.to, '终止月份'),
  );
  const unpaidMonths: string[] = [];
  let run = 0;
  let longestConsecutive = 0;
  for (let i = from; i <= last; i++) {
    if (paid.has(i) || exempt.has(i)) {
      run = 0;
      continue;
    }
    unpaidMonths.push(monthOfIndex(i));
    run++;
    longestConsecutive = Math.max(longestConsecutive, run);
  }
  const currentConsecutive = last === monthIndex(upTo, '截止月份') ? run : 0;
  return {
    unpaidMonths,
    total: unpaidMonths.length,
    longestConsecutive,
    currentConsecutive,
    flagged: longestConsecutive >= flagMonths,
  };
}
