// Orgs counted in their own and their ancestors' subtree counters: open orgs by kind and sector.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CounterSource, LeafCount } from '../../platform/counters.js';
import type { OrgRow } from './orgs.table.js';

export type CountedOrg = Pick<OrgRow, 'kind' | 'sector' | 'closedAt'>;

const ORG_COLUMNS = { org: null, 'org.kind': 'kind', 'org.sector': 'sector' } as const;

async function recountOrgs(db: Db, dimension: string): Promise<LeafCount[]> {
  const column = ORG_COLUMNS[dimension as keyof typeof ORG_COLUMNS];
  const value = column ? sql.ref(column) : sql.lit('all');
  const r = await sql<{
    path: string;
    value: string;
  }>`select path, ${value} as value from orgs where closed_at is null`.execute(db);
  return r.rows.map((o) => ({ orgPath: o.path, value: o.value, n: 1 }));
}

const open = (o: CountedOrg) => o.closedAt === null;

export const orgCounters: CounterSource<CountedOrg> = {
  dimensions: {
    org: (o) => (open(o) ? ['all'] : []),
    'org.kind': (o) => (open(o) ? [o.kind] : []),
    'org.sector': (o) => (open(o) ? [o.sector] : []),
  },
  recount: (db, dimension) => recountOrgs(db, dimension),
};
