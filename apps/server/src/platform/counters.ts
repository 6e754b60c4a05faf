// Subtree counters (DESIGN.md "Data"): for each org, counts over its whole subtree by (dimension, value). Each
// module declares the dimensions of its rows once (a CounterSource); writes turn a row's before/after into deltas
// for the org and its ancestors, applied in the write's transaction as one upsert statement.
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface LeafCount {
  /** Path of the org that holds the counted rows. */
  orgPath: string;
  value: string;
  n: number;
}

export interface CounterSource<Row> {
  /** Dimension name → the values a row counts under ([] when it does not count in that dimension). */
  dimensions: Record<string, (row: Row, today: string) => readonly string[]>;
  /** One dimension counted straight from the records, per org path, for rebuild and verify. */
  recount(db: Db, dimension: string, today: string): Promise<LeafCount[]>;
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

/** Counter rows of some orgs: all, those whose dimension starts with a prefix, or those of listed dimensions. */
export function readCounters(db: Db, orgIds: number[], dimensions?: string | readonly string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  let qb = db
    .selectFrom('subtreeCounters')
    .select(['orgId', 'dimension', 'value', 'count'])
    .where('orgId', 'in', orgIds);
  if (typeof dimensions === 'string')
    qb = qb.where('dimension', '>=', dimensions).where('dimension', '<', `${dimensions}~`);
  else if (dimensions) qb = qb.where('dimension', 'in', dimensions);
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
 * Recomputes every counter from the records and reports where the stored ones differ; with `write`, replaces them.
 * One dimension at a time, each in its own transaction that first locks the counters (on PostgreSQL), so that a
 * write running meanwhile lands either wholly before the recount or wholly after the replacement, and memory
 * holds one dimension's counters at a time.
 */
export async function rebuildCounters(
  db: Db,
  sources: ReadonlyArray<CounterSource<never>>,
  today: string,
  options: { write: boolean; maxDriftReported?: number },
): Promise<RebuildResult> {
  const started = Date.now();
  const drift: CounterDrift[] = [];
  let driftCount = 0;
  let rows = 0;
  const limit = options.maxDriftReported ?? 50;
  for (const source of sources) {
    for (const dimension of Object.keys(source.dimensions)) {
      await db.transaction().execute(async (trx) => {
        if (options.write && trx.getExecutor().adapter instanceof PostgresAdapter) {
          await sql`lock table subtree_counters in exclusive mode`.execute(trx);
        }
        const expected = new Map<string, number>();
        for (const leaf of await source.recount(trx, dimension, today)) {
          if (leaf.n === 0) continue;
          for (const orgId of orgIdsOfPath(leaf.orgPath)) {
            const k = `${orgId}\u0000${leaf.value}`;
            expected.set(k, (expected.get(k) ?? 0) + leaf.n);
          }
        }
        rows += expected.size;
        const stored = await trx
          .selectFrom('subtreeCounters')
          .select(['orgId', 'value', 'count'])
          .where('dimension', '=', dimension)
          .execute();
        const note = (orgId: number, value: string, storedCount: number, recounted: number) => {
          driftCount++;
          if (drift.length < limit) drift.push({ orgId, dimension, value, stored: storedCount, recounted });
        };
        const seen = new Set<string>();
        for (const r of stored) {
          const k = `${r.orgId}\u0000${r.value}`;
          seen.add(k);
          const want = expected.get(k) ?? 0;
          if (Number(r.count) !== want) note(Number(r.orgId), r.value, Number(r.count), want);
        }
        for (const [k, n] of expected) {
          if (seen.has(k)) continue;
          const [orgId, value] = k.split('\u0000') as [string, string];
          note(Number(orgId), value, 0, n);
        }
        if (!options.write) return;
        await trx.deleteFrom('subtreeCounters').where('dimension', '=', dimension).execute();
        const batch: Array<{ orgId: number; dimension: string; value: string; count: number }> = [];
        const flush = async () => {
          if (batch.length > 0) await trx.insertInto('subtreeCounters').values(batch.splice(0)).execute();
        };
        for (const [k, n] of expected) {
          const [orgId, value] = k.split('\u0000') as [string, string];
          batch.push({ orgId: Number(orgId), dimension, value, count: n });
          if (batch.length >= 5000) await flush();
        }
        await flush();
      });
    }
  }
  return { rows, drift, driftCount, seconds: (Date.now() - started) / 1000 };
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

/**
 * Counts rows into subtree counters in memory, for bulk loads (seeding millions of rows): one typed array per
 * (dimension, value) indexed by org, rolled up from children to parents once at the end. Uses the same
 * CounterSource definitions as single writes, so both paths count alike.
 */
export function counterAccumulator(orgs: ReadonlyArray<{ id: number; parentId: number | null }>) {
  const indexOf = new Map(orgs.map((o, i) => [o.id, i]));
  const parent = Int32Array.from(orgs, (o) => (o.parentId === null ? -1 : (indexOf.get(o.parentId) ?? -1)));
  const depth = new Int32Array(orgs.length);
  for (let i = 0; i < orgs.length; i++) {
    let d = 0;
    for (let p = parent[i]!; p >= 0; p = parent[p]!) d++;
    depth[i] = d;
  }
  const slots = new Map<string, Map<string, Int32Array>>();
  const slotOf = (dimension: string, value: string) => {
    let byValue = slots.get(dimension);
    if (!byValue) {
      byValue = new Map();
      slots.set(dimension, byValue);
    }
    let counts = byValue.get(value);
    if (!counts) {
      counts = new Int32Array(orgs.length);
      byValue.set(value, counts);
    }
    return counts;
  };
  return {
    add<Row>(source: CounterSource<Row>, orgId: number, row: Row, today: string): void {
      const i = indexOf.get(orgId);
      if (i === undefined) throw new Error(`unknown org ${orgId}`);
      for (const [dimension, valuesOf] of Object.entries(source.dimensions)) {
        for (const value of valuesOf(row, today)) slotOf(dimension, value)[i]! += 1;
      }
    },
    /** The subtree counters: each org's own counts plus its descendants'. */
    *rows(): Generator<{ orgId: number; dimension: string; value: string; count: number }> {
      const deepestFirst = [...depth.keys()].sort((a, b) => depth[b]! - depth[a]!);
      for (const [dimension, byValue] of slots) {
        for (const [value, counts] of byValue) {
          for (const i of deepestFirst) if (parent[i]! >= 0) counts[parent[i]!]! += counts[i]!;
          for (let i = 0; i < orgs.length; i++) {
            if (counts[i] !== 0) yield { orgId: orgs[i]!.id, dimension, value, count: counts[i]! };
          }
        }
      }
    },
  };
}
