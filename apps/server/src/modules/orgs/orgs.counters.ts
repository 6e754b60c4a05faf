// Orgs counted in their own and their ancestors' subtree counters: open orgs by kind and sector.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CounterSource, LeafCount } from '../../platform/counters.js';
import type { OrgRow } from './orgs.table.js';

export type CountedOrg = Pick<OrgRow, 'kind' | 'sector' | 'closedAt'>;

async function recountOrgs(db: Db): Promise<LeafCount[]> {
  const r = await sql<{ path: string; kind: string; sector: string }>`
    select path, kind, sector from orgs where closed_at is null`.execute(db);
  return r.rows.flatMap((o) => [
    { orgPath: o.path, dimension: 'org', value: 'all', n: 1 },
    { orgPath: o.path, dimension: 'org.kind', value: o.kind, n: 1 },
    { orgPath: o.path, dimension: 'org.sector', value: o.sector, n: 1 },
  ]);
}

const open = (o: CountedOrg) => o.closedAt === null;

export const orgCounters: CounterSource<CountedOrg> = {
  dimensions: {
    org: (o) => (open(o) ? ['all'] : []),
    'org.kind': (o) => (open(o) ? [o.kind] : []),
    'org.sector': (o) => (open(o) ? [o.sector] : []),
  },
  recount: (db) => recountOrgs(db),
};
