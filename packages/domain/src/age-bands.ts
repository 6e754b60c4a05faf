import { AGE_BAND_RANGES, AGE_BANDS, type AgeBand } from './constants.js';
import { addDays, addYears, ageOn } from './dates.js';

export function ageBandOf(birthDate: string, on: string): AgeBand {
  const age = ageOn(birthDate, on);
  for (const band of AGE_BANDS) {
    const [, max] = AGE_BAND_RANGES[band];
    if (max === null || age <= max) return band;
  }
  return 'ge61';
}

/**
 * The birth dates whose age on `on` falls in the band, as an inclusive range (null = unbounded), so that a filter
 * by age band is a range condition on birth_date in SQL.
 */
export function birthDateRangeForAgeBand(band: AgeBand, on: string): { from: string | null; to: string | null } {
  const [min, max] = AGE_BAND_RANGES[band];
  // age >= min  ⇔ birth <= on - min years;  age <= max ⇔ birth > on - (max+1) years
  const to = min === 0 ? null : addYears(on, -min);
  const from = max === null ? null : addDays(addYears(on, -(max + 1)), 1);
  return { from, to };
}
