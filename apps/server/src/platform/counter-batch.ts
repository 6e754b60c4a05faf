// Counter upkeep for many writes in one transaction (imports): the deltas of every row (deltasForChange) merged in
// memory per (own org, dimension, value), spread to the ancestors and applied once at the end — a few upserts of up
// to 1,000 rows, not one per record. Merging before spreading keeps the per-row work independent of the tree's depth.
import type { Db } from '../db/database.js';
import {
  applyCounterDeltas,
  type CounterDelta,
  type CounterSource,
  deltasForChange,
  orgIdsOfPath,
} from './counters.js';

const ROWS_PER_UPSERT = 1000;

export interface CounterBatch {
  change<Row>(
    source: CounterSource<Row>,
    before: { orgPath: string; row: Row } | null,
    after: { orgPath: string; row: Row } | null,
  ): void;
  apply(trx: Db): Promise<number>;
}

function merge(into: Map<string, CounterDelta>, d: CounterDelta, orgId = d.orgId): void {
  const key = `${orgId}\u0000${d.dimension}\u0000${d.value}`;
  const m = into.get(key);
  if (m) m.delta += d.delta;
  else into.set(key, { ...d, orgId });
}

export function counterBatch(today: string): CounterBatch {
  const merged = new Map<string, CounterDelta>();
  /** Each org a row was counted in → its path (the ancestors its deltas spread to). */
  const paths = new Map<number, string>();
  const own = <Row>(side: { orgPath: string; row: Row } | null) => {
    if (!side) return null;
    const orgId = orgIdsOfPath(side.orgPath).at(-1)!;
    paths.set(orgId, side.orgPath);
    return { ...side, orgPath: `/${orgId}/` };
  };
  return {
    change(source, before, after) {
      for (const d of deltasForChange(source, own(before), own(after), today)) merge(merged, d);
    },
    async apply(trx) {
      const spread = new Map<string, CounterDelta>();
      for (const d of merged.values()) {
        if (d.delta === 0) continue;
        for (const orgId of orgIdsOfPath(paths.get(d.orgId)!)) merge(spread, d, orgId);
      }
      const all = [...spread.values()].filter((d) => d.delta !== 0);
      for (let i = 0; i < all.length; i += ROWS_PER_UPSERT) {
        await applyCounterDeltas(trx, all.slice(i, i + ROWS_PER_UPSERT));
      }
      return all.length;
    },
  };
}
