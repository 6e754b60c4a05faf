// 党费 demo data: a base for every member from their occupation (2008 rules via duesRate), some raises during the
// year, and payments of the last DUES_DEMO_MONTHS months with a realistic share of arrears: most members pay every
// month (monthly or a quarter at a time), some skip a month or two, some stopped a few months ago, and a few (about
// 2%) have six or more months unpaid in a row, so that the warning list shows 欠缴党费. Deterministic per member.
import {
  type DuesCategory,
  type DuesPayer,
  duesRate,
  monthsBetween,
  type Occupation,
  shiftMonth,
} from '@grassroots/domain';
import { Rng } from './prng.js';

/** Months of payment history: dues tracking started this many months before the current one. */
export const DUES_DEMO_MONTHS = 15;

export interface DuesDemoMember {
  id: number;
  orgId: number;
  occupation: Occupation;
  joinedOn: string;
  isHardship: number;
  isMobile: number;
  isLostContact: number;
}

export interface GeneratedDuesBase {
  memberId: number;
  category: DuesCategory;
  baseFen: number | null;
  monthlyFen: number;
  fromMonth: string;
  untilMonth: string | null;
}

export interface GeneratedDuesPayment {
  memberId: number;
  month: string;
  amountFen: number;
  dueFen: number;
  paidOn: string;
  payer: DuesPayer;
  payerName: string | null;
  receiptNo: string;
  orgId: number;
}

/** After-tax monthly income ranges (元) by occupation. */
const SALARY: Partial<Record<Occupation, [number, number]>> = {
  worker: [2500, 6000],
  professional: [3500, 12000],
  manager: [5000, 16000],
  civil_servant: [4500, 9500],
  other: [2000, 5500],
};
const PROXIES = ['配偶', '子女', '党小组长', '支部委员'];

function categoryOf(m: DuesDemoMember, rng: Rng): { category: DuesCategory; base: number | null } {
  if (m.isHardship) return { category: 'hardship', base: null };
  if (m.occupation === 'retired') return { category: 'retired', base: rng.range(2500, 9000) };
  if (m.occupation === 'farmer') return { category: 'farmer', base: null };
  if (m.occupation === 'student') return { category: 'student', base: null };
  if (m.occupation === 'other' && rng.chance(0.3)) return { category: 'unemployed', base: null };
  const [lo, hi] = SALARY[m.occupation] ?? [2500, 6000];
  // Whole yuan with some at the bracket edges people actually earn (3000, 5000).
  return { category: 'employed', base: rng.chance(0.05) ? rng.pick([3000, 5000]) : rng.range(lo, hi) };
}

const fen = (yuan: number) => Math.round(yuan * 100);

/**
 * Bases and payments of one member as of `today` (YYYY-MM-DD); payments go up to the last ended month, and a few
 * members have paid the current month or beyond (预交).
 */
export function generateMemberDues(
  m: DuesDemoMember,
  seed: number,
  today: string,
): { bases: GeneratedDuesBase[]; payments: GeneratedDuesPayment[] } {
  const rng = new Rng(seed, 8_000_001, m.id);
  const now = today.slice(0, 7);
  const start = [shiftMonth(now, -DUES_DEMO_MONTHS), m.joinedOn.slice(0, 7)].sort()[1]!;
  if (start > now) return { bases: [], payments: [] };
  const first = categoryOf(m, rng);
  const bases: GeneratedDuesBase[] = [
    {
      memberId: m.id,
      category: first.category,
      baseFen: first.base === null ? null : fen(first.base),
      monthlyFen: fen(duesRate(first.category, first.base).monthly),
      fromMonth: start,
      untilMonth: null,
    },
  ];
  // A raise (调资) for some of the employed, from a month in the last year.
  const raiseFrom = shiftMonth(now, -rng.range(1, 11));
  if (first.category === 'employed' && first.base !== null && raiseFrom > start && rng.chance(0.2)) {
    const base = Math.round(first.base * (1.05 + rng.next() * 0.15));
    bases[0]!.untilMonth = raiseFrom;
    bases.push({
      memberId: m.id,
      category: 'employed',
      baseFen: fen(base),
      monthlyFen: fen(duesRate('employed', base).monthly),
      fromMonth: raiseFrom,
      untilMonth: null,
    });
  }
  const dueIn = (month: string) => (month >= raiseFrom && bases.length > 1 ? bases[1]! : bases[0]!).monthlyFen;

  // Up to which month the member paid, and which months in between were skipped.
  const lastEnded = shiftMonth(now, -1);
  const risky = m.isLostContact || m.isMobile;
  const r = rng.next();
  let paidUpTo = lastEnded;
  const skipped = new Set<string>();
  if (r < (risky ? 0.25 : 0.02))
    paidUpTo = shiftMonth(lastEnded, -rng.range(6, 12)); // ≥ 6 months: flagged
  else if (r < (risky ? 0.45 : 0.1)) paidUpTo = shiftMonth(lastEnded, -rng.range(1, 5));
  else if (r < 0.2) {
    for (let i = rng.range(1, 2); i > 0; i--) skipped.add(shiftMonth(lastEnded, -rng.range(1, DUES_DEMO_MONTHS - 1)));
  } else if (r > 0.95) paidUpTo = shiftMonth(now, rng.range(0, 2)); // 预交
  const months = monthsBetween(start, paidUpTo).filter((x) => !skipped.has(x));

  // Monthly payers, or a quarter (three months) per receipt.
  const perReceipt = rng.chance(0.4) ? 3 : 1;
  const proxy = rng.chance(m.isMobile ? 0.6 : 0.08);
  const extra = rng.chance(0.03);
  const payments: GeneratedDuesPayment[] = [];
  for (let i = 0; i < months.length; i += perReceipt) {
    const group = months.slice(i, i + perReceipt);
    const last = group.at(-1)!;
    // Paid in the group's last month (prepaid months: this month), never after today.
    const paidMonth = [last, now].sort()[0]!;
    let paidOn = `${paidMonth}-${String(rng.range(5, 28)).padStart(2, '0')}`;
    if (paidOn > today) paidOn = today;
    const receiptNo = `DF${group[0]!.replace('-', '')}-${m.id}`;
    for (const month of group) {
      const due = dueIn(month);
      payments.push({
        memberId: m.id,
        month,
        amountFen: extra ? Math.ceil(due / 100) * 100 + 100 : due,
        dueFen: due,
        paidOn,
        payer: proxy ? 'proxy' : 'self',
        payerName: proxy ? PROXIES[m.id % PROXIES.length]! : null,
        receiptNo,
        orgId: m.orgId,
      });
    }
  }
  return { bases, payments };
}
