// Subtree counters (DESIGN.md "Data"): for each org, counts over its whole subtree by (dimension, value). Each
// module declares the dimensions of its rows once (a CounterSource); writes turn a row's before/after into deltas
// for the org and its ancestors, applied in the write's transaction as one upsert statement.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface LeafCount {
  orgPath: string;
  dimension: string;
  value: string;
  n: number;
}

export interface CounterSource<Row> {
  /** Dimension name → the values a row counts under ([] when it does not count in that dimension). */
  dimensions: Record<string, (row: Row, today: string) => readonly string[]>;
  /** Counts straight from the records, per org path (the org that holds the row), for rebuild and verify. */
  recount(db: Db, today: string): Promise<LeafCount[]>;
}

export interface CounterDelta {
  orgId: number;
  dimension: string;
  value: string;
  delta: number;
}

/** '/1/7/42/' → [1, 7, 42]: the org and its ancestors, whose subtree counts a row of org 42 changes. */
export function orgIdsOfPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

function keyOf(orgId: number, dimension: string, value: string): string {
  return `${orgId}\u0000${dimension}\u0000${value}`;
}

/** The deltas of one row going from `before` to `after` (either may be null for insert / delete). */
export function deltasForChange<Row>(
  source: CounterSource<Row>,
  before: { orgPath: string; row: Row } | null,
  after: { orgPath: string; row: Row } | null,
  today: string,
): CounterDelta[] {
  const acc = new Map<string, CounterDelta>();
  const add = (side: { orgPath: string; row: Row }, sign: 1 | -1) => {
    const orgIds = orgIdsOfPath(side.orgPath);
    for (const [dimension, valuesOf] of Object.entries(source.dimensions)) {
      for (const value of valuesOf(side.row, today)) {
        for (const orgId of orgIds) {
          const k = keyOf(orgId, dimension, value);
          const d = acc.get(k);
          if (d) d.delta += sign;
          else acc.set(k, { orgId, dimension, value, delta: sign });
        }
      }
    }
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...acc.values()].filter((d) => d.delta !== 0);
}

/** One upsert statement for all deltas (SQLite and PostgreSQL share the ON CONFLICT syntax). */
export async function applyCounterDeltas(db: Db, deltas: CounterDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => sql`(${d.orgId}, ${d.dimension}, ${d.value}, ${d.delta})`);
  await sql`insert into subtree_counters (org_id, dimension, value, count) values ${sql.join(rows)}
    on conflict (org_id, dimension, value) do update set count = subtree_counters.count + excluded.count`.execute(db);
}

/** Counter rows of some orgs, optionally only dimensions starting with a prefix. */
export function readCounters(db: Db, orgIds: number[], dimensionPrefix?: string) {
  if (orgIds.length === 0) return Promise.resolve([]);
  let qb = db
    .selectFrom('subtreeCounters')
    .select(['orgId', 'dimension', 'value', 'count'])
    .where('orgId', 'in', orgIds);
  if (dimensionPrefix) qb = qb.where('dimension', '>=', dimensionPrefix).where('dimension', '<', `${dimensionPrefix}~`);
  return qb.execute();
}

/**
 * An org subtree moved from `oldPath` to `newPath`: its own counters are unchanged; its old ancestors lose them and
 * its new ancestors gain them (common ancestors cancel out).
 */
export async function moveSubtreeCounters(db: Db, orgId: number, oldPath: string, newPath: string): Promise<void> {
  const own = await readCounters(db, [orgId]);
  const oldAncestors = orgIdsOfPath(oldPath).filter((id) => id !== orgId);
  const newAncestors = orgIdsOfPath(newPath).filter((id) => id !== orgId);
  const acc = new Map<string, CounterDelta>();
  for (const r of own) {
    for (const [ids, sign] of [
      [oldAncestors, -1],
      [newAncestors, 1],
    ] as const) {
      for (const id of ids) {
        const k = keyOf(id, r.dimension, r.value);
        const d = acc.get(k) ?? { orgId: id, dimension: r.dimension, value: r.value, delta: 0 };
        d.delta += sign * Number(r.count);
        acc.set(k, d);
      }
    }
  }
  await applyCounterDeltas(
    db,
    [...acc.values()].filter((d) => d.delta !== 0),
  );
}

/** Rolls leaf counts up to every ancestor: the counters the records imply. */
export function rollUp(leaves: Iterable<LeafCount>): Map<string, CounterDelta> {
  const out = new Map<string, CounterDelta>();
  for (const l of leaves) {
    if (l.n === 0) continue;
    for (const orgId of orgIdsOfPath(l.orgPath)) {
      const k = keyOf(orgId, l.dimension, l.value);
      const c = out.get(k);
      if (c) c.delta += l.n;
      else out.set(k, { orgId, dimension: l.dimension, value: l.value, delta: l.n });
    }
  }
  return out;
}

export interface CounterDrift {
  orgId: number;
  dimension: string;
  value: string;
  stored: number;
  recounted: number;
}

export interface RebuildResult {
  rows: number;
  drift: CounterDrift[];
  driftCount: number;
  seconds: number;
}

/**
 * Recomputes every counter from the records and reports where the stored ones differ. With `write`, replaces the
 * table's content in one transaction.
 */
export async function rebuildCounters(
  db: Db,
  sources: ReadonlyArray<CounterSource<never>>,
  today: string,
  options: { write: boolean; maxDriftReported?: number },
): Promise<RebuildResult> {
  const started = Date.now();
  const leaves: LeafCount[] = [];
  for (const s of sources) leaves.push(...(await s.recount(db, today)));
  const expected = rollUp(leaves);
  const stored = await db.selectFrom('subtreeCounters').select(['orgId', 'dimension', 'value', 'count']).execute();
  const drift: CounterDrift[] = [];
  let driftCount = 0;
  const limit = options.maxDriftReported ?? 50;
  const note = (d: CounterDrift) => {
    driftCount++;
    if (drift.length < limit) drift.push(d);
  };
  const seen = new Set<string>();
  for (const r of stored) {
    const k = keyOf(Number(r.orgId), r.dimension, r.value);
    seen.add(k);
    const want = expected.get(k)?.delta ?? 0;
    if (Number(r.count) !== want)
      note({
        orgId: Number(r.orgId),
        dimension: r.dimension,
        value: r.value,
        stored: Number(r.count),
        recounted: want,
      });
  }
  for (const [k, e] of expected) {
    if (!seen.has(k)) note({ orgId: e.orgId, dimension: e.dimension, value: e.value, stored: 0, recounted: e.delta });
  }
  if (options.write) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('subtreeCounters').execute();
      const all = [...expected.values()];
      for (let i = 0; i < all.length; i += 5000) {
        await trx
          .insertInto('subtreeCounters')
          .values(
            all
              .slice(i, i + 5000)
              .map((c) => ({ orgId: c.orgId, dimension: c.dimension, value: c.value, count: c.delta })),
          )
          .execute();
      }
    });
  }
  return { rows: expected.size, drift, driftCount, seconds: (Date.now() - started) / 1000 };
}

/** Counter rows of every open org in a subtree for some dimensions (the warning list reads sizes this way). */
export function readCountersInSubtree(db: Db, path: string, dimensions: string[]) {
  return db
    .selectFrom('subtreeCounters as c')
    .innerJoin('orgs as o', 'o.id', 'c.orgId')
    .select(['c.orgId', 'c.dimension', 'c.value', 'c.count'])
    .where('o.path', '>=', path)
    .where('o.path', '<', `${path}~`)
    .where('c.dimension', 'in', dimensions)
    .execute();
}
