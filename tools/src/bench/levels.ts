// Which org stands for each level. The generator roots the tree at the scale's top (province → city → county →
// township → village …, depth 0 at the root) and places the demo township (城关镇, the `town` user's anchor) in the
// first county of the first city. We take that township and its ancestors by depth, so the HTTP runs (as `town`)
// and the in-process runs measure the same chain of nodes, and check that each node is what its level claims.
import { sql } from 'kysely';
import type { Db } from '../../../apps/server/src/db/database.js';
import { readCounters } from '../../../apps/server/src/platform/counters.js';
import type { Scale } from '../generator/generate.js';

export const LEVELS = ['township', 'county', 'city', 'province'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVELS_OF_SCALE: Record<Scale, readonly Level[]> = {
  county: ['township', 'county'],
  city: ['township', 'county', 'city'],
  province: ['township', 'county', 'city', 'province'],
};

export interface LevelNode {
  level: Level;
  orgId: number;
  name: string;
  path: string;
  depth: number;
  /** Members in the subtree. */
  members: number;
  /** Open child orgs (rows of the dashboard's table). */
  children: number;
}

export async function townOrgId(db: Db): Promise<number> {
  const r = await sql<{ orgId: number }>`select g.org_id from user_grants g join users u on u.id = g.user_id
    where u.username = 'town' order by g.id limit 1`.execute(db);
  const id = r.rows[0]?.orgId;
  if (id === undefined) throw new Error('no grant for user `town`: the dataset was not seeded by seedDemo');
  return Number(id);
}

export async function pickLevelNodes(db: Db, scale: Scale): Promise<LevelNode[]> {
  const levels = LEVELS_OF_SCALE[scale];
  const township = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'depth', 'kind'])
    .where('id', '=', await townOrgId(db))
    .executeTakeFirstOrThrow();
  if (township.depth !== levels.length - 1) {
    throw new Error(`township ${township.id} is at depth ${township.depth}, expected ${levels.length - 1} at ${scale}`);
  }
  // A township is a 党委 whose children are village branches (rural sector).
  const villages = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', township.id)
    .where('sector', '=', 'rural')
    .executeTakeFirstOrThrow();
  if (township.kind !== 'committee' || Number(villages.n) === 0) {
    throw new Error(`org ${township.id} does not look like a township (kind ${township.kind}, no villages)`);
  }
  const chain = township.path.split('/').filter(Boolean).map(Number); // root … township, by depth
  const nodes: LevelNode[] = [];
  for (const [i, level] of levels.entries()) {
    const id = chain[chain.length - 1 - i] as number;
    const org = await db
      .selectFrom('orgs')
      .select(['id', 'name', 'path', 'depth'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const counters = await readCounters(db, [id], 'member');
    const members = Number(counters.find((c) => c.dimension === 'member' && c.value === 'all')?.count ?? 0);
    const children = await db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parentId', '=', id)
      .where('closedAt', 'is', null)
      .executeTakeFirstOrThrow();
    nodes.push({
      level,
      orgId: org.id,
      name: org.name,
      path: org.path,
      depth: org.depth,
      members,
      children: Number(children.n),
    });
  }
  return nodes;
}
