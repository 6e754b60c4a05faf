import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandOf, birthDateRangeForAgeBand } from './age-bands.js';
import { AGE_BAND_LABELS, AGE_BANDS, type AgeBand } from './constants.js';
import { addDays } from './dates.js';

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const inRange = (birth: string, r: { from: string | null; to: string | null }) =>
  (r.from === null || r.from <= birth) && (r.to === null || birth <= r.to);

describe('age bands of 党内统计', () => {
  it('are the eight official bands in order', () => {
    expect(AGE_BANDS.map((b) => AGE_BAND_LABELS[b])).toEqual([
      '30岁及以下',
      '31-35岁',
      '36-40岁',
      '41-45岁',
      '46-50岁',
      '51-55岁',
      '56-60岁',
      '61岁及以上',
    ]);
  });
});

describe('ageBandOf at the boundaries (on the birthday)', () => {
  const on = '2025-06-30';
  it.each<[string, AgeBand]>([
    ['1994-07-01', 'le30'], // 30 until tomorrow
    ['1994-06-30', '31_35'], // 31 today
    ['1990-07-01', '31_35'], // 34
    ['1989-07-01', '31_35'], // 35, 36 tomorrow
    ['1989-06-30', '36_40'], // 36 today
    ['1975-06-30', '46_50'], // 50 today
    ['1974-06-30', '51_55'], // 51 today
    ['1965-06-30', '56_60'], // 60 today
    ['1964-07-01', '56_60'], // 60, 61 tomorrow
    ['1964-06-30', 'ge61'], // 61 today
    ['1924-01-01', 'ge61'],
    ['2025-06-30', 'le30'], // born today
  ])('born %s → %s on 2025-06-30', (birth, band) => {
    expect(ageBandOf(birth, on)).toBe(band);
  });

  it('a 02-29 birthday moves band on 03-01 in a non-leap year and on 02-29 in a leap year', () => {
    expect(ageBandOf('1992-02-29', '2023-02-28')).toBe('le30');
    expect(ageBandOf('1992-02-29', '2023-03-01')).toBe('31_35');
    expect(ageBandOf('1993-03-01', '2024-02-29')).toBe('le30');
    expect(ageBandOf('1993-02-28', '2024-02-29')).toBe('31_35');
  });
});

describe('birthDateRangeForAgeBand', () => {
  it('gives inclusive ranges that meet without gaps on 2025-06-30', () => {
    const on = '2025-06-30';
    expect(birthDateRangeForAgeBand('le30', on)).toEqual({ from: '1994-07-01', to: null });
    expect(birthDateRangeForAgeBand('31_35', on)).toEqual({ from: '1989-07-01', to: '1994-06-30' });
    expect(birthDateRangeForAgeBand('56_60', on)).toEqual({ from: '1964-07-01', to: '1969-06-30' });
    expect(birthDateRangeForAgeBand('ge61', on)).toEqual({ from: null, to: '1964-06-30' });
  });

  it('handles `on` = 02-29', () => {
    expect(birthDateRangeForAgeBand('le30', '2024-02-29')).toEqual({ from: '1993-03-01', to: null });
    expect(birthDateRangeForAgeBand('31_35', '2024-02-29')).toEqual({ from: '1988-03-01', to: '1993-02-28' });
  });

  it('adjacent bands meet: each band starts the day after the next older band ends', () => {
    fc.assert(
      fc.property(isoDate('1950-01-01', '2100-12-31'), (on) => {
        for (let i = 0; i + 1 < AGE_BANDS.length; i++) {
          const younger = birthDateRangeForAgeBand(AGE_BANDS[i] as AgeBand, on);
          const older = birthDateRangeForAgeBand(AGE_BANDS[i + 1] as AgeBand, on);
          expect(younger.from).not.toBeNull();
          expect(older.to).not.toBeNull();
          expect(addDays(older.to as string, 1)).toBe(younger.from);
        }
      }),
    );
  });

  it('property: the bands partition all birth dates — a birth date is in its own band’s range and no other', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2100-12-31'), isoDate('1950-01-01', '2100-12-31'), (birth, on) => {
        const own = ageBandOf(birth, on);
        const containing = AGE_BANDS.filter((b) => inRange(birth, birthDateRangeForAgeBand(b, on)));
        expect(containing).toEqual([own]);
      }),
      { numRuns: 2000 },
    );
  });

  it('partition holds day by day around leap days and band edges', () => {
    for (const on of ['2023-02-28', '2023-03-01', '2024-02-28', '2024-02-29', '2024-03-01', '2025-12-31']) {
      for (const edge of ['1964-02-27', '1992-02-27', '1994-02-26']) {
        for (let d = 0; d < 5; d++) {
          const birth = addDays(edge, d);
          const containing = AGE_BANDS.filter((b) => inRange(birth, birthDateRangeForAgeBand(b, on)));
          expect(containing, `${birth} on ${on}`).toEqual([ageBandOf(birth, on)]);
        }
      }
    }
  });
});
