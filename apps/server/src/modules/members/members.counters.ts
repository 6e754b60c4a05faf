// The dimensions members are counted by in subtree counters (党内统计 bands): declared once, used by every write.
import { AGE_BANDS, ageBandOf, birthDateRangeForAgeBand } from '@grassroots/domain';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CounterSource, LeafCount } from '../../platform/counters.js';
import { flagsOf } from './members.mapper.js';
import type { MemberRow } from './members.table.js';

export type CountedMember = Pick<
  MemberRow,
  | 'status'
  | 'gender'
  | 'ethnicity'
  | 'education'
  | 'occupation'
  | 'birthDate'
  | 'isMobile'
  | 'isLostContact'
  | 'isHardship'
  | 'isVeteran'
>;

export const MEMBER_DIMENSIONS = [
  'member',
  'member.status',
  'member.gender',
  'member.ethnicity',
  'member.education',
  'member.occupation',
  'member.ageBand',
  'member.flag',
] as const;

const SIMPLE_COLUMNS = {
  'member.status': 'status',
  'member.gender': 'gender',
  'member.ethnicity': 'ethnicity',
  'member.education': 'education',
  'member.occupation': 'occupation',
} as const;

const FLAG_SQL = {
  mobile: 'is_mobile',
  lost_contact: 'is_lost_contact',
  hardship: 'is_hardship',
  veteran: 'is_veteran',
} as const;

async function recountMembers(db: Db, today: string): Promise<LeafCount[]> {
  const out: LeafCount[] = [];
  const push = (rows: Array<{ orgPath: string; value: string; n: number | string }>, dimension: string) => {
    for (const r of rows) out.push({ orgPath: r.orgPath, dimension, value: r.value, n: Number(r.n) });
  };
  const total = await sql<{ orgPath: string; value: string; n: number }>`
    select org_path, 'all' as value, count(*) as n from members group by org_path`.execute(db);
  push(total.rows, 'member');
  for (const [dimension, column] of Object.entries(SIMPLE_COLUMNS)) {
    const r = await sql<{ orgPath: string; value: string; n: number }>`
      select org_path, ${sql.ref(column)} as value, count(*) as n from members group by org_path, ${sql.ref(column)}`.execute(
      db,
    );
    push(r.rows, dimension);
  }
  const bandCase = sql`case ${sql.join(
    AGE_BANDS.filter((b) => b !== 'ge61').map(
      (b) => sql`when birth_date >= ${birthDateRangeForAgeBand(b, today).from} then ${b}`,
    ),
    sql` `,
  )} else 'ge61' end`;
  const bands = await sql<{ orgPath: string; value: string; n: number }>`
    select org_path, ${bandCase} as value, count(*) as n from members group by org_path, 2`.execute(db);
  push(bands.rows, 'member.ageBand');
  for (const [flag, column] of Object.entries(FLAG_SQL)) {
    const r = await sql<{ orgPath: string; value: string; n: number }>`
      select org_path, ${flag} as value, count(*) as n from members where ${sql.ref(column)} = 1 group by org_path`.execute(
      db,
    );
    push(r.rows, 'member.flag');
  }
  return out;
}

export const memberCounters: CounterSource<CountedMember> = {
  dimensions: {
    member: () => ['all'],
    'member.status': (m) => [m.status],
    'member.gender': (m) => [m.gender],
    'member.ethnicity': (m) => [m.ethnicity],
    'member.education': (m) => [m.education],
    'member.occupation': (m) => [m.occupation],
    'member.ageBand': (m, today) => [ageBandOf(m.birthDate, today)],
    'member.flag': (m) => flagsOf(m),
  },
  recount: recountMembers,
};
