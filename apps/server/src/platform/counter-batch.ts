// Counter upkeep for many writes in one transaction (imports): the deltas of every row (deltasForChange) merged per
// (org, dimension, value) in memory, applied once at the end — a few upserts of up to 1,000 rows, not one per record.
import type { Db } from '../db/database.js';
import { applyCounterDeltas, type CounterDelta, type CounterSource, deltasForChange } from './counters.js';

const ROWS_PER_UPSERT = 1000;

export interface CounterBatch {
  change<Row>(
    source: CounterSource<Row>,
    before: { orgPath: string; row: Row } | null,
    after: { orgPath: string; row: Row } | null,
  ): void;
  apply(trx: Db): Promise<number>;
}

export function counterBatch(today: string): CounterBatch {
  const merged = new Map<string, CounterDelta>();
  return {
    change(source, before, after) {
      for (const d of deltasForChange(source, before, after, today)) {
        const key = `${d.orgId}\u0000${d.dimension}\u0000${d.value}`;
        const m = merged.get(key);
        if (m) m.delta += d.delta;
        else merged.set(key, { ...d });
      }
    },
    async apply(trx) {
      const all = [...merged.values()].filter((d) => d.delta !== 0);
      for (let i = 0; i < all.length; i += ROWS_PER_UPSERT) {
        await applyCounterDeltas(trx, all.slice(i, i + ROWS_PER_UPSERT));
      }
      return all.length;
    },
  };
}
