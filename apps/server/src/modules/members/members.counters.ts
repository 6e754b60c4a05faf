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
> & { leftOn?: string | null };

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

async function recountMembers(db: Db, dimension: string, today: string): Promise<LeafCount[]> {
  let r: { rows: LeafCount[] };
  if (dimension === 'member') {
    r =
      await sql<LeafCount>`select org_path, 'all' as value, count(*) as n from members where left_on is null group by org_path`.execute(
        db,
      );
  } else if (dimension in SIMPLE_COLUMNS) {
    const column = sql.ref(SIMPLE_COLUMNS[dimension as keyof typeof SIMPLE_COLUMNS]);
    r =
      await sql<LeafCount>`select org_path, ${column} as value, count(*) as n from members where left_on is null group by org_path, ${column}`.execute(
        db,
      );
  } else if (dimension === 'member.ageBand') {
    const bandCase = sql`case ${sql.join(
      AGE_BANDS.filter((b) => b !== 'ge61').map(
        (b) => sql`when birth_date >= ${birthDateRangeForAgeBand(b, today).from} then ${b}`,
      ),
      sql` `,
    )} else 'ge61' end`;
    r =
      await sql<LeafCount>`select org_path, ${bandCase} as value, count(*) as n from members where left_on is null group by org_path, 2`.execute(
        db,
      );
  } else {
    const parts = Object.entries(FLAG_SQL).map(
      ([flag, column]) =>
        sql`select org_path, ${flag} as value, count(*) as n from members where ${sql.ref(column)} = 1 and left_on is null group by org_path`,
    );
    r = await sql<LeafCount>`${sql.join(parts, sql` union all `)}`.execute(db);
  }
  return r.rows.map((row) => ({ orgPath: row.orgPath, value: String(row.value), n: Number(row.n) }));
}

/** A member transferred out of the platform (转出系统外) counts nowhere; its row stays as history. */
const counted =
  (values: (m: CountedMember, today: string) => readonly string[]) =>
  (m: CountedMember, today: string): readonly string[] =>
    m.leftOn ? [] : values(m, today);

export const memberCounters: CounterSource<CountedMember> = {
  dimensions: {
    member: counted(() => ['all']),
    'member.status': counted((m) => [m.status]),
    'member.gender': counted((m) => [m.gender]),
    'member.ethnicity': counted((m) => [m.ethnicity]),
    'member.education': counted((m) => [m.education]),
    'member.occupation': counted((m) => [m.occupation]),
    'member.ageBand': counted((m, today) => [ageBandOf(m.birthDate, today)]),
    'member.flag': counted((m) => flagsOf(m)),
  },
  recount: recountMembers,
};
