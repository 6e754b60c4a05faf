// Calendar days as integers (0 = 1900-01-01) with a cached table of their 'YYYY-MM-DD' strings, so that the member
// stream does date arithmetic without Date objects.

const BASE_YEAR = 1900;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function monthLength(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export class DayTable {
  /** Index of `today`. */
  readonly today: number;
  private readonly iso: string[] = [];
  private readonly yearStart: number[] = [];
  /** Day index one calendar year later (02-29 → 02-28), for every day up to today. */
  readonly nextYear: Int32Array;

  constructor(today: string) {
    const lastYear = Number(today.slice(0, 4)) + 1;
    let idx = 0;
    for (let y = BASE_YEAR; y <= lastYear + 1; y++) {
      this.yearStart.push(idx);
      const yy = String(y);
      for (let m = 1; m <= 12; m++) {
        const prefix = `${yy}-${m < 10 ? '0' : ''}${m}-`;
        const len = monthLength(y, m);
        for (let d = 1; d <= len; d++) {
          this.iso.push(`${prefix}${d < 10 ? '0' : ''}${d}`);
          idx++;
        }
      }
    }
    this.today = this.index(today);
    this.nextYear = new Int32Array(this.today + 1);
    for (let i = 0; i <= this.today; i++) {
      const s = this.iso[i] as string;
      this.nextYear[i] = this.index(s, 1);
    }
  }

  /** Day index of an ISO date, optionally `addYears` whole years later (clamping 02-29). */
  index(date: string, addYears = 0): number {
    const y = Number(date.slice(0, 4)) + addYears;
    const m = Number(date.slice(5, 7));
    const d = Math.min(Number(date.slice(8, 10)), monthLength(y, m));
    let idx = this.yearStart[y - BASE_YEAR] as number;
    for (let mm = 1; mm < m; mm++) idx += monthLength(y, mm);
    return idx + d - 1;
  }

  /** ISO string of a day index (the table covers 1900-01-01 to the end of next year). */
  date(day: number): string {
    return this.iso[day] as string;
  }
}
