import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DUES_ARREARS_FLAG_MONTHS,
  DUES_BRACKETS,
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  DUES_RULES,
  type DuesCategory,
  duesArrears,
  duesRate,
  monthEnd,
  monthsBetween,
  shiftMonth,
} from './dues.js';
import { AppError, ERROR_STATUS } from './errors.js';

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('categories', () => {
  it('has the six categories of the 2008 rules with Chinese labels', () => {
    expect(DUES_CATEGORIES).toEqual(['employed', 'retired', 'farmer', 'student', 'unemployed', 'hardship']);
    for (const c of DUES_CATEGORIES) expect(DUES_CATEGORY_LABELS[c]).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});

describe('employed: after-tax salary, the whole base at its bracket’s rate', () => {
  it.each([
    [0, 0, 0.005],
    [2999.99, 15, 0.005],
    [3000, 15, 0.005],
    [3000.01, 30, 0.01],
    [4999.99, 50, 0.01],
    [5000, 50, 0.01],
    [5000.01, 75, 0.015],
    [9999.99, 150, 0.015],
    [10000, 150, 0.015],
    [10000.01, 200, 0.02],
    [25000, 500, 0.02],
  ])('base %d → %d 元 a month at %d', (base, monthly, rate) => {
    expect(duesRate('employed', base)).toEqual({ monthly, rate });
  });

  it('rounds half up to the fen', () => {
    expect(duesRate('employed', 1).monthly).toBe(0.01); // 0.005
    expect(duesRate('employed', 0.99).monthly).toBe(0); // 0.00495
    expect(duesRate('employed', 3333.33).monthly).toBe(33.33); // 33.3333
    expect(duesRate('employed', 4567.89).monthly).toBe(45.68); // 45.6789
    expect(duesRate('employed', 6789.1).monthly).toBe(101.84); // 101.8365
    expect(duesRate('employed', 12345.67).monthly).toBe(246.91); // 246.9134
    expect(duesRate('employed', 2345.7).monthly).toBe(11.73); // 11.7285
  });

  it('takes the base to the fen before choosing the bracket', () => {
    expect(duesRate('employed', 3000.004)).toEqual({ monthly: 15, rate: 0.005 });
    expect(duesRate('employed', 10000.001)).toEqual({ monthly: 150, rate: 0.015 });
  });

  it('has the brackets of DOMAIN.md', () => {
    expect(DUES_BRACKETS.employed).toEqual([
      { upTo: 3000, rate: 0.005 },
      { upTo: 5000, rate: 0.01 },
      { upTo: 10000, rate: 0.015 },
      { upTo: null, rate: 0.02 },
    ]);
  });
});

describe('retired: pension ≤5000 0.5%, >5000 1%', () => {
  it.each([
    [0, 0, 0.005],
    [3000, 15, 0.005],
    [4999.99, 25, 0.005],
    [5000, 25, 0.005],
    [5000.01, 50, 0.01],
    [8000, 80, 0.01],
    [12000, 120, 0.01],
  ])('pension %d → %d 元 at %d', (base, monthly, rate) => {
    expect(duesRate('retired', base)).toEqual({ monthly, rate });
  });
});

describe('fixed amounts', () => {
  it('farmers: 0.5 元 by default, no rate, no base needed', () => {
    expect(DUES_RULES.farmerMonthly).toBe(0.5);
    expect(duesRate('farmer', null)).toEqual({ monthly: 0.5, rate: null });
    expect(duesRate('farmer', 3000)).toEqual({ monthly: 0.5, rate: null });
  });

  it('farmers: a county may set 0.2 to 1 元; outside that range is refused', () => {
    expect(duesRate('farmer', null, { farmerMonthly: 0.2 })).toEqual({ monthly: 0.2, rate: null });
    expect(duesRate('farmer', null, { farmerMonthly: 1 })).toEqual({ monthly: 1, rate: null });
    expect(thrown(() => duesRate('farmer', null, { farmerMonthly: 1.5 })).message).toBe(
      '农民党员每月交纳党费应在0.2元至1元之间',
    );
    expect(thrown(() => duesRate('farmer', null, { farmerMonthly: 0.1 })).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => duesRate('farmer', null, { farmerMonthly: Number.NaN })).code).toBe('VALIDATION_FAILED');
  });

  it.each(['student', 'unemployed', 'hardship'] as const)('%s: 0.2 元, whatever the base', (category) => {
    expect(duesRate(category, null)).toEqual({ monthly: 0.2, rate: null });
    expect(duesRate(category, 8000)).toEqual({ monthly: 0.2, rate: null });
  });
});

describe('invalid bases', () => {
  it.each([-0.01, -3000, Number.NaN, Number.POSITIVE_INFINITY])(
    '%d: refused with DUES_BASE_INVALID and a Chinese message',
    (base) => {
      const e = thrown(() => duesRate('employed', base));
      expect(e.code).toBe('DUES_BASE_INVALID');
      expect(e.message).toBe('党费计算基数（税后月收入）须为不小于0的数字');
      expect(e.fields).toEqual({ base: '须为不小于0的数字' });
      expect(e.status).toBe(400);
    },
  );

  it('a negative base is refused in every category', () => {
    for (const c of DUES_CATEGORIES) expect(thrown(() => duesRate(c, -1)).code).toBe('DUES_BASE_INVALID');
  });

  it('employed and retired need a base', () => {
    expect(thrown(() => duesRate('employed', null)).message).toBe('在职党员须填写税后月工资收入');
    expect(thrown(() => duesRate('retired', null)).message).toBe('离退休党员须填写税后月离退休费收入');
  });

  it('an unknown category is refused', () => {
    expect(thrown(() => duesRate('soldier' as DuesCategory, 100)).code).toBe('VALIDATION_FAILED');
  });

  it('DUES_BASE_INVALID is a 400', () => {
    expect(ERROR_STATUS.DUES_BASE_INVALID).toBe(400);
  });
});

describe('properties of the amount', () => {
  const base = fc.integer({ min: 0, max: 5_000_000 }).map((fen) => fen / 100);

  it('is monotone in the base within a category', () => {
    fc.assert(
      fc.property(fc.constantFrom('employed' as const, 'retired' as const), base, base, (category, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(duesRate(category, lo).monthly).toBeLessThanOrEqual(duesRate(category, hi).monthly);
      }),
      { numRuns: 1000 },
    );
  });

  it('is base × rate to the fen, the rate that of the base’s bracket', () => {
    fc.assert(
      fc.property(fc.constantFrom('employed' as const, 'retired' as const), base, (category, b) => {
        const { monthly, rate } = duesRate(category, b);
        const bracket = DUES_BRACKETS[category].find((x) => x.upTo === null || b <= x.upTo);
        expect(rate).toBe(bracket?.rate);
        expect(Math.abs(monthly - b * (rate as number))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.round(monthly * 100) / 100).toBe(monthly);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('arrears', () => {
  const ALWAYS = { from: '2024-01', to: null };

  it('exactly 6 months unpaid in a row: flagged', () => {
    expect(duesArrears([], ALWAYS, '2024-06')).toEqual({
      unpaidMonths: ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'],
      total: 6,
      longestConsecutive: 6,
      currentConsecutive: 6,
      flagged: true,
    });
    expect(DUES_ARREARS_FLAG_MONTHS).toBe(6);
  });

  it('5 months in a row: not flagged', () => {
    expect(duesArrears(['2024-01'], ALWAYS, '2024-06')).toMatchObject({
      total: 5,
      longestConsecutive: 5,
      flagged: false,
    });
  });

  it('8 months unpaid but never 6 in a row: not flagged', () => {
    const paid = ['2024-05', '2024-10'];
    expect(duesArrears(paid, ALWAYS, '2024-10')).toEqual({
      unpaidMonths: ['2024-01', '2024-02', '2024-03', '2024-04', '2024-06', '2024-07', '2024-08', '2024-09'],
      total: 8,
      longestConsecutive: 4,
      currentConsecutive: 0,
      flagged: false,
    });
  });

  it('a run across the year end counts: 2024-10 to 2025-03', () => {
    const paid = ['2024-07', '2024-08', '2024-09'];
    expect(duesArrears(paid, { from: '2024-07', to: null }, '2025-03')).toMatchObject({
      unpaidMonths: ['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'],
      longestConsecutive: 6,
      currentConsecutive: 6,
      flagged: true,
    });
  });

  it('an old run stays flagged after paying again (the months are still unpaid)', () => {
    const paid = ['2024-07', '2024-08'];
    expect(duesArrears(paid, ALWAYS, '2024-08')).toMatchObject({
      longestConsecutive: 6,
      currentConsecutive: 0,
      flagged: true,
    });
  });

  it('exempt months are not unpaid and break a run', () => {
    const r = duesArrears([], ALWAYS, '2024-07', ['2024-04']);
    expect(r).toMatchObject({ total: 6, longestConsecutive: 3, flagged: false });
    expect(r.unpaidMonths).not.toContain('2024-04');
  });

  it('only months of the membership count; paid months outside it are ignored', () => {
    const r = duesArrears(['2023-12', '2024-03'], { from: '2024-02', to: '2024-05' }, '2024-12');
    expect(r).toEqual({
      unpaidMonths: ['2024-02', '2024-04', '2024-05'],
      total: 3,
      longestConsecutive: 2,
      currentConsecutive: 0,
      flagged: false,
    });
  });

  it('up to a month before the membership: nothing', () => {
    expect(duesArrears([], { from: '2025-01', to: null }, '2024-12')).toMatchObject({ total: 0, flagged: false });
  });

  it('everything paid: nothing', () => {
    expect(duesArrears(['2024-01', '2024-02', '2024-03'], ALWAYS, '2024-03')).toMatchObject({
      unpaidMonths: [],
      total: 0,
      longestConsecutive: 0,
      currentConsecutive: 0,
      flagged: false,
    });
  });

  it('refuses malformed months', () => {
    expect(thrown(() => duesArrears(['2024-13'], ALWAYS, '2024-12')).code).toBe('VALIDATION_FAILED');
    expect(thrown(() => duesArrears([], { from: '2024-1', to: null }, '2024-12')).message).toBe(
      '起始月份应为“年-月”（YYYY-MM）：2024-1',
    );
    expect(thrown(() => duesArrears([], ALWAYS, '2024-12-01')).code).toBe('VALIDATION_FAILED');
  });

  it('property: total = months in the period − paid − exempt; runs never exceed the total; flag iff a run ≥ 6', () => {
    const month = fc
      .integer({ min: 0, max: 47 })
      .map((i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(month, { maxLength: 48 }),
        fc.uniqueArray(month, { maxLength: 6 }),
        (paid, exemptRaw) => {
          const exempt = exemptRaw.filter((m) => !paid.includes(m));
          const r = duesArrears(paid, { from: '2022-01', to: null }, '2025-12', exempt);
          expect(r.total).toBe(48 - paid.length - exempt.length);
          expect(r.unpaidMonths).toEqual([...r.unpaidMonths].sort());
          expect(r.longestConsecutive).toBeLessThanOrEqual(r.total);
          expect(r.currentConsecutive).toBeLessThanOrEqual(r.longestConsecutive);
          expect(r.flagged).toBe(r.longestConsecutive >= 6);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('months', () => {
  it('shifts across year ends both ways', () => {
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-06', -18)).toBe('2022-12');
  });
  it('lists the months between two, inclusive; none when reversed', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
    expect(monthsBetween('2025-03', '2025-02')).toEqual([]);
  });
  it('ends a month on its last day, February in leap and common years', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(monthEnd('2025-04')).toBe('2025-04-30');
  });
});
